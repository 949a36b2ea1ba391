//! A session another bimtek has open: who, and the offer to read it only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::frame_box;
use super::text::sanitize;
use super::theme::THEME;
use super::widgets::hint_text;
use crate::app::locked::Locked;
use crate::app::{App, Scope};

pub fn draw(app: &App, d: &Locked, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let inner = frame_box(frame, area, 80, 9, &tr.locked_title, &hint_text(app, Scope::Locked, 78));
    frame.render_widget(
        Paragraph::new(sanitize(&d.message))
            .style(THEME.warn)
            .wrap(Wrap { trim: true }),
        inner,
    );
}
