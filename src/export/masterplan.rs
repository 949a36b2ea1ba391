//! One book over the whole masterplan: the sessions of its four stages, found by their lineage,
//! written as one set of books. Buku 1 comes from Bimtek I (readiness, SWOT, vision, problems
//! and potentials); Buku 2–4 from the latest stage, whose programs are the latest state of those
//! carried forward; votes are summed over every stage, with each stage's share; the attendance
//! of each stage is annexed; the commitments come from Bimtek IV. A stage that was not found is
//! named in the book, not silently skipped.

use super::book::{self, Block, Book, Ctx, Tally};
use crate::domain::{Lang, Session, Stage};
use crate::i18n::fill;

/// The session a masterplan started from: the first of a session's lineage, or itself.
pub fn root(s: &Session) -> &str {
    s.lineage.first().map_or(s.id.as_str(), String::as_str)
}

/// The sessions of `of`'s masterplan among `candidates` (which may include `of` itself), one per
/// stage: for each stage the latest (by date, then last change); `of` stands for its own stage.
/// Sessions of other masterplans are left out.
pub fn pick<'a>(of: &'a Session, candidates: &'a [Session]) -> [Option<&'a Session>; 4] {
    let mut stages: [Option<&Session>; 4] = [None; 4];
    let key = |s: &Session| (s.date, s.updated);
    for s in candidates.iter().filter(|s| root(s) == root(of)) {
        let slot = &mut stages[usize::from(s.stage.number() - 1)];
        if slot.is_none_or(|old| key(s) > key(old)) {
            *slot = Some(s);
        }
    }
    stages[usize::from(of.stage.number() - 1)] = Some(of);
    stages
}

/// Votes of every entry in every stage.
fn tally(stages: &[Option<&Session>; 4]) -> Tally {
    let mut t = Tally::new();
    for s in stages.iter().flatten() {
        for b in s.votes.iter().flat_map(|r| r.ballots.iter()) {
            let shares = t.entry(b.entry.to_string()).or_default();
            match shares.iter_mut().find(|(st, _)| *st == s.stage) {
                Some((_, n)) => *n += b.count,
                None => shares.push((s.stage, b.count)),
            }
        }
    }
    for shares in t.values_mut() {
        shares.sort_by_key(|(st, _)| *st);
    }
    t
}

/// The book over the masterplan. `stages` must hold at least one session.
pub fn build(stages: &[Option<&Session>; 4], lang: Lang) -> Option<Book> {
    let latest = stages.iter().rev().flatten().next().copied()?;
    let votes = tally(stages);
    let mut c = Ctx::new(latest, lang, Some(&votes));
    // The road map's ten years start with the masterplan's first session.
    if let Some(first) = stages.iter().flatten().next() {
        c.start = first.date.0.year();
    }
    let tr = c.tr;
    let missing: Vec<&str> = Stage::ALL
        .iter()
        .zip(stages)
        .filter(|(_, s)| s.is_none())
        .map(|(st, _)| st.roman())
        .collect();
    let mut lines = vec![(tr.out_meta_region.clone(), latest.region.clone())];
    let sessions: Vec<String> = stages
        .iter()
        .flatten()
        .map(|s| {
            let venue = if s.venue.trim().is_empty() {
                String::new()
            } else {
                format!(", {}", s.venue.trim())
            };
            format!(
                "Bimtek {} — {}{venue}",
                s.stage.roman(),
                Ctx::new(s, lang, None).date(s.date)
            )
        })
        .collect();
    lines.push((tr.out_book_stages.clone(), sessions.join("\n")));
    if !latest.facilitators.is_empty() {
        lines.push((tr.out_meta_facilitators.clone(), latest.facilitators.join(", ")));
    }
    let mut blocks = vec![
        book::cover(&c, latest.date.0.year()),
        Block::PageBreak,
        Block::Meta(lines),
    ];
    if !missing.is_empty() {
        let named: Vec<String> = missing.iter().map(|r| format!("Bimtek {r}")).collect();
        blocks.push(Block::Para(fill(
            &tr.out_book_missing,
            &[("stages", &named.join(", "))],
        )));
    }
    if stages.iter().flatten().any(|s| s.entries.iter().any(|e| e.example)) {
        blocks.push(Block::Para(tr.out_examples_note.clone()));
    }
    book::front_matter(&c, &mut blocks);
    match stages[0] {
        Some(first) => book::book1(&Ctx::new(first, lang, None), &mut blocks),
        None => {
            blocks.push(Block::Part(tr.out_book1.clone()));
            blocks.push(Block::Empty(fill(&tr.out_book_stage_missing, &[("stage", "I")])));
        }
    }
    book::book2(&c, &mut blocks);
    book::book3(&c, &mut blocks);
    book::book4(&c, &mut blocks);
    annexes(stages, lang, &mut blocks);
    Some(Book {
        lang,
        title: fill(&tr.out_book_title, &[("region", latest.region.trim())]),
        author: latest.region.clone(),
        date: format!("{}T00:00:00Z", latest.date),
        blocks,
    })
}

/// The attendance of each stage, the commitments of Bimtek IV, the notes of every stage.
fn annexes(stages: &[Option<&Session>; 4], lang: Lang, out: &mut Vec<Block>) {
    let tr = crate::i18n::strings(lang);
    out.push(Block::Part(tr.out_annexes.clone()));
    for (stage, s) in Stage::ALL.iter().zip(stages) {
        out.push(Block::Section(fill(
            &tr.out_book_attendance,
            &[("stage", stage.roman())],
        )));
        match s {
            Some(s) => book::attendance(&Ctx::new(s, lang, None), out),
            None => out.push(Block::Empty(fill(
                &tr.out_book_stage_missing,
                &[("stage", stage.roman())],
            ))),
        }
    }
    out.push(Block::Section(tr.out_commitments.clone()));
    match stages[3] {
        Some(iv) => book::commitments(&Ctx::new(iv, lang, None), out),
        None => out.push(Block::Empty(fill(&tr.out_book_stage_missing, &[("stage", "IV")]))),
    }
    out.push(Block::Section(tr.out_notes.clone()));
    let notes: Vec<String> = stages
        .iter()
        .flatten()
        .flat_map(|s| {
            let c = Ctx::new(s, lang, None);
            s.entries
                .iter()
                .filter(|e| e.kind == crate::domain::Kind::Note)
                .map(|e| format!("Bimtek {}: {}", s.stage.roman(), c.text(e)))
                .collect::<Vec<_>>()
        })
        .collect();
    out.push(if notes.is_empty() {
        Block::Empty(tr.out_notes_none.clone())
    } else {
        Block::List(notes)
    });
}
