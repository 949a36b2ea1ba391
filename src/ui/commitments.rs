//! The Bimtek IV commitments step: each OPD, its programs, who signed and when.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::wrap;
use super::theme::THEME;
use crate::app::{App, Mode, Pane, SessionScreen};
use crate::i18n::fill;

pub fn draw(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let Some(step) = session.step() else {
        return;
    };
    let focused = s.focus == Pane::Step;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { THEME.border_focus } else { THEME.border })
        .title(Span::styled(format!(" {} ", tr.commit_title), THEME.heading));
    let inner = block.inner(area).inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    });
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for l in wrap(step.title.get(app.lang), width) {
        lines.push(Line::from(Span::styled(l, THEME.title)));
    }
    for l in wrap(step.prompt.get(app.lang), width) {
        lines.push(Line::from(Span::styled(l, THEME.text)));
    }
    lines.push(Line::default());
    if session.commitments.is_empty() {
        lines.push(Line::from(Span::styled(tr.commit_empty.clone(), THEME.text)));
    }
    let highlight = focused && matches!(s.mode, Mode::Normal | Mode::ConfirmDelete(_));
    for (i, c) in session.commitments.iter().enumerate() {
        let selected = highlight && i == s.cursor;
        let pick = |st| if selected { THEME.selected } else { st };
        let signed = match (&c.signer, c.signed) {
            (name, Some(d)) if !name.is_empty() => {
                fill(&tr.commit_signed, &[("signer", name), ("date", &d.to_string())])
            }
            (name, None) if !name.is_empty() => fill(&tr.commit_signed, &[("signer", name), ("date", "—")]),
            _ => tr.commit_unsigned.clone(),
        };
        let head = format!(
            "■ {} · {} · {signed}",
            c.opd,
            fill(&tr.commit_programs_n, &[("n", &c.programs.len().to_string())])
        );
        for l in wrap(&head, width) {
            lines.push(Line::from(Span::styled(l, pick(THEME.heading))));
        }
        for id in &c.programs {
            let text = session.entry(id).map_or_else(|| format!("({id})"), |e| e.text.clone());
            for (j, l) in wrap(&text, width.saturating_sub(4)).into_iter().enumerate() {
                let lead = if j == 0 { "  • " } else { "    " };
                lines.push(Line::from(Span::styled(format!("{lead}{l}"), pick(THEME.text))));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
