//! The list of a session's kept versions, newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::dialog::{file_name, frame_box};
use super::text::truncate;
use super::theme::THEME;
use super::widgets::hint_text;
use crate::app::backups::Backups;
use crate::app::{App, Scope};
use crate::i18n::fill;

pub fn draw(app: &App, d: &Backups, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let title = fill(&tr.backups_title, &[("name", &file_name(&d.session))]);
    let height = u16::try_from(d.rows.len() + 6).unwrap_or(u16::MAX).max(8);
    let inner = frame_box(frame, area, 80, height, &title, &hint_text(app, Scope::Backups, 78));
    let [list_area, _, question] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(2)]).areas(inner);
    if d.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(tr.backups_empty.as_str())
                .style(THEME.text)
                .wrap(Wrap { trim: true }),
            list_area,
        );
        return;
    }
    let width = usize::from(list_area.width.saturating_sub(4));
    let items: Vec<ListItem> = d
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let time = tr.date_time(r.written);
            let (text, style) = match &r.entries {
                Ok(n) => (
                    fill(&tr.backups_row, &[("time", &time), ("entries", &n.to_string())]),
                    THEME.text,
                ),
                Err(e) => (fill(&tr.backups_row_bad, &[("time", &time), ("error", e)]), THEME.warn),
            };
            ListItem::new(Line::from(Span::styled(
                truncate(&format!("{:>2}. {text}", i + 1), width),
                style,
            )))
        })
        .collect();
    let list = List::new(items).highlight_style(THEME.selected).highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(d.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
    if d.confirm
        && let Some(row) = d.selected_row()
    {
        let q = fill(&tr.backups_confirm, &[("time", &tr.date_time(row.written))]);
        frame.render_widget(Paragraph::new(q).style(THEME.warn).wrap(Wrap { trim: true }), question);
    }
}
