use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{frame_block, window};
use crate::app::panels::find::{FindPanel, matches};
use crate::app::panels::line_text;
use crate::app::{App, SessionScreen};
use crate::i18n::fill;
use crate::template::catalog;
use crate::ui::text::truncate;
use crate::ui::theme::{THEME, kind_style};

pub fn draw(app: &App, s: &SessionScreen, p: &FindPanel, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let inner = frame_block(frame, area, &tr.find_title);
    let width = usize::from(inner.width);
    let query = line_text(&p.query);
    let found = matches(session, &query);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("/ ", THEME.accent),
            Span::styled(crate::ui::text::with_cursor(&p.query, true), THEME.selected),
        ]),
        Line::from(Span::styled(
            if query.is_empty() {
                tr.find_hint.clone()
            } else if found.is_empty() {
                tr.find_none.clone()
            } else {
                fill(&tr.find_count, &[("n", &found.len().to_string())])
            },
            THEME.key_hint,
        )),
    ];
    let height = usize::from(inner.height).saturating_sub(lines.len());
    for (n, &i) in found
        .iter()
        .enumerate()
        .skip(window(found.len(), p.cursor, height).start)
        .take(height)
    {
        let e = &session.entries[i];
        let tag = format!("[{}] ", tr.kind(e.kind));
        let about: Vec<String> = [
            e.pillar.map(|pl| catalog().pillar_name(pl, app.lang)),
            e.proposer.label(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let rest = if about.is_empty() {
            e.text.clone()
        } else {
            format!("{} — {}", e.text, about.join(" · "))
        };
        let selected = n == p.cursor;
        let rest = truncate(&rest, width.saturating_sub(tag.chars().count()));
        lines.push(Line::from(vec![
            Span::styled(tag, if selected { THEME.selected } else { kind_style(e.kind) }),
            Span::styled(rest, if selected { THEME.selected } else { THEME.text }),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
