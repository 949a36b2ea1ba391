//! Entries from CSV (`pillar,element,kind,text,proposer,opd`, then any columns: `id` and the
//! program details are read by name, the rest ignored). Codes or names in either language are
//! accepted; all rows are checked before any is taken, so an import is all or nothing. A row
//! with the id of an entry already in the session updates it instead of adding it again.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use time::OffsetDateTime;

use crate::domain::IdGen;
use crate::domain::catalog::element_pillar;
use crate::domain::entry::clean_text;
use crate::domain::program::{
    BudgetSource, Horizon, InnovationType, ProgramInfo, ProgramStatus, SCALE, YEARS, parse_rupiah, parse_year,
};
use crate::domain::{Aspect, Entry, Kind, Lang, Pillar, Proposer, Session};
use crate::i18n::{Strings, fill, strings};
use crate::store::load::MAX_FILE_BYTES;
use crate::template::{catalog, element_known};

pub const HEADER: [&str; 6] = ["pillar", "element", "kind", "text", "proposer", "opd"];

/// A row that cannot be imported: its line in the file and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub problem: String,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn parse_pillar(v: &str) -> Option<Pillar> {
    Pillar::from_code(v).or_else(|| {
        catalog()
            .pillars
            .iter()
            .find(|p| same(&p.name.id, v) || same(&p.name.en, v))
            .map(|p| p.code)
    })
}

fn parse_kind(v: &str) -> Option<Kind> {
    Kind::from_code(v).or_else(|| {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| [Lang::Id, Lang::En].iter().any(|l| same(strings(*l).kind(*k), v)))
    })
}

fn parse_aspect(v: &str) -> Option<Aspect> {
    Aspect::from_code(v).or_else(|| {
        catalog()
            .aspects
            .iter()
            .find(|a| same(&a.name.id, v) || same(&a.name.en, v))
            .map(|a| a.code)
    })
}

/// An element code from a code or a name, among the elements this session knows.
fn parse_element(v: &str, pillar: Option<Pillar>, session: &Session) -> Option<String> {
    let code = v.trim().to_lowercase();
    if element_known(&code, &session.agenda, catalog()) {
        return Some(code);
    }
    let standard = catalog().pillars.iter().flat_map(|p| p.elements.iter());
    standard
        .chain(session.agenda.elements.iter())
        .filter(|e| pillar.is_none() || e.pillar() == pillar)
        .find(|e| same(&e.name.id, v) || same(&e.name.en, v))
        .map(|e| e.code.clone())
}

fn proposer(session: &Session, name: &str, opd: &str) -> Proposer {
    match session.participants.iter().find(|p| same(&p.name, name)) {
        Some(p) => {
            let opd = if opd.trim().is_empty() {
                p.institution.clone()
            } else {
                opd.trim().to_string()
            };
            Proposer::Person {
                id: Some(p.id.clone()),
                name: p.name.clone(),
                opd: (!opd.is_empty()).then_some(opd),
            }
        }
        None => Proposer::from_fields(name, opd),
    }
}

/// What an import does to a session: entries to add, and entries (by id, already in the
/// session) with their new text and program details.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub added: Vec<Entry>,
    pub updated: Vec<Entry>,
}

/// What a new entry costs in the session file at the least beyond its texts: its id, kind,
/// proposer and two timestamps, pretty-printed (a lower bound: the final size is checked too).
const ENTRY_FILE_BYTES: u64 = 200;

/// The cell separator of a CSV: `;` when the header is written with it (Excel with Indonesian
/// regional settings, or `bimtek export --csv-sep ';'`), else `,`.
pub fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let semis = first.matches(';').count();
    if semis >= HEADER.len() - 1 && semis > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Checks every row; returns the entries only if all rows are good. Rows with the `id` of an
/// entry of the session are not added again (see [`plan_from_csv`]).
pub fn entries_from_csv(
    text: &str,
    session: &Session,
    ids: &mut IdGen,
    now: OffsetDateTime,
    tr: &Strings,
) -> Result<Vec<Entry>, Vec<RowError>> {
    plan_from_csv(text, session, ids, now, tr, u64::MAX).map(|p| p.added)
}

/// The columns after the six that an import reads, by name, where the header has them.
struct Extra {
    id: Option<usize>,
    program: Vec<(ProgramColumn, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProgramColumn {
    Description,
    Opd,
    Horizon,
    TargetYear,
    Budget,
    PlanLink,
    Innovation,
    Impact,
    Effort,
    QuickWin,
    Status,
    Partners,
    Location,
    Indicator,
    Output,
    Cost,
    StartYear,
    Background,
    Goal,
    Activities,
    Schedule,
}

impl ProgramColumn {
    /// Each with its name in the header (the names `bimtek export --format csv` writes).
    const ALL: [(ProgramColumn, &'static str); 21] = [
        (ProgramColumn::Description, "description"),
        (ProgramColumn::Opd, "program_opd"),
        (ProgramColumn::Horizon, "horizon"),
        (ProgramColumn::TargetYear, "target_year"),
        (ProgramColumn::Budget, "budget"),
        (ProgramColumn::PlanLink, "plan_link"),
        (ProgramColumn::Innovation, "innovation"),
        (ProgramColumn::Impact, "impact"),
        (ProgramColumn::Effort, "effort"),
        (ProgramColumn::QuickWin, "quick_win"),
        (ProgramColumn::Status, "status"),
        (ProgramColumn::Partners, "partners"),
        (ProgramColumn::Location, "location"),
        (ProgramColumn::Indicator, "indicator"),
        (ProgramColumn::Output, "output"),
        (ProgramColumn::Cost, "cost"),
        (ProgramColumn::StartYear, "start_year"),
        (ProgramColumn::Background, "background"),
        (ProgramColumn::Goal, "goal"),
        (ProgramColumn::Activities, "activities"),
        (ProgramColumn::Schedule, "schedule"),
    ];

    fn name(self) -> &'static str {
        Self::ALL.iter().find(|(c, _)| *c == self).map_or("", |(_, n)| n)
    }
}

impl Extra {
    fn of(header: &csv::StringRecord) -> Extra {
        let at = |name: &str| header.iter().position(|h| same(h, name));
        Extra {
            id: at("id"),
            program: ProgramColumn::ALL
                .iter()
                .filter_map(|(c, name)| at(name).map(|i| (*c, i)))
                .collect(),
        }
    }
}

/// A code or a label (in either language) from one of the catalog's choice lists.
fn parse_choice<T: Copy>(
    v: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    labels: fn(&Strings) -> &LabelMap,
) -> Option<T> {
    all.iter().copied().find(|x| {
        same(code(*x), v)
            || [Lang::Id, Lang::En]
                .iter()
                .any(|l| labels(strings(*l)).get(code(*x)).is_some_and(|label| same(label, v)))
    })
}

type LabelMap = std::collections::BTreeMap<String, String>;

fn parse_flag(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "" | "false" | "no" | "tidak" | "0" | "n" => Some(false),
        "true" | "yes" | "ya" | "1" | "y" | "x" | "★" => Some(true),
        _ => None,
    }
}

/// Sets one program field from its cell; `Err` when the cell cannot be read.
fn set_program(info: &mut ProgramInfo, column: ProgramColumn, v: &str) -> Result<(), ()> {
    let opt = |v: &str| (!v.is_empty()).then_some(());
    let choice = |v: &str| -> Result<bool, ()> { Ok(opt(v).is_some()) };
    match column {
        ProgramColumn::Description => info.description = v.to_string(),
        ProgramColumn::Opd => info.opd = v.to_string(),
        ProgramColumn::PlanLink => info.plan_link = v.to_string(),
        ProgramColumn::Partners => info.partners = v.to_string(),
        ProgramColumn::Location => info.location = v.to_string(),
        ProgramColumn::Indicator => info.indicator = v.to_string(),
        ProgramColumn::Output => info.output = v.to_string(),
        ProgramColumn::Background => info.background = v.to_string(),
        ProgramColumn::Goal => info.goal = v.to_string(),
        ProgramColumn::Activities => info.activities = v.to_string(),
        ProgramColumn::Schedule => info.schedule = v.to_string(),
        ProgramColumn::Horizon => {
            info.horizon = if choice(v)? {
                Some(parse_choice(v, Horizon::ALL, Horizon::code, |t| &t.horizons).ok_or(())?)
            } else {
                None
            }
        }
        ProgramColumn::Budget => {
            info.budget = if choice(v)? {
                Some(parse_choice(v, BudgetSource::ALL, BudgetSource::code, |t| &t.budgets).ok_or(())?)
            } else {
                None
            }
        }
        ProgramColumn::Innovation => {
            info.innovation = if choice(v)? {
                Some(parse_choice(v, InnovationType::ALL, InnovationType::code, |t| &t.innovations).ok_or(())?)
            } else {
                None
            }
        }
        ProgramColumn::Status => {
            info.status = if choice(v)? {
                Some(parse_choice(v, ProgramStatus::ALL, ProgramStatus::code, |t| &t.statuses).ok_or(())?)
            } else {
                None
            }
        }
        ProgramColumn::Impact | ProgramColumn::Effort => {
            let score = if v.is_empty() {
                None
            } else {
                let n = v.parse::<u8>().map_err(|_| ())?;
                Some(n).filter(|n| SCALE.contains(n)).ok_or(())?;
                Some(n)
            };
            if column == ProgramColumn::Impact {
                info.impact = score;
            } else {
                info.effort = score;
            }
        }
        ProgramColumn::QuickWin => info.quick_win = parse_flag(v).ok_or(())?,
        ProgramColumn::TargetYear | ProgramColumn::StartYear => {
            let year = parse_year(v).map_err(|_| ())?;
            if year.is_some_and(|y| !YEARS.contains(&y)) {
                return Err(());
            }
            if column == ProgramColumn::TargetYear {
                info.target_year = year;
            } else {
                info.start_year = year;
            }
        }
        ProgramColumn::Cost => info.cost = parse_rupiah(v).map_err(|_| ())?,
    }
    Ok(())
}

/// Checks every row and plans the import: all rows or none.
///
/// A row whose `id` is an entry of the session updates that entry — its text and program
/// details, from the columns the file has — instead of adding it again, so that a program table
/// filled in by the OPDs in Excel comes back into its session, and an export imported into its
/// own session adds nothing twice. A row with an id the session does not have keeps it (a
/// second import of the same file then updates instead of adding); a row without an id gets a
/// new one. `room` is how many bytes the session file may still grow: the rows are refused at
/// the first one past it, before anything is built further. Linear in the rows: ids are looked
/// up in a table made once.
pub fn plan_from_csv(
    text: &str,
    session: &Session,
    ids: &mut IdGen,
    now: OffsetDateTime,
    tr: &Strings,
    room: u64,
) -> Result<Plan, Vec<RowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    let header = reader.headers().cloned().unwrap_or_default();
    // Columns after the six are allowed: `bimtek export --format csv` adds the rest of each
    // entry there; the id and the program details among them are read, the others ignored.
    let header_ok = header.len() >= HEADER.len() && header.iter().zip(HEADER).all(|(a, b)| same(a, b));
    if !header_ok {
        return Err(vec![RowError {
            line: 1,
            problem: String::new(),
        }]);
    }
    let extra = Extra::of(&header);
    let index: HashMap<&str, usize> = session
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut plan = Plan::default();
    let mut errors = Vec::new();
    let mut growth: u64 = 0;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(RowError {
                    line,
                    problem: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| super::export::csv::restore(record.get(i).unwrap_or("").trim());
        let bad = |template: &str, value: &str| RowError {
            line,
            problem: fill(template, &[("value", value)]),
        };
        let mut entry = match row_entry(&record, session, ids, now) {
            Ok(e) => e,
            Err(problem) => {
                errors.push(match problem {
                    RowProblem::Pillar => bad(&tr.err_csv_pillar, field(0)),
                    RowProblem::Element => bad(&tr.err_csv_element, field(1)),
                    RowProblem::Kind => bad(&tr.err_csv_kind, field(2)),
                    RowProblem::Text => bad(&tr.err_csv_text, ""),
                    RowProblem::TooLong(n) => RowError {
                        line,
                        problem: fill(
                            &tr.entry_too_long,
                            &[
                                ("n", &n.to_string()),
                                ("max", &crate::domain::entry::MAX_ENTRY_CHARS.to_string()),
                            ],
                        ),
                    },
                });
                continue;
            }
        };
        let id = extra.id.map(field).filter(|id| !id.is_empty());
        if let Some(id) = id
            && !seen.insert(id.to_string())
        {
            errors.push(bad(&tr.err_csv_id_twice, id));
            continue;
        }
        let existing = id.and_then(|id| index.get(id)).map(|i| &*session.entries[*i]);
        let kind = existing.map_or(entry.kind, |e| e.kind);
        let mut info = existing.and_then(|e| e.program.clone()).unwrap_or_default();
        if kind == Kind::Program {
            let mut bad_cell = None;
            for (column, i) in &extra.program {
                if set_program(&mut info, *column, field(*i)).is_err() {
                    bad_cell = Some((*column, field(*i)));
                    break;
                }
            }
            if let Some((column, value)) = bad_cell {
                errors.push(RowError {
                    line,
                    problem: fill(&tr.err_csv_value, &[("value", value), ("column", column.name())]),
                });
                continue;
            }
        }
        let program = (kind == Kind::Program && !info.is_empty()).then_some(info);
        match existing {
            Some(old) => {
                if old.text != entry.text || old.program != program {
                    let mut changed = old.clone();
                    changed.text = entry.text;
                    changed.program = program;
                    changed.updated = now;
                    plan.updated.push(changed);
                }
            }
            None => {
                if let Some(id) = id.filter(|id| ulid::Ulid::from_string(id).is_ok()) {
                    entry.id = id.into();
                }
                entry.program = program;
                let texts = entry.text.len() + entry.program.as_ref().map_or(0, program_text_len);
                growth += ENTRY_FILE_BYTES + texts as u64;
                if growth > room {
                    return Err(vec![RowError {
                        line,
                        problem: too_large(tr, growth.saturating_add(MAX_FILE_BYTES.saturating_sub(room))),
                    }]);
                }
                plan.added.push(entry);
            }
        }
    }
    if errors.is_empty() { Ok(plan) } else { Err(errors) }
}

/// The message for an import that would make the session file too large.
pub fn too_large(tr: &Strings, bytes: u64) -> String {
    fill(
        &tr.err_import_too_large,
        &[
            ("max_mib", &(MAX_FILE_BYTES / (1024 * 1024)).to_string()),
            ("mib", &bytes.div_ceil(1024 * 1024).to_string()),
        ],
    )
}

fn program_text_len(p: &ProgramInfo) -> usize {
    [
        &p.description,
        &p.opd,
        &p.plan_link,
        &p.partners,
        &p.location,
        &p.indicator,
        &p.output,
        &p.background,
        &p.goal,
        &p.activities,
        &p.schedule,
    ]
    .iter()
    .map(|s| s.len())
    .sum()
}

/// Carries out a checked plan: updated entries replace theirs, new ones go at the end. Linear in
/// the session's entries and the plan.
pub fn apply(plan: Plan, session: &mut Session) {
    if !plan.updated.is_empty() {
        let mut by_id: HashMap<crate::domain::EntryId, Entry> =
            plan.updated.into_iter().map(|e| (e.id.clone(), e)).collect();
        for slot in &mut session.entries {
            if let Some(e) = by_id.remove(&slot.id) {
                *slot = Arc::new(e);
            }
        }
    }
    session.entries.extend(plan.added.into_iter().map(Arc::new));
}

enum RowProblem {
    Pillar,
    Element,
    Kind,
    Text,
    TooLong(usize),
}

fn row_entry(
    record: &csv::StringRecord,
    session: &Session,
    ids: &mut IdGen,
    now: OffsetDateTime,
) -> Result<Entry, RowProblem> {
    let field = |i: usize| super::export::csv::restore(record.get(i).unwrap_or("").trim());
    let mut pillar = match field(0) {
        "" => None,
        v => Some(parse_pillar(v).ok_or(RowProblem::Pillar)?),
    };
    let (mut element, mut aspect) = (None, None);
    match field(1) {
        "" => {}
        v => match parse_element(v, pillar, session) {
            Some(code) => {
                let owner = element_pillar(&code);
                if pillar.is_some() && owner != pillar {
                    return Err(RowProblem::Element);
                }
                pillar = owner;
                element = Some(code);
            }
            // Readiness SWOT rows name an aspect (struktur, infrastruktur, suprastruktur) here.
            None if pillar.is_none() => aspect = Some(parse_aspect(v).ok_or(RowProblem::Element)?),
            None => return Err(RowProblem::Element),
        },
    }
    let kind = parse_kind(field(2)).ok_or(RowProblem::Kind)?;
    let text = clean_text(field(3)).ok_or(RowProblem::Text)?;
    let chars = text.chars().count();
    if chars > crate::domain::entry::MAX_ENTRY_CHARS {
        return Err(RowProblem::TooLong(chars));
    }
    let mut entry = Entry::new(ids.next(now), kind, text, now);
    entry.pillar = pillar;
    entry.element = element;
    entry.aspect = aspect;
    entry.proposer = proposer(session, field(4), field(5));
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{now, session};

    fn rows(n: usize, text: &str) -> String {
        let mut csv = String::from("pillar,element,kind,text,proposer,opd\n");
        for i in 0..n {
            csv.push_str(&format!("governance,,problem,{text} {i},,\n"));
        }
        csv
    }

    #[test]
    fn an_import_past_the_size_limit_is_refused_at_the_row_that_passes_it() {
        let s = session();
        let tr = strings(Lang::Id);
        let text = "x".repeat(800);
        // Room for about ten such rows.
        let room = 10 * (800 + ENTRY_FILE_BYTES + 2);
        let err = plan_from_csv(&rows(1000, &text), &s, &mut IdGen::new(1), now(), tr, room).expect_err("too large");
        assert_eq!(err.len(), 1);
        assert_eq!(
            err[0].line, 12,
            "refused at the eleventh row, not after reading them all"
        );
        assert!(err[0].problem.contains("64 MiB"), "{}", err[0].problem);
        let ok = plan_from_csv(&rows(9, &text), &s, &mut IdGen::new(1), now(), tr, room).expect("fits");
        assert_eq!(ok.added.len(), 9);
    }

    #[test]
    fn a_row_whose_id_is_already_used_in_the_file_is_refused() {
        let s = session();
        let csv = "pillar,element,kind,text,proposer,opd,id\n,,note,a,,,01FEYRVV003P3EG4EH3KJYZM83\n,,note,b,,,01FEYRVV003P3EG4EH3KJYZM83\n";
        let err = plan_from_csv(csv, &s, &mut IdGen::new(1), now(), strings(Lang::Id), u64::MAX).expect_err("twice");
        assert_eq!(err[0].line, 3);
        // Once, the id is kept, so the same file imported again updates instead of adding.
        let once = "pillar,element,kind,text,proposer,opd,id\n,,note,a,,,01FEYRVV003P3EG4EH3KJYZM83\n";
        let plan = plan_from_csv(once, &s, &mut IdGen::new(1), now(), strings(Lang::Id), u64::MAX).expect("ok");
        assert_eq!(plan.added[0].id, "01FEYRVV003P3EG4EH3KJYZM83");
        let mut s2 = s.clone();
        apply(plan, &mut s2);
        let again = plan_from_csv(once, &s2, &mut IdGen::new(1), now(), strings(Lang::Id), u64::MAX).expect("ok");
        assert_eq!((again.added.len(), again.updated.len()), (0, 0));
    }

    #[test]
    fn strategies_are_imported_by_code_or_name_under_their_aspect() {
        let s = session();
        let csv = "pillar,element,kind,text,proposer,opd\n\
            ,struktur,strategy_so,Pelatihan ASN penggerak,,Bappeda\n\
            ,infrastruktur,Strategi W-T (kelemahan–ancaman),Jalur komunikasi cadangan,,BPBD\n\
            ,suprastruktur,S-T strategy (strengths–threats),Perbup SPBE,,\n";
        let plan = plan_from_csv(csv, &s, &mut IdGen::new(1), now(), strings(Lang::Id), u64::MAX).expect("imported");
        let got: Vec<(Kind, Option<Aspect>)> = plan.added.iter().map(|e| (e.kind, e.aspect)).collect();
        assert_eq!(
            got,
            [
                (Kind::StrategySo, Some(Aspect::Struktur)),
                (Kind::StrategyWt, Some(Aspect::Infrastruktur)),
                (Kind::StrategySt, Some(Aspect::Suprastruktur)),
            ]
        );
    }

    #[test]
    fn semicolons_are_recognised_from_the_header() {
        assert_eq!(separator("pillar;element;kind;text;proposer;opd;id"), b';');
        assert_eq!(separator("pillar,element,kind,text,proposer,opd"), b',');
    }
}
