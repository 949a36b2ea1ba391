use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::truncate;
use super::theme::THEME;
use crate::app::{App, Pane, SessionScreen};
use crate::i18n::fill;

pub fn draw(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let focused = s.focus == Pane::Agenda;
    let steps = &s.session.agenda.steps;
    let total = s.session.agenda.planned_minutes();
    let mut planned = fill(&tr.planned_total, &[("time", &tr.duration(total))]);
    // A narrow agenda keeps the figure and drops the word before it.
    if unicode_width::UnicodeWidthStr::width(planned.as_str()) + 4 > usize::from(area.width) {
        planned = tr.duration(total);
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { THEME.border_focus } else { THEME.border })
        .title(Span::styled(format!(" {} ", tr.agenda_title), THEME.heading))
        .title_bottom(Span::styled(format!(" {planned} "), THEME.text));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    let anchor = if focused {
        s.agenda_cursor
    } else {
        s.session.current_step
    };
    let first = if steps.len() <= height {
        0
    } else {
        anchor.saturating_sub(height / 2).min(steps.len() - height)
    };
    let lines: Vec<Line> = steps
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, step)| {
            let mark = if i == s.session.current_step {
                "▶"
            } else if i < s.session.current_step {
                "✓"
            } else {
                " "
            };
            // Durations only where there is room; the step's own title bar always shows its own.
            // Actual time beside the plan once a step has been timed: `34/30'`.
            let actual = crate::domain::timer::elapsed(&s.session, i, app.now) / 60;
            let minutes = match (width >= 28, actual > 0) {
                (false, _) => String::new(),
                (true, true) => format!(" {actual}/{}'", step.minutes),
                (true, false) => format!(" {}'", step.minutes),
            };
            let label_w = width.saturating_sub(minutes.chars().count() + 5);
            let label = truncate(step.title.get(app.lang), label_w);
            let pad = label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            let text = format!("{mark}{:>2} {label}{}{minutes}", i + 1, " ".repeat(pad));
            let style = if focused && i == s.agenda_cursor {
                THEME.selected
            } else if i == s.session.current_step {
                THEME.title
            } else {
                THEME.text
            };
            Line::from(Span::styled(truncate(&text, width), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
