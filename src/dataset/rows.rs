//! One session → its rows in every table. Pure: the session and what the whole dataset knows
//! about it (its masterplan, its region's key) come in, rows go out.

use std::collections::{BTreeMap, HashSet};

use time::OffsetDateTime;

use super::pseudonym::Pseudonyms;
use super::schema::{self, Table};
use crate::domain::entry::Proposer;
use crate::domain::readiness::sub_aspect;
use crate::domain::region;
use crate::domain::{Kind, Session, SessionDate};

/// One value. Dates are days since 1970-01-01, timestamps microseconds since then, in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Str(String),
    Int(i64),
    Bool(bool),
    Date(i32),
    Time(i64),
}

impl Cell {
    fn str(s: &str) -> Cell {
        Cell::Str(s.to_string())
    }

    /// Empty text is no value.
    fn text(s: &str) -> Cell {
        if s.trim().is_empty() { Cell::Null } else { Cell::str(s) }
    }

    fn opt<T: AsRef<str>>(s: Option<T>) -> Cell {
        s.map_or(Cell::Null, |s| Cell::text(s.as_ref()))
    }

    fn int(n: impl TryInto<i64>) -> Cell {
        n.try_into().map_or(Cell::Null, Cell::Int)
    }

    fn date(d: SessionDate) -> Cell {
        // 2,440,588 is the Julian day of 1970-01-01.
        Cell::Date(d.0.to_julian_day() - 2_440_588)
    }

    fn time(t: OffsetDateTime) -> Cell {
        i64::try_from(t.unix_timestamp_nanos() / 1_000).map_or(Cell::Null, Cell::Time)
    }
}

/// Rows of one table, row after row, each with one cell per field.
#[derive(Debug, Clone)]
pub struct Rows {
    pub table: &'static Table,
    pub cells: Vec<Cell>,
}

impl Rows {
    pub fn new(table: &'static Table) -> Rows {
        Rows {
            table,
            cells: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.cells.len() / self.table.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    pub fn row(&self, i: usize) -> &[Cell] {
        let n = self.table.fields.len();
        &self.cells[i * n..(i + 1) * n]
    }

    pub fn column(&self, field: usize) -> impl Iterator<Item = &Cell> {
        self.cells.iter().skip(field).step_by(self.table.fields.len())
    }

    fn push<const N: usize>(&mut self, row: [Cell; N]) {
        debug_assert_eq!(N, self.table.fields.len(), "{}", self.table.name);
        self.cells.extend(row);
    }

    pub fn clear(&mut self) {
        self.cells.clear();
    }
}

/// What the dataset as a whole says about a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub masterplan_id: String,
    pub region_key: String,
    pub file_name: String,
    /// Include people's names besides their pseudonyms.
    pub with_names: bool,
}

/// The rows of every table, in the order of `schema::TABLES`.
pub type AllRows = [Rows; 9];

pub fn empty() -> AllRows {
    schema::TABLES.map(Rows::new)
}

/// Adds the rows of `s` to `out`. `in_dataset` says which session ids the dataset holds.
pub fn add(s: &Session, ctx: &Context, in_dataset: &dyn Fn(&str) -> bool, out: &mut AllRows) {
    let names = Pseudonyms::new(&ctx.masterplan_id);
    let name = |n: &str| if ctx.with_names { Cell::text(n) } else { Cell::Null };
    let sid = || Cell::str(&s.id);
    let [
        sessions,
        participants,
        entries,
        programs,
        votes,
        readiness,
        commitments,
        agenda,
        lineage,
    ] = out;

    let province = region::check(&ctx.region_key)
        .ok()
        .map(|c| region::province_of(&c).to_string());
    sessions.push([
        sid(),
        Cell::str(&ctx.masterplan_id),
        Cell::str(&ctx.region_key),
        Cell::opt(s.region_code.as_deref()),
        Cell::str(&s.region),
        Cell::opt(province.as_deref()),
        Cell::opt(province.as_deref().and_then(region::province_name)),
        Cell::Int(i64::from(s.stage.number())),
        Cell::date(s.date),
        Cell::str(&s.title),
        Cell::text(&s.venue),
        Cell::str(&s.agenda.name.id),
        Cell::int(s.entries.len()),
        Cell::int(s.participants.len()),
        Cell::time(s.created),
        Cell::time(s.updated),
        Cell::str(&ctx.file_name),
    ]);

    let roster: HashSet<&str> = s.participants.iter().map(|p| p.id.as_str()).collect();
    for p in &s.participants {
        participants.push([
            sid(),
            Cell::str(&p.id),
            Cell::Str(names.of(&p.name)),
            name(&p.name),
            Cell::text(&p.institution),
            Cell::str(role_code(p.role)),
            Cell::Bool(p.present),
            stage(p.from_stage),
        ]);
    }

    // Dots per entry over all rounds, and per round and entry; only for entries that exist
    // (a vote may outlive an entry deleted after it).
    let existing: HashSet<&str> = s.entries.iter().map(|e| e.id.as_str()).collect();
    let mut dots: BTreeMap<&str, u64> = BTreeMap::new();
    let steps: HashSet<&str> = s.agenda.steps.iter().map(|st| st.id.as_str()).collect();
    for r in &s.votes {
        // entry → (votes, voters, tally), in the order entries were first voted for.
        let mut per: Vec<(&str, u64, u64, u64)> = Vec::new();
        for b in r
            .ballots
            .iter()
            .filter(|b| existing.contains(b.entry.as_str()) && b.count > 0)
        {
            let i = match per.iter().position(|(e, ..)| *e == b.entry) {
                Some(i) => i,
                None => {
                    per.push((&b.entry, 0, 0, 0));
                    per.len() - 1
                }
            };
            let c = u64::from(b.count);
            per[i].1 += c;
            match b.participant {
                Some(_) => per[i].2 += 1,
                None => per[i].3 += c,
            }
            *dots.entry(&b.entry).or_default() += c;
        }
        for (entry, total, voters, tally) in per {
            votes.push([
                sid(),
                Cell::str(&r.id),
                Cell::str(entry),
                if steps.contains(r.step.as_str()) {
                    Cell::str(&r.step)
                } else {
                    Cell::Null
                },
                Cell::int(total),
                Cell::int(voters),
                Cell::int(tally),
                Cell::Int(i64::from(r.budget)),
                Cell::Bool(r.revealed),
            ]);
        }
    }

    for e in &s.entries {
        let (kind, person, linked, proposer_name) = match &e.proposer {
            Proposer::Anonymous => ("anonymous", Cell::Null, Cell::Null, Cell::Null),
            Proposer::Opd(_) => ("opd", Cell::Null, Cell::Null, Cell::Null),
            Proposer::Person { id, name: n, .. } => (
                "person",
                Cell::Str(names.of(n)),
                Cell::opt(id.as_deref().filter(|i| roster.contains(i))),
                name(n),
            ),
        };
        entries.push([
            sid(),
            Cell::str(&e.id),
            Cell::str(e.kind.code()),
            Cell::opt(e.pillar.map(|p| p.code())),
            Cell::opt(e.element.as_deref()),
            Cell::opt(e.aspect.map(|a| a.code())),
            Cell::str(&e.text),
            Cell::str(kind),
            linked,
            person,
            proposer_name,
            Cell::opt(e.proposer.opd()),
            stage(e.from_stage),
            Cell::Bool(e.example),
            Cell::time(e.created),
            Cell::time(e.updated),
        ]);
        if e.kind == Kind::Program || e.program.is_some() {
            let p = e.program.clone().unwrap_or_default();
            programs.push([
                sid(),
                Cell::str(&e.id),
                Cell::opt(e.pillar.map(|p| p.code())),
                Cell::text(&p.description),
                Cell::text(&p.opd),
                Cell::opt(p.horizon.map(|h| h.code())),
                p.target_year.map_or(Cell::Null, |y| Cell::Int(i64::from(y))),
                Cell::opt(p.budget.map(|b| b.code())),
                Cell::text(&p.plan_link),
                Cell::opt(p.innovation.map(|i| i.code())),
                p.impact.map_or(Cell::Null, |v| Cell::Int(i64::from(v))),
                p.effort.map_or(Cell::Null, |v| Cell::Int(i64::from(v))),
                Cell::Bool(p.quick_win),
                Cell::opt(p.status.map(|s| s.code())),
                Cell::int(dots.get(e.id.as_str()).copied().unwrap_or(0)),
            ]);
        }
    }

    // The first score of a sub-aspect and scope counts, as on the screen.
    let mut scored = HashSet::new();
    for r in &s.readiness {
        let scope = r.pillar.map_or("region", |p| p.code());
        if !scored.insert((r.sub.as_str(), scope)) {
            continue;
        }
        readiness.push([
            sid(),
            Cell::str(&r.sub),
            Cell::str(scope),
            Cell::opt(sub_aspect(&r.sub).map(|a| a.code())),
            Cell::opt(r.pillar.map(|p| p.code())),
            Cell::Int(i64::from(r.score)),
            Cell::text(&r.note),
            stage(r.from_stage),
        ]);
    }

    for c in &s.commitments {
        let programs: Vec<&str> = c
            .programs
            .iter()
            .map(|p| p.as_str())
            .filter(|p| existing.contains(p))
            .collect();
        let lines: Vec<Option<&str>> = if programs.is_empty() {
            vec![None]
        } else {
            programs.into_iter().map(Some).collect()
        };
        for (i, program) in lines.into_iter().enumerate() {
            commitments.push([
                sid(),
                Cell::str(&c.id),
                Cell::int(i + 1),
                Cell::str(&c.opd),
                Cell::opt(program),
                if c.signer.trim().is_empty() {
                    Cell::Null
                } else {
                    Cell::Str(names.of(&c.signer))
                },
                name(&c.signer),
                c.signed.map_or(Cell::Null, Cell::date),
                Cell::text(&c.note),
            ]);
        }
    }

    for (i, st) in s.agenda.steps.iter().enumerate() {
        agenda.push([
            sid(),
            Cell::str(&st.id),
            Cell::int(i + 1),
            Cell::str(step_kind(st.kind)),
            Cell::opt(st.pillar.map(|p| p.code())),
            Cell::str(&st.title.id),
            Cell::text(&st.title.en),
            Cell::Int(i64::from(st.minutes)),
            Cell::int(st.spent_seconds),
            Cell::int(st.spent_seconds.saturating_add(30) / 60),
        ]);
    }

    let last = s.lineage.len();
    for (i, a) in s.lineage.iter().enumerate() {
        lineage.push([
            sid(),
            Cell::int(i + 1),
            Cell::str(a),
            Cell::Bool(i + 1 == last),
            Cell::Bool(in_dataset(a)),
        ]);
    }
}

fn stage(s: Option<crate::domain::Stage>) -> Cell {
    s.map_or(Cell::Null, |s| Cell::Int(i64::from(s.number())))
}

fn role_code(r: crate::domain::Role) -> &'static str {
    use crate::domain::Role as R;
    match r {
        R::Leader => "leader",
        R::Mentor => "mentor",
        R::Facilitator => "facilitator",
        R::Council => "council",
        R::Team => "team",
        R::Staff => "staff",
        R::Observer => "observer",
    }
}

fn step_kind(k: crate::domain::StepKind) -> &'static str {
    use crate::domain::StepKind as K;
    match k {
        K::Info => "info",
        K::Pillars => "pillars",
        K::Readiness => "readiness",
        K::Pillar => "pillar",
        K::Review => "review",
        K::Summary => "summary",
        K::Commitments => "commitments",
    }
}
