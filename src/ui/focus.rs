//! Focus mode: one entry (or the step's prompt) alone on the screen, in big letters, for the
//! room to discuss. The arrows move to the next entry.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::text::{sanitize, truncate};
use super::theme::{THEME, kind_style};
use crate::app::session_screen::Row;
use crate::app::{App, SessionScreen};
use crate::domain::grouping::group_title;
use crate::template::catalog;

pub fn draw(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let Some(step) = session.step() else {
        return;
    };
    let index = s.index();
    let groups = &index.groups;
    let all = crate::app::session_screen::rows(groups);
    let (heading, text, style) = match all.get(s.cursor) {
        Some(Row::Entry { index, group }) => {
            let e = &session.entries[*index];
            let place = group_title(&groups[*group].key, session, catalog(), app.lang, &tr.general);
            let mut head = format!("{} · {place}", tr.kind(e.kind));
            if let Some(by) = e.proposer.label() {
                head.push_str(&format!(" · {by}"));
            }
            (head, e.text.clone(), kind_style(e.kind))
        }
        _ => (
            step.title.get(app.lang).to_string(),
            step.prompt.get(app.lang).to_string(),
            THEME.title,
        ),
    };
    let inner = area.inner(ratatui::layout::Margin {
        horizontal: 4,
        vertical: 2,
    });
    let head = Line::from(Span::styled(truncate(&heading, usize::from(inner.width)), style));
    frame.render_widget(Paragraph::new(head), Rect { height: 1, ..inner });
    let body = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    match super::big::plan(&text, body.width, body.height, app.look.glyphs) {
        Some((size, lines, rows)) => {
            let y = body.y + body.height.saturating_sub(rows) / 2;
            super::big::draw(
                frame,
                Rect {
                    y,
                    height: rows,
                    ..body
                },
                size,
                lines,
                THEME.text,
            );
        }
        None => {
            // Too long for big letters: plain text, centred, with room around it.
            // Each line of the entry on a line of its own (control characters made harmless).
            let lines: Vec<Line> = text.lines().map(|l| Line::from(sanitize(l))).collect();
            let p = Paragraph::new(lines)
                .style(THEME.text.add_modifier(ratatui::style::Modifier::BOLD))
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true });
            let needed = u16::try_from(super::text::wrap(&text, usize::from(body.width)).len())
                .unwrap_or(body.height)
                .min(body.height);
            let y = body.y + body.height.saturating_sub(needed) / 2;
            frame.render_widget(
                p,
                Rect {
                    y,
                    height: needed,
                    ..body
                },
            );
        }
    }
}
