//! The frame every dialog is drawn in, and which dialog to draw.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::text::sanitize;
use super::theme::THEME;
use super::widgets::centered;
use crate::app::{App, Dialog};

pub fn draw(app: &App, dialog: &Dialog, frame: &mut Frame, area: Rect) {
    match dialog {
        Dialog::SaveAs(d) => super::save_as::draw(app, d, frame, area),
        Dialog::Backups(d) => super::backups::draw(app, d, frame, area),
        Dialog::Recovery(d) => super::recovery::draw(app, d, frame, area),
        Dialog::Locked(d) => super::locked::draw(app, d, frame, area),
        Dialog::Export(d) => super::export_dialog::draw(app, d, frame, area),
        Dialog::Merge(d) => super::merge_dialog::draw(app, d, frame, area),
    }
}

/// Clears a centred box of at most `w`×`h`, draws its border, title and key hints, and returns
/// the space inside.
pub fn frame_box(frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str, keys: &str) -> Rect {
    let popup = centered(area, w, h);
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(THEME.border_focus)
        .title(Span::styled(format!(" {} ", sanitize(title)), THEME.title))
        .title_bottom(Line::from(Span::styled(format!(" {keys} "), THEME.key_hint)))
        .style(THEME.base);
    let inner = block.inner(popup).inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    });
    frame.render_widget(block, popup);
    inner
}

/// The file name of a path, for titles.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
