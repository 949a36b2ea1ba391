//! The "save as" dialog: one line for the new file's path.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::frame_box;
use super::new_form::input_line;
use super::text::sanitize;
use super::theme::THEME;
use super::widgets::{fit, hint_text};
use crate::app::save_as::{SaveAs, SaveAsError};
use crate::app::{App, Scope};

pub fn draw(app: &App, d: &SaveAs, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let inner = frame_box(
        frame,
        area,
        90,
        9,
        &tr.save_as_title,
        &hint_text(app, Scope::SaveAs, 88),
    );
    let [label, input, _, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(fit(&tr.save_as_label, label.width, THEME.heading)),
        label,
    );
    frame.render_widget(&input_line(&d.input, true, ""), input);
    let error = match &d.error {
        Some(SaveAsError::Empty) => Some(tr.save_as_empty.clone()),
        Some(SaveAsError::Failed(e)) => Some(sanitize(e)),
        None => None,
    };
    if let Some(e) = error {
        frame.render_widget(Paragraph::new(e).style(THEME.error).wrap(Wrap { trim: true }), message);
    }
}
