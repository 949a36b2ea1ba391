use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{frame_block, window};
use crate::app::panels::vote::{VotePanel, ordered, voters};
use crate::app::{App, SessionScreen};
use crate::domain::vote::ranking;
use crate::i18n::fill;
use crate::ui::text::{truncate, wrap};
use crate::ui::theme::{THEME, kind_style};

pub fn draw(app: &App, s: &SessionScreen, p: &VotePanel, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let step_title = session
        .step()
        .map(|st| st.title.get(app.lang).to_string())
        .unwrap_or_default();
    let inner = frame_block(frame, area, &format!("{} · {step_title}", tr.vote_title));
    let width = usize::from(inner.width);
    let Some(round) = session.votes.iter().find(|r| r.id == p.round) else {
        return;
    };
    let stacking = if round.stacking {
        &tr.vote_stacking_yes
    } else {
        &tr.vote_stacking_no
    };
    let mut lines: Vec<Line> = Vec::new();
    let state = if round.revealed {
        (&tr.vote_revealed, THEME.ok)
    } else {
        (&tr.vote_hidden, THEME.warn)
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{}  ", state.0), state.1),
        Span::styled(
            fill(
                &tr.vote_rules,
                &[("budget", &round.budget.to_string()), ("stacking", stacking)],
            ),
            THEME.text,
        ),
        Span::styled(
            format!(
                " · {}",
                fill(&tr.vote_total, &[("n", &round.total_votes().to_string())])
            ),
            THEME.text,
        ),
    ]));
    let voters = voters(session);
    let voter = voters.get(p.voter).copied().flatten();
    let voter_line = match &p.picking {
        Some(part) => {
            let found = crate::app::panels::vote::voter_matching(session, part)
                .and_then(|i| voters.get(i).copied().flatten())
                .map_or_else(|| tr.vote_picking_none.clone(), |v| v.name.clone());
            fill(&tr.vote_picking, &[("part", part), ("name", &found)])
        }
        None => match voter {
            Some(v) => {
                let left = round.budget.saturating_sub(round.spent(&v.id));
                fill(
                    &tr.vote_voter,
                    &[
                        ("name", &v.name),
                        ("left", &left.to_string()),
                        ("budget", &round.budget.to_string()),
                    ],
                )
            }
            None if !p.typed.is_empty() => fill(&tr.vote_typed, &[("n", &p.typed)]),
            None => tr.vote_tally.clone(),
        },
    };
    lines.push(Line::from(Span::styled(truncate(&voter_line, width), THEME.accent)));
    lines.push(Line::default());
    let cands = ordered(session, round);
    if cands.is_empty() {
        lines.extend(
            crate::ui::text::wrap(&tr.vote_empty, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, THEME.text))),
        );
    }
    let ids: Vec<&str> = cands.iter().map(|&i| session.entries[i].id.as_str()).collect();
    let ranks = ranking(round, &ids);
    let mine = |entry: &str| {
        round
            .ballots
            .iter()
            .filter(|b| b.entry == entry && b.participant.as_deref() == voter.map(|v| v.id.as_str()))
            .map(|b| b.count)
            .sum::<u32>()
    };
    // Each idea takes up to two lines, so the window counts ideas at two lines each.
    let height = usize::from(inner.height).saturating_sub(lines.len()) / 2;
    let shown = window(cands.len(), p.cursor, height);
    if shown.start > 0 {
        lines.push(Line::from(Span::styled(
            fill(&tr.more_above, &[("n", &shown.start.to_string())]),
            THEME.warn,
        )));
    }
    // One bar width for every row, so counts, dots and texts stand in columns; revealed bars
    // are scaled to the largest count rather than cut.
    let top = ranks.iter().map(|r| r.votes).max().unwrap_or(0);
    let need = if round.revealed { top } else { round.budget };
    let bar_w: u32 = need.clamp(1, if width >= 80 { 12 } else { 6 });
    let bar = |votes: u32, scale: u32| {
        let n = if scale <= bar_w || scale == 0 {
            votes
        } else {
            // Rounded, and at least one dot for any vote.
            ((votes * bar_w + scale / 2) / scale).max(u32::from(votes > 0))
        };
        let n = usize::try_from(n.min(bar_w)).unwrap_or(0);
        format!("{:<w$}", "●".repeat(n), w = usize::try_from(bar_w).unwrap_or(0))
    };
    for (pos, &i) in cands.iter().enumerate().skip(shown.start).take(height) {
        let e = &session.entries[i];
        let selected = pos == p.cursor;
        let total = ranks.iter().find(|r| r.entry == e.id);
        let score = if round.revealed {
            let r = total.map_or((0, false, 0), |r| (r.rank, r.tied, r.votes));
            let tie = if r.1 {
                format!("= ({})", tr.vote_tie)
            } else {
                ".".into()
            };
            format!("{:>2}{tie:<8} {:>3} {}", r.0, r.2, bar(r.2, top))
        } else {
            let m = mine(&e.id);
            format!("  ?  {}", bar(m, round.budget.max(m)))
        };
        let text_w = width.saturating_sub(score.chars().count() + 1);
        let mut text = wrap(&e.text, text_w.max(10));
        if text.len() > 2 {
            text.truncate(2);
            text[1] = truncate(&format!("{} …", text[1]), text_w);
        }
        let base = if selected { THEME.selected } else { THEME.text };
        let score_style = if selected {
            THEME.selected
        } else if round.revealed {
            kind_style(e.kind)
        } else {
            THEME.accent
        };
        for (n, l) in text.into_iter().enumerate() {
            let lead = if n == 0 {
                score.clone()
            } else {
                " ".repeat(score.chars().count())
            };
            lines.push(Line::from(vec![
                Span::styled(lead, score_style),
                Span::styled(format!(" {l}"), base),
            ]));
        }
    }
    if shown.end < cands.len() {
        let more = cands.len() - shown.end;
        lines.push(Line::from(Span::styled(
            fill(&tr.more_below, &[("n", &more.to_string())]),
            THEME.warn,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
