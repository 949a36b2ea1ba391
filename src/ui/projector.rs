//! The room's view: the step title big, the prompt, the entries with space between them, the
//! timer, and vote results once revealed. No notes, no key hints. On a wide screen the elements
//! stand side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::step::{entry_lines, entry_list, row_lines};
use super::text::{truncate, wrap};
use super::theme::{THEME, kind_style};
use crate::app::panels::vote::{ordered, round_for_step};
use crate::app::session_screen::{Row, rows};
use crate::app::{App, SaveState, SessionScreen};
use crate::domain::grouping::Group;
use crate::domain::vote::ranking;
use crate::i18n::fill;

/// At this width and more, each element gets its own column.
pub const COLUMNS_FROM: u16 = 160;

pub fn draw(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let Some(step) = session.step() else {
        return;
    };
    let failed = matches!(s.save, SaveState::Failed(_));
    let [bar, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(u16::from(failed)),
    ])
    .areas(area);
    top_bar(app, s, frame, bar);
    if let SaveState::Failed(e) = &s.save {
        // Saving trouble must reach the facilitator even on the room's screen.
        let msg = fill(&tr.save_failed, &[("error", &tr.os_error(e))]);
        frame.render_widget(
            Paragraph::new(truncate(&msg, usize::from(status.width))).style(THEME.error),
            status,
        );
    }
    let body = body.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    });
    let width = usize::from(body.width);

    // The title: as big as fits in a quarter of the height, else bold on its own line.
    let title = step.title.get(app.lang);
    let max_title_rows = (body.height / 4).max(4);
    let mut y = body.y;
    match super::big::plan(title, body.width, max_title_rows, app.look.glyphs) {
        Some((size, lines, rows)) => {
            super::big::draw(frame, Rect { height: rows, ..body }, size, lines, THEME.title);
            y += rows + 1;
        }
        None => {
            let lines: Vec<Line> = wrap(title, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, THEME.title)))
                .collect();
            let h = u16::try_from(lines.len()).unwrap_or(1);
            frame.render_widget(
                Paragraph::new(lines),
                Rect {
                    y,
                    height: h.min(body.height),
                    ..body
                },
            );
            y += h + 1;
        }
    }
    let prompt: Vec<Line> = wrap(step.prompt.get(app.lang), width)
        .into_iter()
        .take(4)
        .map(|l| Line::from(Span::styled(l, THEME.text)))
        .collect();
    let ph = u16::try_from(prompt.len()).unwrap_or(0);
    let bottom = body.y + body.height;
    if y + ph <= bottom {
        frame.render_widget(Paragraph::new(prompt), Rect { y, height: ph, ..body });
        y += ph + u16::from(ph > 0);
    }
    if y >= bottom {
        return;
    }
    let rest = Rect {
        y,
        height: bottom - y,
        ..body
    };
    if let Some(round) = round_for_step(session).filter(|r| r.revealed) {
        results(app, s, round, frame, rest);
        return;
    }
    // The step's cached index: a frame costs what is visible, not the whole session.
    let index = s.index();
    let groups = &index.groups;
    if groups.is_empty() {
        return;
    }
    if body.width >= COLUMNS_FROM && groups.len() >= 2 {
        columns(app, s, groups, frame, rest);
    } else {
        entry_list(app, s, groups, false, true, frame, rest);
    }
}

fn top_bar(app: &App, s: &SessionScreen, frame: &mut Frame, bar: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let (timer, phase) = super::session::timer_text(tr, session, app.now);
    let step = fill(
        &tr.step_of,
        &[
            ("n", &(session.current_step + 1).to_string()),
            ("total", &session.agenda.steps.len().to_string()),
        ],
    );
    let waiting = if app.look.waiting {
        format!(" {} ", tr.audience_waiting)
    } else {
        String::new()
    };
    let right = format!(" {step} ");
    let width = usize::from(bar.width);
    let left_w = width.saturating_sub(right.width() + timer.width() + waiting.width());
    let title = truncate(
        &format!(" {} · Bimtek {}", session.region, session.stage.roman()),
        left_w,
    );
    let pad = " ".repeat(left_w.saturating_sub(title.width()));
    let spans = vec![
        Span::styled(format!("{title}{pad}"), THEME.bar),
        Span::styled(waiting, THEME.warn),
        Span::styled(right, THEME.bar),
        Span::styled(timer, super::session::timer_style(phase)),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)).style(THEME.bar), bar);
}

/// One column per heading (element), newest entries kept in view.
fn columns(app: &App, s: &SessionScreen, groups: &[Group], frame: &mut Frame, area: Rect) {
    let shown: Vec<usize> = (0..groups.len())
        .filter(|&g| {
            !groups[g].entries.is_empty() || !matches!(groups[g].key, crate::domain::GroupKey::PillarGeneral(_))
        })
        .collect();
    let n = u32::try_from(shown.len().max(1)).unwrap_or(1);
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, n); shown.len()])
        .spacing(2)
        .split(area);
    let all = rows(groups);
    for (&g, rect) in shown.iter().zip(areas.iter()) {
        let width = usize::from(rect.width);
        let height = usize::from(rect.height);
        let mut lines = row_lines(app, &s.session, groups, Row::Header(g), width, false);
        // Each element's guiding question under its heading: the room answers it.
        if let crate::domain::GroupKey::Element(code) = &groups[g].key
            && let Some(e) = crate::template::catalog()
                .element(code)
                .filter(|e| !e.question.is_empty())
        {
            lines.extend(
                wrap(e.question.get(app.lang), width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, THEME.accent))),
            );
        }
        lines.push(Line::default());
        let mut body: Vec<Vec<Line>> = groups[g]
            .entries
            .iter()
            .map(|&i| {
                let mut l = entry_lines(app.tr(), &s.session.entries[i], width, false);
                l.push(Line::default());
                l
            })
            .collect();
        // The newest entries matter most in a live session: drop the oldest that do not fit.
        let mut hidden = 0;
        while !body.is_empty()
            && lines.len() + body.iter().map(Vec::len).sum::<usize>() + usize::from(hidden > 0) > height
        {
            body.remove(0);
            hidden += 1;
        }
        if hidden > 0 {
            lines.push(Line::from(Span::styled(
                fill(&app.tr().more_above, &[("n", &hidden.to_string())]),
                THEME.warn,
            )));
        }
        lines.extend(body.into_iter().flatten());
        let _ = &all;
        frame.render_widget(Paragraph::new(lines), *rect);
    }
}

/// The ranking of a revealed voting round, big and plain.
fn results(app: &App, s: &SessionScreen, round: &crate::domain::vote::VoteRound, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let cands = ordered(session, round);
    let ids: Vec<&str> = cands.iter().map(|&i| session.entries[i].id.as_str()).collect();
    let ranked = ranking(round, &ids);
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::from(Span::styled(
            format!(
                "{} · {}",
                tr.vote_revealed,
                fill(&tr.vote_total, &[("n", &round.total_votes().to_string())])
            ),
            THEME.heading,
        )),
        Line::default(),
    ];
    for r in &ranked {
        let Some(e) = session.entry(&r.entry) else {
            continue;
        };
        let rank = if r.tied {
            format!("{}=", r.rank)
        } else {
            format!("{}.", r.rank)
        };
        let head = format!("{rank:>4} {:>3} ", r.votes);
        let text = wrap(&e.text, width.saturating_sub(head.width() + 1));
        for (n, l) in text.into_iter().enumerate() {
            let lead = if n == 0 { head.clone() } else { " ".repeat(head.width()) };
            lines.push(Line::from(vec![
                Span::styled(lead, kind_style(e.kind)),
                Span::styled(l, THEME.text),
            ]));
        }
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), area);
}
