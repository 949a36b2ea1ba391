//! The annex of ideas sent from phones that were not taken up: every rejected idea, with their
//! count, and how many still wait in the inbox. Nothing a participant sent disappears from the
//! record, even what the room set aside.

use super::book::{Block, Column, Ctx, Table};
use crate::domain::Proposer;
use crate::domain::idea::IdeaStatus;
use crate::i18n::fill;

/// Appends the annex, only to books of sessions that received ideas from phones: a session run
/// without the room has nothing to say here.
pub(super) fn rejected_ideas(c: &Ctx, out: &mut Vec<Block>) {
    let ideas = &c.s.ideas;
    if ideas.is_empty() {
        return;
    }
    out.push(Block::Section(c.tr.out_rejected_ideas.clone()));
    let rejected: Vec<_> = ideas.iter().filter(|i| i.status == IdeaStatus::Rejected).collect();
    let pending = ideas.iter().filter(|i| i.status == IdeaStatus::Pending).count();
    out.push(Block::Para(fill(
        &c.tr.out_rejected_count,
        &[
            ("rejected", &rejected.len().to_string()),
            ("total", &ideas.len().to_string()),
        ],
    )));
    if pending > 0 {
        out.push(Block::Para(fill(
            &c.tr.out_ideas_pending,
            &[("n", &pending.to_string())],
        )));
    }
    if rejected.is_empty() {
        return;
    }
    let step = |id: &str| {
        c.s.agenda
            .steps
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| s.title.get(c.lang).to_string())
    };
    let column = |title: &str, width: u16, numeric: bool| Column {
        title: title.to_string(),
        width,
        numeric,
    };
    let rows = rejected
        .iter()
        .enumerate()
        .map(|(n, i)| {
            vec![
                (n + 1).to_string(),
                step(&i.step),
                c.tr.kind(i.kind).to_string(),
                i.text.clone(),
                Proposer::from_fields(&i.name, &i.opd)
                    .label()
                    .unwrap_or_else(|| c.tr.room_anonymous.clone()),
            ]
        })
        .collect();
    out.push(Block::Table(Table {
        columns: vec![
            column(&c.tr.out_col_no, 2, true),
            column(&c.tr.out_col_step, 4, false),
            column(&c.tr.out_col_kind, 3, false),
            column(&c.tr.out_col_text, 10, false),
            column(&c.tr.out_col_proposer, 4, false),
        ],
        rows,
    }));
}
