//! Every entry as one row of CSV (RFC 4180: commas, quotes doubled, CRLF line ends), UTF-8 with a
//! byte-order mark so that Excel on Windows shows Indonesian text right. The first six columns
//! are exactly what `bimtek import` reads (`pillar,element,kind,text,proposer,opd`), so an export
//! can be imported again; the columns after them carry everything else about the entry.

use time::format_description::well_known::Rfc3339;

use crate::domain::{Entry, Lang, Session};
use crate::i18n::{Strings, strings};
use crate::import::HEADER;
use crate::template::catalog;

/// The columns after the six that import reads.
pub const EXTRA: [&str; 33] = [
    "id",
    "pillar_name",
    "element_name",
    "kind_name",
    "aspect",
    "aspect_name",
    "proposer_id",
    "votes",
    "description",
    "program_opd",
    "horizon",
    "target_year",
    "budget",
    "plan_link",
    "innovation",
    "impact",
    "effort",
    "quick_win",
    "status",
    "partners",
    "location",
    "indicator",
    "output",
    "cost",
    "start_year",
    "background",
    "goal",
    "activities",
    "schedule",
    "from_stage",
    "example",
    "created",
    "updated",
];

fn stamp(t: time::OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn flag(b: bool) -> String {
    if b { "true" } else { "false" }.to_string()
}

fn row(session: &Session, e: &Entry, lang: Lang, tr: &Strings) -> Vec<String> {
    let cat = catalog();
    let opt = |v: Option<String>| v.unwrap_or_default();
    let element_name = e.element.as_deref().map(|code| {
        cat.element(code)
            .or_else(|| session.agenda.elements.iter().find(|d| d.code == code))
            .map_or_else(|| code.to_string(), |d| d.name.get(lang).to_string())
    });
    // Readiness SWOT rows name their aspect in the element column, as import expects.
    let place = e.element.clone().or_else(|| e.aspect.map(|a| a.code().to_string()));
    let (proposer, proposer_id) = match &e.proposer {
        crate::domain::Proposer::Person { id, name, .. } => (name.clone(), id.as_ref().map(|i| i.to_string())),
        _ => (String::new(), None),
    };
    let p = e.program.clone().unwrap_or_default();
    let program = e.program.is_some();
    let when = |v: String| if program { v } else { String::new() };
    vec![
        opt(e.pillar.map(|p| p.code().to_string())),
        opt(place),
        e.kind.code().to_string(),
        e.text.clone(),
        proposer,
        e.proposer.opd().unwrap_or_default().to_string(),
        e.id.to_string(),
        opt(e.pillar.map(|p| cat.pillar_name(p, lang))),
        opt(element_name),
        tr.kind(e.kind).to_string(),
        opt(e.aspect.map(|a| a.code().to_string())),
        opt(e
            .aspect
            .and_then(|a| cat.aspect(a))
            .map(|d| d.name.get(lang).to_string())),
        opt(proposer_id),
        super::votes_for(session, &e.id).to_string(),
        p.description.clone(),
        p.opd.clone(),
        opt(p.horizon.map(|h| h.code().to_string())),
        opt(p.target_year.map(|y| y.to_string())),
        opt(p.budget.map(|b| b.code().to_string())),
        p.plan_link.clone(),
        opt(p.innovation.map(|i| i.code().to_string())),
        opt(p.impact.map(|v| v.to_string())),
        opt(p.effort.map(|v| v.to_string())),
        when(flag(p.quick_win)),
        opt(p.status.map(|s| s.code().to_string())),
        p.partners.clone(),
        p.location.clone(),
        p.indicator.clone(),
        p.output.clone(),
        opt(p.cost.map(|v| v.to_string())),
        opt(p.start_year.map(|y| y.to_string())),
        p.background.clone(),
        p.goal.clone(),
        p.activities.clone(),
        p.schedule.clone(),
        opt(e.from_stage.map(|s| s.number().to_string())),
        flag(e.example),
        stamp(e.created),
        stamp(e.updated),
    ]
}

/// The characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
/// return, that some spreadsheets strip before doing so).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The OWASP rule against CSV injection: a cell that a spreadsheet would take for a formula gets
/// a leading apostrophe, so Excel and LibreOffice show it as the text it is. `bimtek import` takes
/// the apostrophe off again.
pub fn defuse(cell: String) -> String {
    if cell.starts_with(FORMULA_START) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The text of a cell that [`defuse`] protected, as it was.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// The CSV with commas between cells.
pub fn render(session: &Session, lang: Lang) -> Result<Vec<u8>, String> {
    render_with(session, lang, b',')
}

/// The CSV with `sep` between cells: `;` is what Excel expects where the decimal mark is a
/// comma, as in Indonesia's regional settings.
pub fn render_with(session: &Session, lang: Lang, sep: u8) -> Result<Vec<u8>, String> {
    let tr = strings(lang);
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .delimiter(sep)
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        let header: Vec<&str> = HEADER.iter().chain(EXTRA.iter()).copied().collect();
        w.write_record(&header).map_err(|e| e.to_string())?;
        for e in &session.entries {
            let cells = row(session, e, lang, tr).into_iter().map(defuse);
            w.write_record(cells).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_come_back() {
        for text in ["=HYPERLINK(\"http://x\")", "+62 812", "-1", "@SUM(A1)", "\tx"] {
            let cell = defuse(text.to_string());
            assert!(cell.starts_with('\''), "{text} is not defused");
            assert_eq!(restore(&cell), text);
        }
        assert_eq!(defuse("Pelayanan = cepat".into()), "Pelayanan = cepat");
        assert_eq!(restore("'biasa"), "'biasa", "an apostrophe the room typed stays");
    }
}
