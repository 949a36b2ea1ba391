//! The help overlay: every binding of the keymap, the keys of what is open first. In as many
//! columns as the width allows; descriptions wrap rather than being cut; scrolled with the
//! arrows when even that does not fit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::text::wrap;
use super::theme::THEME;
use crate::app::keymap::{Scope, full_name, keys_label};
use crate::app::{App, Screen};
use crate::i18n::fill;

/// A column narrower than this wraps descriptions into too many lines.
const MIN_COLUMN: u16 = 44;
/// The keys column never takes more than this share of a column.
const MAX_KEYS_SHARE: usize = 3;

/// The scopes in the order the help shows them: what is open, the keys that also work there,
/// then every other scope.
pub fn scope_order(app: &App) -> Vec<Scope> {
    let open = match app.scope() {
        // The help itself is open: show what it was opened over.
        Scope::Help => {
            let mut under = app.clone();
            under.help = false;
            under.scope()
        }
        s => s,
    };
    let mut order = vec![open];
    order.extend(open.fallbacks());
    let screen = match app.screen {
        Screen::Home(_) => Scope::Home,
        Screen::Session(_) => Scope::Session,
    };
    order.push(screen);
    order.extend(screen.fallbacks());
    order.extend(Scope::ALL);
    let mut seen = Vec::new();
    order.retain(|s| {
        let new = !seen.contains(s);
        seen.push(*s);
        new
    });
    order
}

/// Lines of one scope's section, for a column `width` wide.
fn section_lines(app: &App, scope: Scope, width: usize) -> Vec<Line<'static>> {
    let tr = app.tr();
    let rows: Vec<(String, String)> = app
        .keys
        .bindings(scope)
        .map(|(b, keys)| {
            let what = tr.key_help.get(&full_name(b)).cloned().unwrap_or_else(|| full_name(b));
            (keys_label(keys, &tr.key_space), what)
        })
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    let heading = tr
        .key_scope
        .get(scope.code())
        .cloned()
        .unwrap_or_else(|| scope.code().to_string());
    let mut lines = vec![Line::from(Span::styled(heading, THEME.heading))];
    let widest = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let key_w = widest.min(width / MAX_KEYS_SHARE).max(1);
    let what_w = width.saturating_sub(key_w + 3).max(10);
    for (keys, what) in rows {
        // Keys wider than their column get a line of their own.
        let own_line = keys.width() > key_w;
        if own_line {
            lines.push(Line::from(Span::styled(format!("  {keys}"), THEME.accent)));
        }
        for (i, part) in wrap(&what, what_w).into_iter().enumerate() {
            let left = if i == 0 && !own_line {
                format!("  {keys:<key_w$} ")
            } else {
                " ".repeat(key_w + 3)
            };
            lines.push(Line::from(vec![
                Span::styled(left, THEME.accent),
                Span::styled(part, THEME.text),
            ]));
        }
    }
    lines
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let popup = area.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    });
    frame.render_widget(Clear, popup);
    let inner_h = usize::from(popup.height.saturating_sub(2));
    let cols = (popup.width.saturating_sub(2) / MIN_COLUMN).clamp(1, 4);
    let col_w = usize::from(popup.width.saturating_sub(2) / cols).saturating_sub(1);
    let sections: Vec<Vec<Line>> = scope_order(app)
        .into_iter()
        .map(|s| section_lines(app, s, col_w))
        .filter(|l| !l.is_empty())
        .collect();
    let total: usize = sections.iter().map(|s| s.len() + 1).sum();
    // Columns as even as whole sections allow, and never shorter than the screen.
    let target = total.div_ceil(usize::from(cols)).max(inner_h);
    let mut columns: Vec<Vec<Line>> = vec![Vec::new()];
    for lines in sections {
        let current = columns.last().map_or(0, Vec::len);
        if current > 0 && current + lines.len() + 1 > target && columns.len() < usize::from(cols) {
            columns.push(Vec::new());
        }
        let col = columns.last_mut().expect("at least one column");
        if !col.is_empty() {
            col.push(Line::default());
        }
        col.extend(lines);
    }
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let scroll = app.help_scroll.min(tallest.saturating_sub(inner_h));
    let more = tallest.saturating_sub(scroll + inner_h);
    let bottom = if more > 0 {
        fill(&tr.more_below, &[("n", &more.to_string())]) + " · ↑↓ PgDn · " + &tr.help_close
    } else {
        tr.help_close.clone()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(THEME.border_focus)
        .title(Span::styled(format!(" {} ", tr.help_title), THEME.title))
        .title_bottom(Span::styled(
            format!(" {bottom} "),
            if more > 0 { THEME.warn } else { THEME.key_hint },
        ))
        .style(THEME.base);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, u32::from(cols)); usize::from(cols)]).split(inner);
    for (col, rect) in columns.into_iter().zip(areas.iter()) {
        let visible: Vec<Line> = col.into_iter().skip(scroll).take(inner_h).collect();
        frame.render_widget(Paragraph::new(visible), *rect);
    }
}
