//! Entries from CSV (`pillar,element,kind,text,proposer,opd`, then any columns, which are
//! ignored). Codes or names in either language are accepted; all rows are checked before any is
//! taken, so an import is all or nothing.

use time::OffsetDateTime;

use crate::domain::IdGen;
use crate::domain::catalog::element_pillar;
use crate::domain::entry::clean_text;
use crate::domain::{Aspect, Entry, Kind, Lang, Pillar, Proposer, Session};
use crate::i18n::{Strings, fill, strings};
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

/// Checks every row; returns the entries only if all rows are good.
pub fn entries_from_csv(
    text: &str,
    session: &Session,
    ids: &mut IdGen,
    now: OffsetDateTime,
    tr: &Strings,
) -> Result<Vec<Entry>, Vec<RowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header_ok = reader
        .headers()
        // Columns after the six are allowed and ignored: `bimtek export --format csv` adds the
        // rest of each entry there, and such a file imports again.
        .map(|h| h.len() >= HEADER.len() && h.iter().zip(HEADER).all(|(a, b)| same(a, b)))
        .unwrap_or(false);
    if !header_ok {
        return Err(vec![RowError {
            line: 1,
            problem: String::new(),
        }]);
    }
    let mut entries = Vec::new();
    let mut errors = Vec::new();
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
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let bad = |template: &str, value: &str| RowError {
            line,
            problem: fill(template, &[("value", value)]),
        };
        match row_entry(&record, session, ids, now) {
            Ok(e) => entries.push(e),
            Err(RowProblem::Pillar) => errors.push(bad(&tr.err_csv_pillar, field(0))),
            Err(RowProblem::Element) => errors.push(bad(&tr.err_csv_element, field(1))),
            Err(RowProblem::Kind) => errors.push(bad(&tr.err_csv_kind, field(2))),
            Err(RowProblem::Text) => errors.push(bad(&tr.err_csv_text, "")),
            Err(RowProblem::TooLong(n)) => errors.push(RowError {
                line,
                problem: fill(
                    &tr.entry_too_long,
                    &[
                        ("n", &n.to_string()),
                        ("max", &crate::domain::entry::MAX_ENTRY_CHARS.to_string()),
                    ],
                ),
            }),
        }
    }
    if errors.is_empty() { Ok(entries) } else { Err(errors) }
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
    let field = |i: usize| record.get(i).unwrap_or("").trim();
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
