use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{frame_block, window};
use crate::app::panels::commitments::{CommitmentForm, Field, program_entries};
use crate::app::{App, SessionScreen};
use crate::ui::text::truncate;
use crate::ui::theme::THEME;

pub fn draw(app: &App, s: &SessionScreen, p: &CommitmentForm, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let inner = frame_block(frame, area, &tr.commit_title);
    let width = usize::from(inner.width);
    let label_w = 18.min(width / 2);
    let mut lines: Vec<Line> = Vec::new();
    for (f, label, t) in [
        (Field::Opd, &tr.commit_opd, &p.opd),
        (Field::Signer, &tr.commit_signer, &p.signer),
        (Field::Date, &tr.commit_date, &p.date),
    ] {
        let focused = p.field() == f;
        let value = crate::ui::text::with_cursor(t, focused);
        lines.push(Line::from(vec![
            Span::styled(format!("{:<label_w$} ", truncate(label, label_w)), THEME.heading),
            Span::styled(
                truncate(&value, width.saturating_sub(label_w + 1)),
                if focused { THEME.selected } else { THEME.text },
            ),
        ]));
    }
    let on_list = p.field() == Field::Programs;
    lines.push(Line::from(Span::styled(
        tr.commit_programs.clone(),
        if on_list { THEME.title } else { THEME.heading },
    )));
    let programs = program_entries(&s.session);
    let height = usize::from(inner.height).saturating_sub(lines.len());
    for (n, &i) in programs
        .iter()
        .enumerate()
        .skip(window(programs.len(), p.cursor, height).start)
        .take(height)
    {
        let e = &s.session.entries[i];
        let ticked = if p.programs.contains(&e.id) { "[x]" } else { "[ ]" };
        let opd = e.program.as_ref().map(|x| x.opd.as_str()).filter(|o| !o.is_empty());
        let line = format!(
            "{ticked} {}{}",
            e.text,
            opd.map(|o| format!(" — {o}")).unwrap_or_default()
        );
        let style = if on_list && n == p.cursor {
            THEME.selected
        } else {
            THEME.text
        };
        lines.push(Line::from(Span::styled(truncate(&line, width), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
