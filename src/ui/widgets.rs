use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

use super::text::truncate;
use super::theme::THEME;
use crate::app::{App, Scope};

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

/// The key hints of a scope as one line of text, from the keymap: `a tambah · e ubah · …`.
/// Hints that do not fit are left out from the middle, so help and quit stay in view.
pub fn hint_text(app: &App, scope: Scope, width: u16) -> String {
    let tr = app.tr();
    let mut parts: Vec<String> = app
        .keys
        .hints(scope, &tr.key_space)
        .into_iter()
        .map(|(keys, name)| format!("{keys} {}", tr.key_hint.get(name).map_or(name, String::as_str)))
        .collect();
    let width = usize::from(width);
    let joined = |parts: &[String]| parts.join(" · ");
    while parts.len() > 3 && joined(&parts).width() > width {
        parts.remove(parts.len() - 3);
    }
    joined(&parts)
}

/// The key hints line at the bottom of a screen.
pub fn hints(app: &App, scope: Scope, width: u16) -> Line<'static> {
    fit(&hint_text(app, scope, width), width, THEME.key_hint)
}
