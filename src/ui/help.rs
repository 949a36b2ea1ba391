//! The help overlay: every key, for the screen in use first. In as many columns as the width
//! allows; scrolled with the arrows when even that does not fit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::truncate;
use super::theme::THEME;
use crate::app::{App, Screen};
use crate::i18n::fill;

/// A column narrower than this cuts the descriptions too short to read.
const MIN_COLUMN: u16 = 44;

fn sections(app: &App) -> Vec<(&String, &Vec<(String, String)>)> {
    let tr = app.tr();
    let everywhere = (&tr.help_everywhere, &tr.help_keys_everywhere);
    let home = (&tr.help_home, &tr.help_keys_home);
    let session = (&tr.help_session, &tr.help_keys_session);
    let tools = (&tr.help_tools, &tr.help_keys_tools);
    let form = (&tr.help_form, &tr.help_keys_form);
    let data = (&tr.help_data, &tr.help_keys_data);
    let outputs = (&tr.out_help_title, &tr.out_help_keys);
    match app.screen {
        Screen::Home(_) => vec![everywhere, home, data, outputs, session, tools, form],
        Screen::Session(_) => vec![everywhere, session, tools, form, outputs, data, home],
    }
}

/// Lines of one section; kept together in a column where possible.
fn section_lines(heading: &str, keys: &[(String, String)], width: usize) -> Vec<Line<'static>> {
    let key_w = 14;
    let mut lines = vec![Line::from(Span::styled(heading.to_string(), THEME.heading))];
    for (k, what) in keys {
        lines.push(Line::from(vec![
            Span::styled(format!("  {k:<key_w$} "), THEME.accent),
            Span::styled(truncate(what, width.saturating_sub(key_w + 3)), THEME.text),
        ]));
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
    let cols = (popup.width.saturating_sub(2) / MIN_COLUMN).clamp(1, 3);
    let col_w = usize::from(popup.width.saturating_sub(2) / cols);
    // Fill columns section by section.
    let mut columns: Vec<Vec<Line>> = vec![Vec::new()];
    for (heading, keys) in sections(app) {
        let lines = section_lines(heading, keys, col_w);
        let current = columns.last().map_or(0, Vec::len);
        let needed = lines.len() + usize::from(current > 0);
        if current > 0 && current + needed > inner_h && columns.len() < usize::from(cols) {
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
        fill(&tr.more_below, &[("n", &more.to_string())]) + " · ↑↓ · " + &tr.help_close
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
