use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{bar, frame_block};
use crate::app::panels::readiness::ReadinessPanel;
use crate::app::{App, SessionScreen};
use crate::domain::readiness::{self, MAX, aspect_average_tenths};
use crate::i18n::fill;
use crate::template::catalog;
use crate::ui::text::{truncate, wrap};
use crate::ui::theme::THEME;

pub fn draw(app: &App, s: &SessionScreen, p: &ReadinessPanel, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let lang = app.lang;
    let inner = frame_block(frame, area, &tr.readiness_title);
    let width = usize::from(inner.width);
    let scope = match p.pillar {
        Some(pl) => catalog().pillar_name(pl, lang),
        None => tr.readiness_whole.clone(),
    };
    let mut lines: Vec<Line> = Vec::new();
    for l in wrap(&tr.readiness_disclaimer, width) {
        lines.push(Line::from(Span::styled(l, THEME.notes)));
    }
    lines.push(Line::from(Span::styled(
        fill(&tr.readiness_scope, &[("scope", &format!("◀ {scope} ▶"))]),
        THEME.accent,
    )));
    let name_w = (width / 3).clamp(12, 28);
    let mut index = 0;
    for aspect in &catalog().aspects {
        let avg = aspect_average_tenths(&s.session.readiness, catalog(), aspect.code, p.pillar)
            .map(|t| fill(&tr.readiness_average, &[("value", &tr.tenths(t))]))
            .unwrap_or_else(|| tr.readiness_unscored.clone());
        lines.push(Line::from(Span::styled(
            format!("{} · {avg}", aspect.name.get(lang)),
            THEME.heading,
        )));
        for sub in &aspect.subs {
            let score = readiness::find(&s.session.readiness, &sub.code, p.pillar);
            let selected = index == p.cursor;
            let name = truncate(sub.name.get(lang), name_w);
            let pad = " ".repeat(name_w.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str())));
            let value = score.map_or_else(
                || format!("{}   {}", bar(0, MAX), tr.readiness_unscored),
                |sc| format!("{} {}", bar(sc.score, MAX), sc.score),
            );
            let mut line = format!("  {name}{pad} {value}");
            if let Some(sc) = score.filter(|sc| !sc.note.is_empty()) {
                line.push_str(&format!("  {}", sc.note));
            }
            let style = if selected { THEME.selected } else { THEME.text };
            lines.push(Line::from(Span::styled(truncate(&line, width), style)));
            if selected && let Some(note) = &p.note {
                lines.push(Line::from(vec![
                    Span::styled(format!("    {}: ", tr.readiness_note), THEME.accent),
                    Span::styled(crate::ui::text::with_cursor(note, true), THEME.text),
                ]));
            }
            index += 1;
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
