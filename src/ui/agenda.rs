use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::{truncate, wrap};
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
    let minutes_w = |i: usize, minutes: u32| {
        let actual = crate::domain::timer::elapsed(&s.session, i, app.now) / 60;
        match (width >= 28, actual > 0) {
            (false, _) => 0,
            (true, true) => format!(" {actual}/{minutes}'").chars().count(),
            (true, false) => format!(" {minutes}'").chars().count(),
        }
    };
    // Whole titles, wrapped, when every step fits that way; else one line each, cut.
    let wrapped: Vec<Vec<String>> = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            wrap(
                step.title.get(app.lang),
                width.saturating_sub(minutes_w(i, step.minutes) + 5).max(1),
            )
        })
        .collect();
    if wrapped.iter().map(Vec::len).sum::<usize>() <= height {
        let lines = steps
            .iter()
            .enumerate()
            .flat_map(|(i, step)| {
                let mark = if i == s.session.current_step {
                    "▶"
                } else if i < s.session.current_step {
                    "✓"
                } else {
                    " "
                };
                let actual = crate::domain::timer::elapsed(&s.session, i, app.now) / 60;
                let minutes = match (width >= 28, actual > 0) {
                    (false, _) => String::new(),
                    (true, true) => format!(" {actual}/{}'", step.minutes),
                    (true, false) => format!(" {}'", step.minutes),
                };
                let label_w = width.saturating_sub(minutes.chars().count() + 5);
                let style = row_style(s, focused, i);
                wrapped[i]
                    .iter()
                    .enumerate()
                    .map(|(n, part)| {
                        let pad = label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(part.as_str()));
                        let text = if n == 0 {
                            format!("{mark}{:>2} {part}{}{minutes}", i + 1, " ".repeat(pad))
                        } else {
                            format!("    {part}{}", " ".repeat(pad + minutes.chars().count()))
                        };
                        Line::from(Span::styled(truncate(&text, width), style))
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
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
            Line::from(Span::styled(truncate(&text, width), row_style(s, focused, i)))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_style(s: &SessionScreen, focused: bool, i: usize) -> ratatui::style::Style {
    if focused && i == s.agenda_cursor {
        THEME.selected
    } else if i == s.session.current_step {
        THEME.title
    } else {
        THEME.text
    }
}
