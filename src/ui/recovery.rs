//! The question after a crash: use the recovery copy or set it aside.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::{file_name, frame_box};
use super::text::sanitize;
use super::theme::THEME;
use super::widgets::hint_text;
use crate::app::recovery::Recovery;
use crate::app::{App, Scope};
use crate::i18n::fill;

pub fn draw(app: &App, d: &Recovery, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let o = &d.offer;
    let inner = frame_box(
        frame,
        area,
        84,
        12,
        &tr.recovery_title,
        &hint_text(app, Scope::Recovery, 82),
    );
    let mut lines = Vec::new();
    match &o.entries {
        Ok(n) => {
            let text = fill(
                &tr.recovery_text,
                &[
                    ("name", &file_name(&o.session)),
                    ("recovery", &file_name(&o.recovery)),
                    ("time", &tr.date_time(o.written)),
                    ("entries", &n.to_string()),
                ],
            );
            lines.push(Line::from(Span::styled(sanitize(&text), THEME.text)));
        }
        Err(e) => {
            let text = fill(&tr.recovery_bad, &[("error", e)]);
            lines.push(Line::from(Span::styled(sanitize(&text), THEME.warn)));
        }
    }
    lines.push(Line::default());
    let current = match o.current_entries {
        Some(n) => fill(&tr.recovery_current, &[("entries", &n.to_string())]),
        None => tr.recovery_current_missing.clone(),
    };
    lines.push(Line::from(Span::styled(current, THEME.text)));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
