//! The export dialog: the four formats, where the file goes, and the question before a file of
//! that name is replaced.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::frame_box;
use super::text::sanitize;
use super::theme::THEME;
use super::widgets::hint_text;
use crate::app::export_dialog::ExportChooser;
use crate::app::{App, Scope};
use crate::export::Format;
use crate::i18n::fill;

pub fn draw(app: &App, d: &ExportChooser, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let scope = if d.confirm.is_some() {
        Scope::ExportExists
    } else {
        Scope::Export
    };
    let inner = frame_box(frame, area, 80, 15, &tr.out_dialog_title, &hint_text(app, scope, 78));
    let [place, _, list, _, message] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(crate::app::export_dialog::CHOICES as u16),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let (format, book) = d.choice();
    let name = if book {
        format!("{}.buku.{}", d.stem, format.extension())
    } else {
        format!("{}.{}", d.stem, format.extension())
    };
    frame.render_widget(
        Paragraph::new(sanitize(&fill(&tr.out_dialog_where, &[("name", &name)])))
            .style(THEME.text)
            .wrap(Wrap { trim: true }),
        place,
    );
    let lines: Vec<Line> = (0..crate::app::export_dialog::CHOICES)
        .map(|i| {
            let label = tr
                .out_formats
                .get(i)
                .or_else(|| tr.out_book_formats.get(i - Format::ALL.len()))
                .map_or("", String::as_str);
            let chosen = i == d.selected;
            let mark = if chosen { "▶ " } else { "  " };
            let style = if chosen { THEME.selected } else { THEME.text };
            Line::from(Span::styled(format!("{mark}{} {label}", i + 1), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    let (text, style) = match (&d.confirm, &d.error) {
        (Some(path), _) => (
            fill(&tr.out_dialog_exists, &[("path", &path.display().to_string())]),
            THEME.warn,
        ),
        (None, Some(e)) => (e.clone(), THEME.error),
        (None, None) => (String::new(), THEME.text),
    };
    frame.render_widget(
        Paragraph::new(sanitize(&text)).style(style).wrap(Wrap { trim: true }),
        message,
    );
}
