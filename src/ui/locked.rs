//! A session another bimtek has open: who, and the offer to read it only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::frame_box;
use super::text::sanitize;
use super::theme::THEME;
use crate::app::App;
use crate::app::locked::Locked;

pub fn draw(app: &App, d: &Locked, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let inner = frame_box(frame, area, 80, 9, &tr.locked_title, &tr.locked_keys);
    frame.render_widget(
        Paragraph::new(sanitize(&d.message))
            .style(THEME.warn)
            .wrap(Wrap { trim: true }),
        inner,
    );
}
