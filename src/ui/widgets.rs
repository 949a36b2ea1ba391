use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::truncate;
use super::theme::THEME;

/// A rectangle of at most `w`×`h` in the middle of `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// One line that never overflows: cut with `…` at the edge.
pub fn fit(text: &str, width: u16, style: Style) -> Line<'static> {
    Line::from(Span::styled(truncate(text, usize::from(width)), style))
}

/// The key hints line at the bottom of a screen.
pub fn hints(text: &str, width: u16) -> Line<'static> {
    fit(text, width, THEME.key_hint)
}
