//! The outline of the masterplan books, shared by the Markdown, HTML and Word writers: Buku 1
//! Analisis Strategis, Buku 2 Masterplan, Buku 3 Quick Wins, Buku 4 Road Map and the annexes.
//! Every entry of the session appears somewhere, and a section with nothing in it says so.

use crate::domain::program::{Horizon, ProgramInfo, ProgramStatus};
use crate::domain::readiness::{self, Score};
use crate::domain::{Aspect, Catalog, Entry, Kind, Lang, Pillar, Session, SessionDate};
use crate::i18n::{Strings, fill, strings};
use crate::template::catalog;

/// A whole export: a title and what follows it, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    pub lang: Lang,
    pub title: String,
    /// Who the document is by, for its own properties: the region's government.
    pub author: String,
    /// The session's date, `2021-09-07T00:00:00Z`, for a document's own properties.
    pub date: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Label and value lines under the title: region, stage, date, venue, mentors.
    Meta(Vec<(String, String)>),
    /// A book or the annexes; starts a new page in print.
    Part(String),
    Section(String),
    Subsection(String),
    Para(String),
    /// What a section says when nothing was recorded for it.
    Empty(String),
    List(Vec<String>),
    Table(Table),
    /// Starts a new page in print (a quick-win sheet); nothing in Markdown.
    PageBreak,
    /// The table of contents, with its title: the books and their sections (links in HTML, a
    /// TOC field in Word).
    Toc(String),
    /// The readiness scores as bars (drawn by the HTML writer; the others rely on the tables).
    Chart(Chart),
    /// The title page; a page break follows it.
    Cover(Cover),
    /// Places to sign, side by side in print.
    Signatures(Vec<Signature>),
}

/// What the title page of a masterplan book shows, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// `PEMERINTAH KABUPATEN HALMAHERA UTARA`.
    pub government: String,
    /// Where the region's logo goes, to be pasted in: `[Logo Pemerintah Daerah]`.
    pub logo: String,
    /// `MASTERPLAN SMART CITY`.
    pub title: String,
    /// The books the document holds.
    pub books: Vec<String>,
    pub region: String,
    pub year: String,
}

/// One place to sign: who signs, with room for the signature, the name and the NIP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The line above the role: place and date, or `Mengetahui,`.
    pub above: String,
    pub role: String,
    /// The line the name is written on: `(……………)`.
    pub name: String,
    /// The civil servant number line (`NIP. ……`), for those who have one.
    pub nip: Option<String>,
}

/// Cells may hold several lines, separated by `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Too many columns for a portrait page: printed landscape.
    pub fn wide(&self) -> bool {
        self.columns.len() >= 7
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    /// Share of the table's width, relative to the other columns.
    pub width: u16,
    /// Numbers are right-aligned.
    pub numeric: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    pub groups: Vec<ChartGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartGroup {
    pub name: String,
    /// The average as text (`3,5`), if any sub-aspect is scored.
    pub average: Option<String>,
    pub bars: Vec<(String, Option<u8>)>,
}

fn col(title: &str, width: u16) -> Column {
    Column {
        title: title.to_string(),
        width,
        numeric: false,
    }
}

fn num(title: &str, width: u16) -> Column {
    Column {
        numeric: true,
        ..col(title, width)
    }
}

/// A table whose first column numbers the rows (1, 2, …), then `columns`, a row per item.
fn numbered<T>(no: &str, columns: Vec<Column>, items: &[T], cells: impl Fn(&T) -> Vec<String>) -> Block {
    let mut all = vec![num(no, 2)];
    all.extend(columns);
    Block::Table(Table {
        columns: all,
        rows: items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mut row = vec![(i + 1).to_string()];
                row.extend(cells(item));
                row
            })
            .collect(),
    })
}

/// Entries under headings: each heading in turn with the table of its entries, or `none` if it
/// has none; then the entries of no heading (`key` gives `None`), if any, under `rest`.
struct ByHeading<'e, K> {
    headings: Vec<(K, Block)>,
    none: String,
    rest: Block,
    key: fn(&Entry) -> Option<K>,
    entries: &'e [&'e Entry],
}

impl<'e, K: PartialEq + Copy> ByHeading<'e, K> {
    fn write(self, out: &mut Vec<Block>, table: impl Fn(&[&'e Entry]) -> Block) {
        let under =
            |k: Option<K>| -> Vec<&'e Entry> { self.entries.iter().copied().filter(|e| (self.key)(e) == k).collect() };
        for (k, heading) in self.headings {
            out.push(heading);
            let mine = under(Some(k));
            out.push(if mine.is_empty() {
                Block::Empty(self.none.clone())
            } else {
                table(&mine)
            });
        }
        let rest = under(None);
        if !rest.is_empty() {
            out.push(self.rest);
            out.push(table(&rest));
        }
    }
}

/// Votes an entry received in each stage of a masterplan, for a book over several sessions.
pub type Tally = std::collections::HashMap<String, Vec<(crate::domain::Stage, u32)>>;

pub(super) struct Ctx<'a> {
    pub(super) s: &'a Session,
    pub(super) lang: Lang,
    pub(super) tr: &'static Strings,
    pub(super) cat: &'static Catalog,
    /// Votes over every stage (one book over the masterplan); else the session's own.
    pub(super) tally: Option<&'a Tally>,
    /// The masterplan's first year: the road map's ten years start here.
    pub(super) start: i32,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(s: &'a Session, lang: Lang, tally: Option<&'a Tally>) -> Ctx<'a> {
        Ctx {
            s,
            lang,
            tr: strings(lang),
            cat: catalog(),
            tally,
            start: s.date.0.year(),
        }
    }
}

impl Ctx<'_> {
    /// The votes of an entry: over every stage, with each stage's share (`8 (I: 3, II: 5)`),
    /// when the book covers several; else this session's.
    fn votes(&self, e: &Entry) -> String {
        let Some(tally) = self.tally else {
            return super::votes_for(self.s, &e.id).to_string();
        };
        let shares = tally.get(e.id.as_str()).map_or(&[][..], Vec::as_slice);
        let total: u32 = shares.iter().map(|(_, n)| n).sum();
        let parts: Vec<String> = shares
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(st, n)| format!("{}: {n}", st.roman()))
            .collect();
        if parts.len() > 1 {
            format!("{total} ({})", parts.join(", "))
        } else {
            total.to_string()
        }
    }

    /// An entry's text with its marks: carried over from an earlier stage, an example.
    pub(super) fn text(&self, e: &Entry) -> String {
        let mut t = e.text.clone();
        if let Some(stage) = e.from_stage {
            t.push(' ');
            t.push_str(&fill(&self.tr.out_from_stage, &[("stage", stage.roman())]));
        }
        if e.example {
            t.push(' ');
            t.push_str(&self.tr.out_example_mark);
        }
        t
    }

    fn proposer(&self, e: &Entry) -> String {
        e.proposer.label().unwrap_or_default()
    }

    fn pillar(&self, p: Option<Pillar>) -> String {
        match p {
            Some(p) => self.cat.pillar_name(p, self.lang),
            None => self.tr.out_no_pillar.clone(),
        }
    }

    fn element(&self, code: Option<&str>) -> String {
        let Some(code) = code else {
            return self.tr.general.clone();
        };
        self.cat
            .element(code)
            .or_else(|| self.s.agenda.elements.iter().find(|e| e.code == code))
            .map_or_else(|| code.to_string(), |e| e.name.get(self.lang).to_string())
    }

    fn aspect(&self, a: Aspect) -> String {
        self.cat
            .aspect(a)
            .map_or_else(|| a.code().to_string(), |d| d.name.get(self.lang).to_string())
    }

    fn sub(&self, code: &str) -> String {
        self.cat
            .aspects
            .iter()
            .flat_map(|a| a.subs.iter())
            .find(|d| d.code == code)
            .map_or_else(|| code.to_string(), |d| d.name.get(self.lang).to_string())
    }

    pub(super) fn date(&self, d: SessionDate) -> String {
        let month = usize::from(u8::from(d.0.month())) - 1;
        match self.tr.out_months.get(month) {
            Some(m) => format!("{} {m} {}", d.0.day(), d.0.year()),
            None => d.to_string(),
        }
    }

    fn tenths(&self, t: u32) -> String {
        format!("{}{}{}", t / 10, self.tr.out_decimal, t % 10)
    }

    fn unset(&self) -> String {
        self.tr.unset.clone()
    }

    fn program_info(e: &Entry) -> ProgramInfo {
        e.program.clone().unwrap_or_default()
    }

    /// The agency in charge: the program's own, else the agency that proposed it (as the
    /// program form starts it).
    fn opd(&self, e: &Entry) -> String {
        match e.program.as_ref().map(|p| p.opd.trim()).filter(|o| !o.is_empty()) {
            Some(o) => o.to_string(),
            None => e.proposer.opd().unwrap_or_default().to_string(),
        }
    }

    fn horizon(&self, p: &ProgramInfo) -> String {
        let h = p
            .horizon
            .map(|h| Strings::label(&self.tr.horizons, h.code()).to_string());
        match (h, p.target_year) {
            (Some(h), Some(y)) => format!("{h}, {y}"),
            (Some(h), None) => h,
            (None, Some(y)) => y.to_string(),
            (None, None) => self.unset(),
        }
    }

    fn budget(&self, p: &ProgramInfo) -> String {
        p.budget.map_or_else(
            || self.unset(),
            |b| Strings::label(&self.tr.budgets, b.code()).to_string(),
        )
    }

    fn status(&self, p: &ProgramInfo) -> String {
        p.status.map_or_else(
            || self.unset(),
            |s| Strings::label(&self.tr.statuses, s.code()).to_string(),
        )
    }

    fn score(v: Option<u8>) -> String {
        v.map_or_else(String::new, |v| v.to_string())
    }

    /// A program's cell: its title and marks, then the description and the RPJMD/Renstra link.
    fn program_cell(&self, e: &Entry) -> String {
        let p = Self::program_info(e);
        let mut cell = self.text(e);
        if p.quick_win {
            cell.push(' ');
            cell.push_str(&self.tr.out_quick_win_mark);
        }
        if p.status == Some(ProgramStatus::Dropped) {
            cell.push_str(&format!(" ({})", self.status(&p)));
        }
        if !p.description.trim().is_empty() {
            cell.push('\n');
            cell.push_str(p.description.trim());
        }
        if !p.plan_link.trim().is_empty() {
            cell.push('\n');
            cell.push_str(&fill(&self.tr.out_plan_link, &[("link", p.plan_link.trim())]));
        }
        cell
    }

    /// The details of a program as `label: value` lines, only those recorded: the block under a
    /// program's title in Buku 2, instead of eight narrow columns.
    fn program_details(&self, e: &Entry) -> Vec<(String, String)> {
        let p = Self::program_info(e);
        let tr = self.tr;
        let mut lines = Vec::new();
        let mut put = |label: &str, value: String| {
            if !value.trim().is_empty() {
                lines.push((label.to_string(), value.trim().to_string()));
            }
        };
        put(&tr.program_opd, self.opd(e));
        put(&tr.program_partners, p.partners.clone());
        put(&tr.program_location, p.location.clone());
        put(&tr.program_indicator, p.indicator.clone());
        put(&tr.program_output, p.output.clone());
        let source = p.budget.map(|b| Strings::label(&tr.budgets, b.code()).to_string());
        let cost = p
            .cost
            .map(|v| format!("Rp {}", crate::domain::program::rupiah_digits(v)));
        put(
            &tr.out_col_budget,
            match (cost, source) {
                (Some(c), Some(s)) => format!("{c} ({s})"),
                (Some(c), None) => c,
                (None, Some(s)) => s,
                (None, None) => String::new(),
            },
        );
        let years = match (p.start_year, p.target_year) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            (None, Some(b)) => b.to_string(),
            (None, None) => String::new(),
        };
        put(&tr.out_col_years, years);
        if let Some(h) = p.horizon {
            put(&tr.program_horizon, Strings::label(&tr.horizons, h.code()).to_string());
        }
        put(&tr.program_plan_link, p.plan_link.clone());
        if let Some(i) = p.innovation {
            put(
                &tr.program_innovation,
                Strings::label(&tr.innovations, i.code()).to_string(),
            );
        }
        lines
    }

    fn programs(&self) -> Vec<&Entry> {
        self.s
            .entries
            .iter()
            .map(|e| &**e)
            .filter(|e| e.kind == Kind::Program)
            .collect()
    }

    fn of_kinds(&self, kinds: &[Kind]) -> Vec<&Entry> {
        self.s
            .entries
            .iter()
            .map(|e| &**e)
            .filter(|e| kinds.contains(&e.kind))
            .collect()
    }
}

/// Position of a pillar in the standard order, entries without one last.
fn pillar_rank(p: Option<Pillar>) -> usize {
    p.and_then(|p| Pillar::ALL.iter().position(|x| *x == p))
        .unwrap_or(Pillar::ALL.len())
}

/// The outline of the books for a session, in the given language.
pub fn build(session: &Session, lang: Lang) -> Book {
    let c = Ctx::new(session, lang, None);
    let mut blocks = vec![cover(&c, session.date.0.year()), Block::PageBreak, meta(&c)];
    if session.entries.iter().any(|e| e.example) {
        blocks.push(Block::Para(c.tr.out_examples_note.clone()));
    }
    front_matter(&c, &mut blocks);
    book1(&c, &mut blocks);
    book2(&c, &mut blocks);
    book3(&c, &mut blocks);
    book4(&c, &mut blocks);
    annexes(&c, &mut blocks);
    Book {
        lang,
        title: session.title.clone(),
        author: session.region.clone(),
        date: format!("{}T00:00:00Z", session.date),
        blocks,
    }
}

/// The title page: the region's government, the masterplan, the four books, the region and the
/// year, and a place for the logo.
pub(super) fn cover(c: &Ctx, year: i32) -> Block {
    let region = c.s.region.trim();
    Block::Cover(Cover {
        government: fill(&c.tr.out_cover_government, &[("REGION", &region.to_uppercase())]),
        logo: c.tr.out_cover_logo.clone(),
        // A cover writes its lines in capitals.
        title: c.tr.out_cover_title.to_uppercase(),
        books: [&c.tr.out_book1, &c.tr.out_book2, &c.tr.out_book3, &c.tr.out_book4]
            .map(String::clone)
            .to_vec(),
        region: region.to_string(),
        year: year.to_string(),
    })
}

/// Kata pengantar with places for the region head's and the implementation team's words, then
/// the table of contents.
pub(super) fn front_matter(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Part(c.tr.out_foreword.clone()));
    out.push(Block::Subsection(c.tr.out_foreword_head.clone()));
    out.push(Block::Empty(c.tr.out_foreword_placeholder.clone()));
    out.push(Block::Subsection(c.tr.out_foreword_team.clone()));
    out.push(Block::Empty(c.tr.out_foreword_placeholder.clone()));
    out.push(Block::Toc(c.tr.out_toc.clone()));
}

pub(super) fn meta(c: &Ctx) -> Block {
    let s = c.s;
    let mut lines = vec![
        (c.tr.out_meta_region.clone(), s.region.clone()),
        (c.tr.out_meta_stage.clone(), stage_line(c)),
        (c.tr.out_meta_date.clone(), c.date(s.date)),
    ];
    if !s.venue.trim().is_empty() {
        lines.push((c.tr.out_meta_venue.clone(), s.venue.clone()));
    }
    // The mentors named for the session, then the roster's people in the mentor role.
    let mut mentors: Vec<&str> = s.facilitators.iter().map(String::as_str).collect();
    for p in s.participants.iter().filter(|p| p.role == crate::domain::Role::Mentor) {
        if !mentors.iter().any(|m| m.trim() == p.name.trim()) {
            mentors.push(&p.name);
        }
    }
    if !mentors.is_empty() {
        lines.push((c.tr.out_meta_facilitators.clone(), mentors.join(", ")));
    }
    Block::Meta(lines)
}

/// `Bimtek I – Analisis Strategis`: the agenda's name when it already names the stage (as the
/// built-in ones do), else the stage and then the name.
fn stage_line(c: &Ctx) -> String {
    let stage = format!("Bimtek {}", c.s.stage.roman());
    let name = c.s.agenda.name.get(c.lang).trim();
    let names_stage = name
        .strip_prefix(&stage)
        .is_some_and(|rest| !rest.starts_with(['I', 'V']));
    match (name.is_empty(), names_stage) {
        (true, _) => stage,
        (false, true) => name.to_string(),
        (false, false) => format!("{stage} — {name}"),
    }
}

// --- Buku 1 -----------------------------------------------------------------------------------

/// Numbers the chapters of one book as masterplan books do: each section a chapter (`BAB I
/// ANALISIS KESIAPAN DAERAH`; `Chapter 1 …` in English, as the catalog says) and each
/// subsection under it `1.1`, `1.2`. Numbering starts anew in every book.
pub(super) fn number_chapters(c: &Ctx, blocks: &mut [Block]) {
    let (mut chapter, mut section) = (0usize, 0usize);
    for b in blocks {
        match b {
            Block::Section(t) => {
                chapter += 1;
                section = 0;
                *t = fill(
                    &c.tr.out_chapter,
                    &[
                        ("n", &chapter.to_string()),
                        ("roman", &roman(chapter)),
                        ("title", t),
                        ("TITLE", &t.to_uppercase()),
                    ],
                );
            }
            Block::Subsection(t) if chapter > 0 => {
                section += 1;
                *t = format!("{chapter}.{section} {t}");
            }
            _ => {}
        }
    }
}

/// `n` in Roman numerals (I, IV, XII), as chapter numbers are written.
pub fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A book's heading, then what `body` writes, with its chapters numbered.
fn numbered_book(c: &Ctx, out: &mut Vec<Block>, title: &str, body: impl FnOnce(&Ctx, &mut Vec<Block>)) {
    out.push(Block::Part(title.to_string()));
    let start = out.len();
    body(c, out);
    number_chapters(c, &mut out[start..]);
}

pub(super) fn book1(c: &Ctx, out: &mut Vec<Block>) {
    numbered_book(c, out, &c.tr.out_book1, book1_body);
}

fn book1_body(c: &Ctx, out: &mut Vec<Block>) {
    readiness_section(c, out);
    swot_section(c, out);

    out.push(Block::Section(c.tr.out_vision.clone()));
    let vision: Vec<String> = c.of_kinds(&[Kind::Vision]).iter().map(|e| c.text(e)).collect();
    out.push(if vision.is_empty() {
        Block::Empty(c.tr.out_vision_none.clone())
    } else {
        Block::List(vision)
    });

    out.push(Block::Section(c.tr.out_problems.clone()));
    let found = c.of_kinds(&[Kind::Problem, Kind::Potential]);
    for p in Pillar::ALL {
        out.push(Block::Subsection(c.pillar(Some(*p))));
        let mine: Vec<&Entry> = found.iter().copied().filter(|e| e.pillar == Some(*p)).collect();
        out.push(problems_table(c, *p, &mine).unwrap_or_else(|| Block::Empty(c.tr.out_problems_none.clone())));
    }
    let loose: Vec<&Entry> = found.iter().copied().filter(|e| e.pillar.is_none()).collect();
    if !loose.is_empty() {
        out.push(Block::Subsection(c.tr.out_no_pillar.clone()));
        out.push(entry_table(c, &loose));
    }
}

fn readiness_section(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Section(c.tr.out_readiness.clone()));
    out.push(Block::Para(c.tr.readiness_disclaimer.clone()));
    let scores = &c.s.readiness;
    if scores.is_empty() {
        out.push(Block::Empty(c.tr.out_readiness_none.clone()));
        return;
    }
    // An average says how many sub-aspects it covers: "4,5 — 2 dari 3 dinilai".
    let average = |a: Aspect| {
        let value = readiness::aspect_average_tenths(scores, c.cat, a, None).map(|t| c.tenths(t))?;
        let subs = c.cat.aspect(a).map_or(&[][..], |d| d.subs.as_slice());
        let scored = subs
            .iter()
            .filter(|d| readiness::find(scores, &d.code, None).is_some())
            .count();
        Some(format!(
            "{value} — {}",
            fill(
                &c.tr.out_readiness_covered,
                &[("n", &scored.to_string()), ("total", &subs.len().to_string())]
            )
        ))
    };
    // A score carried from an earlier stage says so.
    let score = |s: &Score| match s.from_stage {
        Some(st) => format!("{} {}", s.score, fill(&c.tr.out_from_stage, &[("stage", st.roman())])),
        None => s.score.to_string(),
    };
    if scores.iter().any(|s| s.pillar.is_none()) {
        let groups = c
            .cat
            .aspects
            .iter()
            .map(|a| ChartGroup {
                name: c.aspect(a.code),
                average: average(a.code),
                bars: a
                    .subs
                    .iter()
                    .map(|d| {
                        let v = readiness::find(scores, &d.code, None).map(|s| s.score);
                        (d.name.get(c.lang).to_string(), v)
                    })
                    .collect(),
            })
            .collect();
        out.push(Block::Chart(Chart {
            title: c.tr.out_readiness_chart.clone(),
            groups,
        }));
        for a in &c.cat.aspects {
            out.push(Block::Subsection(c.aspect(a.code)));
            let rows = a
                .subs
                .iter()
                .map(|d| {
                    let found = readiness::find(scores, &d.code, None);
                    vec![
                        d.name.get(c.lang).to_string(),
                        found.map_or_else(|| c.unset(), score),
                        found.map(|s| s.note.clone()).unwrap_or_default(),
                    ]
                })
                .collect();
            out.push(Block::Table(Table {
                columns: vec![
                    col(&c.tr.out_col_sub, 5),
                    num(&c.tr.out_col_score, 2),
                    col(&c.tr.out_col_note, 8),
                ],
                rows,
            }));
            if let Some(avg) = average(a.code) {
                out.push(Block::Para(fill(
                    &c.tr.out_readiness_average,
                    &[("aspect", &c.aspect(a.code)), ("value", &avg)],
                )));
            }
        }
    }
    let mut by_pillar: Vec<&Score> = scores.iter().filter(|s| s.pillar.is_some()).collect();
    if !by_pillar.is_empty() {
        let sub_rank = |code: &str| {
            c.cat
                .aspects
                .iter()
                .flat_map(|a| a.subs.iter())
                .position(|d| d.code == code)
                .unwrap_or(usize::MAX)
        };
        by_pillar.sort_by_key(|s| (pillar_rank(s.pillar), sub_rank(&s.sub)));
        out.push(Block::Subsection(c.tr.out_readiness_by_pillar.clone()));
        out.push(Block::Table(Table {
            columns: vec![
                col(&c.tr.out_col_pillar, 4),
                col(&c.tr.out_col_sub, 5),
                num(&c.tr.out_col_score, 2),
                col(&c.tr.out_col_note, 6),
            ],
            rows: by_pillar
                .iter()
                .map(|s| vec![c.pillar(s.pillar), c.sub(&s.sub), score(s), s.note.clone()])
                .collect(),
        }));
    }
}

const SWOT: [Kind; 4] = [Kind::Strength, Kind::Weakness, Kind::Opportunity, Kind::Threat];

/// The strategies of the TOWS matrix, in its reading order: row by row (opportunities, then
/// threats), column by column (strengths, then weaknesses).
const STRATEGIES: [Kind; 4] = [Kind::StrategySo, Kind::StrategyWo, Kind::StrategySt, Kind::StrategyWt];

/// Per aspect the SWOT and, when strategies were recorded, the strategy matrix; then the
/// entries of no aspect, if any.
fn swot_section(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Section(c.tr.out_swot.clone()));
    let swot = c.of_kinds(&SWOT);
    let strategies = c.of_kinds(&STRATEGIES);
    let table = |entries: &[&Entry]| {
        let mut entries = entries.to_vec();
        entries.sort_by_key(|e| SWOT.iter().position(|k| *k == e.kind));
        Block::Table(Table {
            columns: vec![
                col(&c.tr.out_col_kind, 3),
                col(&c.tr.out_col_text, 9),
                col(&c.tr.out_col_proposer, 4),
            ],
            rows: entries
                .iter()
                .map(|e| vec![c.tr.kind(e.kind).to_string(), c.text(e), c.proposer(e)])
                .collect(),
        })
    };
    fn of<'e>(entries: &[&'e Entry], a: Option<Aspect>) -> Vec<&'e Entry> {
        entries.iter().copied().filter(|e| e.aspect == a).collect()
    }
    for a in Aspect::ALL.iter().copied().map(Some).chain([None]) {
        let (mine, plans) = (of(&swot, a), of(&strategies, a));
        let name = match a {
            Some(a) => c.aspect(a),
            None if mine.is_empty() && plans.is_empty() => continue,
            None => c.tr.out_swot_other.clone(),
        };
        out.push(Block::Subsection(name.clone()));
        out.push(if mine.is_empty() {
            Block::Empty(c.tr.out_swot_none.clone())
        } else {
            table(&mine)
        });
        if !plans.is_empty() {
            out.push(Block::Para(fill(&c.tr.out_strategy_table, &[("aspect", &name)])));
            out.push(strategy_table(c, &plans));
        }
    }
}

/// The TOWS matrix: rows opportunities and threats, columns strengths and weaknesses, in each
/// cell the strategies that pair them (S-O, W-O, S-T, W-T).
fn strategy_table(c: &Ctx, strategies: &[&Entry]) -> Block {
    let head = |i: usize| c.tr.out_tows_heads.get(i).cloned().unwrap_or_default();
    let cell = |k: Kind| {
        let lines: Vec<String> = strategies.iter().filter(|e| e.kind == k).map(|e| c.text(e)).collect();
        if lines.is_empty() { c.unset() } else { lines.join("\n") }
    };
    Block::Table(Table {
        columns: vec![col(&c.tr.out_tows_corner, 4), col(&head(0), 8), col(&head(1), 8)],
        rows: vec![
            vec![head(2), cell(Kind::StrategySo), cell(Kind::StrategyWo)],
            vec![head(3), cell(Kind::StrategySt), cell(Kind::StrategyWt)],
        ],
    })
}

/// A pillar's problems and potentials, by element (standard ones first, then the agenda's own,
/// then the pillar in general), problems before potentials.
fn problems_table(c: &Ctx, p: Pillar, entries: &[&Entry]) -> Option<Block> {
    if entries.is_empty() {
        return None;
    }
    let order = crate::domain::grouping::element_codes(p, c.s, c.cat);
    let mut entries = entries.to_vec();
    entries.sort_by_key(|e| {
        let at = e
            .element
            .as_deref()
            .and_then(|code| order.iter().position(|o| o == code))
            .unwrap_or(order.len());
        (at, e.kind != Kind::Problem)
    });
    Some(entry_table(c, &entries))
}

fn entry_table(c: &Ctx, entries: &[&Entry]) -> Block {
    Block::Table(Table {
        columns: vec![
            col(&c.tr.out_col_element, 4),
            col(&c.tr.out_col_kind, 3),
            col(&c.tr.out_col_text, 9),
            col(&c.tr.out_col_proposer, 4),
        ],
        rows: entries
            .iter()
            .map(|e| {
                vec![
                    c.element(e.element.as_deref()),
                    c.tr.kind(e.kind).to_string(),
                    c.text(e),
                    c.proposer(e),
                ]
            })
            .collect(),
    })
}

// --- Buku 2 -----------------------------------------------------------------------------------

pub(super) fn book2(c: &Ctx, out: &mut Vec<Block>) {
    numbered_book(c, out, &c.tr.out_book2, book2_body);
}

fn book2_body(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Section(c.tr.out_programs.clone()));
    let programs = c.programs();
    // Grouped by dimension and then element; the program's text takes the wide column, with
    // its details in a block under it, so a printed page keeps every word readable.
    for p in Pillar::ALL {
        out.push(Block::Subsection(c.pillar(Some(*p))));
        let mut mine: Vec<&Entry> = programs.iter().copied().filter(|e| e.pillar == Some(*p)).collect();
        if mine.is_empty() {
            out.push(Block::Empty(c.tr.out_programs_none.clone()));
            continue;
        }
        let order = crate::domain::grouping::element_codes(*p, c.s, c.cat);
        mine.sort_by_key(|e| {
            e.element
                .as_deref()
                .and_then(|code| order.iter().position(|o| o == code))
                .unwrap_or(order.len())
        });
        out.push(program_table(c, &mine));
    }
    let loose: Vec<&Entry> = programs.iter().copied().filter(|e| e.pillar.is_none()).collect();
    if !loose.is_empty() {
        out.push(Block::Subsection(c.tr.out_no_pillar.clone()));
        out.push(program_table(c, &loose));
    }
}

fn program_table(c: &Ctx, entries: &[&Entry]) -> Block {
    let columns = vec![
        col(&c.tr.out_col_element, 4),
        col(&c.tr.out_col_program, 12),
        num(&c.tr.out_col_votes, 2),
    ];
    numbered(&c.tr.out_col_no, columns, entries, |e| {
        let mut cell = c.program_cell(e);
        for (label, value) in c.program_details(e) {
            cell.push('\n');
            cell.push_str(&format!("{label}: {value}"));
        }
        vec![c.element(e.element.as_deref()), cell, c.votes(e)]
    })
}

// --- Buku 3 -----------------------------------------------------------------------------------

pub(super) fn book3(c: &Ctx, out: &mut Vec<Block>) {
    numbered_book(c, out, &c.tr.out_book3, book3_body);
}

fn book3_body(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Section(c.tr.out_quick_wins_list.clone()));
    out.push(Block::Para(c.tr.matrix_definition.clone()));
    let mut wins: Vec<&Entry> = c
        .programs()
        .into_iter()
        .filter(|e| {
            e.program
                .as_ref()
                .is_some_and(|p| p.quick_win && p.status != Some(ProgramStatus::Dropped))
        })
        .collect();
    if wins.is_empty() {
        out.push(Block::Empty(c.tr.out_quick_wins_none.clone()));
        return;
    }
    wins.sort_by_key(|e| pillar_rank(e.pillar));
    let columns = vec![
        col(&c.tr.out_col_program, 7),
        col(&c.tr.out_col_pillar, 5),
        col(&c.tr.out_col_opd, 5),
        num(&c.tr.out_col_impact, 3),
        num(&c.tr.out_col_effort, 3),
        col(&c.tr.out_col_horizon, 4),
        col(&c.tr.out_col_status, 3),
    ];
    out.push(numbered(&c.tr.out_col_no, columns, &wins, |e| {
        let p = Ctx::program_info(e);
        vec![
            c.program_cell(e),
            c.pillar(e.pillar),
            c.opd(e),
            Ctx::score(p.impact),
            Ctx::score(p.effort),
            c.horizon(&p),
            c.status(&p),
        ]
    }));
    // One sheet per quick win, each on its own page: what a region hands in for each.
    for (i, e) in wins.iter().enumerate() {
        let p = Ctx::program_info(e);
        out.push(Block::PageBreak);
        if i == 0 {
            out.push(Block::Section(c.tr.out_quick_win_sheets.clone()));
        }
        // The chapter numbering gives each sheet its number (2.1, 2.2, …).
        out.push(Block::Subsection(fill(
            &c.tr.out_quick_win_sheet,
            &[("title", &e.text)],
        )));
        let tr = c.tr;
        let cost = p
            .cost
            .map(|v| format!("Rp {}", crate::domain::program::rupiah_digits(v)))
            .unwrap_or_default();
        let budget = match (cost.is_empty(), p.budget) {
            (false, Some(b)) => format!("{cost} ({})", Strings::label(&tr.budgets, b.code())),
            (true, Some(b)) => Strings::label(&tr.budgets, b.code()).to_string(),
            _ => cost,
        };
        let rows = [
            (
                &tr.out_col_pillar,
                format!("{} — {}", c.pillar(e.pillar), c.element(e.element.as_deref())),
            ),
            (&tr.program_opd, c.opd(e)),
            (&tr.program_background, p.background.clone()),
            (&tr.program_goal, p.goal.clone()),
            (&tr.program_description, p.description.clone()),
            (&tr.program_activities, p.activities.clone()),
            (&tr.program_schedule, p.schedule.clone()),
            (&tr.out_col_budget, budget),
            (&tr.program_indicator, p.indicator.clone()),
            (&tr.program_output, p.output.clone()),
            (&tr.program_partners, p.partners.clone()),
            (&tr.program_location, p.location.clone()),
        ];
        out.push(Block::Table(Table {
            columns: vec![col(&tr.out_col_sheet_item, 4), col(&tr.out_col_text, 12)],
            rows: rows
                .into_iter()
                .map(|(label, value)| {
                    let value = if value.trim().is_empty() { c.unset() } else { value };
                    vec![label.clone(), value]
                })
                .collect(),
        }));
    }
}

// --- Buku 4 -----------------------------------------------------------------------------------

pub(super) fn book4(c: &Ctx, out: &mut Vec<Block>) {
    numbered_book(c, out, &c.tr.out_book4, book4_body);
}

fn book4_body(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Para(c.tr.out_roadmap_intro.clone()));
    // Dropped programs are not on the road map (Buku 2 still lists them, marked).
    let programs: Vec<&Entry> = c
        .programs()
        .into_iter()
        .filter(|e| e.program.as_ref().and_then(|p| p.status) != Some(ProgramStatus::Dropped))
        .collect();
    year_matrix(c, &programs, out);
    let table = |entries: &[&Entry]| {
        let mut entries = entries.to_vec();
        entries.sort_by_key(|e| {
            let year = e.program.as_ref().and_then(|p| p.target_year);
            (year.is_none(), year, pillar_rank(e.pillar))
        });
        Block::Table(Table {
            columns: vec![
                num(&c.tr.out_col_year, 3),
                col(&c.tr.out_col_program, 9),
                col(&c.tr.out_col_pillar, 5),
                col(&c.tr.out_col_opd, 5),
                col(&c.tr.out_col_budget, 4),
                col(&c.tr.out_col_status, 4),
            ],
            rows: entries
                .iter()
                .map(|e| {
                    let p = Ctx::program_info(e);
                    vec![
                        p.target_year.map_or_else(|| c.unset(), |y| y.to_string()),
                        c.program_cell(e),
                        c.pillar(e.pillar),
                        c.opd(e),
                        c.budget(&p),
                        c.status(&p),
                    ]
                })
                .collect(),
        })
    };
    out.push(Block::Section(c.tr.out_roadmap_by_horizon.clone()));
    ByHeading {
        headings: Horizon::ALL
            .iter()
            .map(|h| {
                (
                    *h,
                    Block::Subsection(Strings::label(&c.tr.horizons, h.code()).to_string()),
                )
            })
            .collect(),
        none: c.tr.out_roadmap_none.clone(),
        rest: Block::Subsection(c.tr.out_horizon_unset.clone()),
        key: |e| e.program.as_ref().and_then(|p| p.horizon),
        entries: &programs,
    }
    .write(out, table);
}

/// The years a program runs, as offsets 0–9 from the masterplan's start: from its start year
/// (or its target year) to its target year; with no year, its horizon (short: the first year,
/// medium: the first five, long: all ten).
fn years_of(c: &Ctx, p: &ProgramInfo) -> Option<(usize, usize)> {
    let at = |y: u16| usize::try_from((i32::from(y) - c.start).clamp(0, 9)).unwrap_or(0);
    match (p.start_year, p.target_year, p.horizon) {
        (Some(a), Some(b), _) => Some((at(a.min(b)), at(a.max(b)))),
        (Some(a), None, _) => Some((at(a), at(a))),
        (None, Some(b), _) => Some((at(b), at(b))),
        (None, None, Some(Horizon::Short)) => Some((0, 0)),
        (None, None, Some(Horizon::Medium)) => Some((0, 4)),
        (None, None, Some(Horizon::Long)) => Some((0, 9)),
        (None, None, None) => None,
    }
}

/// A program × year table per dimension: the ten years from the masterplan's start, a mark in
/// each year a program runs.
fn year_matrix(c: &Ctx, programs: &[&Entry], out: &mut Vec<Block>) {
    out.push(Block::Section(fill(
        &c.tr.out_roadmap_matrix,
        &[("from", &c.start.to_string()), ("to", &(c.start + 9).to_string())],
    )));
    for p in Pillar::ALL {
        let mine: Vec<&Entry> = programs.iter().copied().filter(|e| e.pillar == Some(*p)).collect();
        if mine.is_empty() {
            continue;
        }
        out.push(Block::Subsection(c.pillar(Some(*p))));
        // Two-digit years ('21, '22, …) keep ten columns readable on a portrait page.
        let mut columns = vec![col(&c.tr.out_col_program, 4)];
        columns.extend((0..10).map(|i| Column {
            title: format!("'{:02}", (c.start + i).rem_euclid(100)),
            width: 1,
            numeric: false,
        }));
        let rows = mine
            .iter()
            .map(|e| {
                let span = e.program.as_ref().and_then(|p| years_of(c, p));
                let mut row = vec![c.text(e)];
                row.extend((0..10).map(|i| match span {
                    Some((a, b)) if (a..=b).contains(&i) => "■".to_string(),
                    _ => String::new(),
                }));
                row
            })
            .collect();
        out.push(Block::Table(Table { columns, rows }));
    }
}

// --- Annexes ----------------------------------------------------------------------------------

pub(super) fn annexes(c: &Ctx, out: &mut Vec<Block>) {
    let s = c.s;
    out.push(Block::Part(c.tr.out_annexes.clone()));

    out.push(Block::Section(c.tr.out_participants.clone()));
    attendance(c, out);

    out.push(Block::Section(c.tr.out_agenda.clone()));
    let minutes = |secs: u64| {
        if secs == 0 {
            c.unset()
        } else {
            ((secs + 30) / 60).to_string()
        }
    };
    let mut rows: Vec<Vec<String>> = s
        .agenda
        .steps
        .iter()
        .enumerate()
        .map(|(i, st)| {
            vec![
                (i + 1).to_string(),
                st.title.get(c.lang).to_string(),
                st.minutes.to_string(),
                minutes(st.spent_seconds),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        c.tr.out_total.clone(),
        s.agenda.planned_minutes().to_string(),
        minutes(s.agenda.steps.iter().map(|st| st.spent_seconds).sum()),
    ]);
    out.push(Block::Table(Table {
        columns: vec![
            num(&c.tr.out_col_no, 2),
            col(&c.tr.out_col_step, 10),
            num(&c.tr.out_col_planned, 3),
            num(&c.tr.out_col_actual, 3),
        ],
        rows,
    }));

    out.push(Block::Section(c.tr.out_commitments.clone()));
    commitments(c, out);

    out.push(Block::Section(c.tr.out_notes.clone()));
    let notes: Vec<String> = c.of_kinds(&[Kind::Note]).iter().map(|e| c.text(e)).collect();
    out.push(if notes.is_empty() {
        Block::Empty(c.tr.out_notes_none.clone())
    } else {
        Block::List(notes)
    });

    super::annex_ideas::rejected_ideas(c, out);
}

/// The attendance list of a session, fit to sign: who, for which agency, in which role, whether
/// present (or not yet recorded), and room for a signature.
pub(super) fn attendance(c: &Ctx, out: &mut Vec<Block>) {
    let s = c.s;
    if s.participants.is_empty() {
        out.push(Block::Empty(c.tr.out_participants_none.clone()));
        return;
    }
    let unrecorded = s.participants.iter().filter(|p| p.unrecorded).count();
    let present = s.participants.iter().filter(|p| p.present && !p.unrecorded).count();
    if unrecorded == s.participants.len() {
        // A carried roster nobody has taken attendance of yet claims no one.
        out.push(Block::Para(fill(
            &c.tr.out_attendance_unrecorded,
            &[("total", &unrecorded.to_string())],
        )));
    } else {
        out.push(Block::Para(fill(
            &c.tr.out_attendance,
            &[
                ("present", &present.to_string()),
                ("total", &s.participants.len().to_string()),
            ],
        )));
    }
    let columns = vec![
        col(&c.tr.out_col_name, 6),
        col(&c.tr.out_col_institution, 6),
        col(&c.tr.out_col_role, 4),
        col(&c.tr.out_col_present, 2),
        col(&c.tr.out_col_signature, 5),
    ];
    out.push(numbered(&c.tr.out_col_no, columns, &s.participants, |p| {
        let present = if p.unrecorded {
            c.unset()
        } else if p.present {
            c.tr.yes.clone()
        } else {
            c.tr.no.clone()
        };
        vec![
            p.name.clone(),
            p.institution.clone(),
            c.tr.role(p.role).to_string(),
            present,
            String::new(),
        ]
    }));
    // The organiser signs the list as a true record of who came.
    out.push(Block::Signatures(vec![Signature {
        above: fill(&c.tr.out_sign_place_date, &[("date", &c.date(s.date))]),
        role: c.tr.out_sign_team.clone(),
        name: c.tr.out_sign_name.clone(),
        nip: Some(c.tr.out_sign_nip.clone()),
    }]));
}

/// The commitments signed (Bimtek IV), and the pledges recorded as entries.
pub(super) fn commitments(c: &Ctx, out: &mut Vec<Block>) {
    let s = c.s;
    if s.commitments.is_empty() {
        out.push(Block::Empty(c.tr.out_commitments_none.clone()));
    } else {
        let columns = vec![
            col(&c.tr.out_col_opd, 4),
            col(&c.tr.out_col_committed, 7),
            col(&c.tr.out_col_signer, 4),
            col(&c.tr.out_col_signed, 3),
        ];
        out.push(numbered(&c.tr.out_col_no, columns, &s.commitments, |k| {
            let mut opd = k.opd.clone();
            if !k.note.trim().is_empty() {
                opd.push('\n');
                opd.push_str(k.note.trim());
            }
            let programs: Vec<String> = k
                .programs
                .iter()
                .map(|id| s.entry(id).map_or_else(|| id.to_string(), |e| e.text.clone()))
                .collect();
            vec![
                opd,
                programs.join("\n"),
                k.signer.clone(),
                k.signed.map_or_else(|| c.unset(), |d| c.date(d)),
            ]
        }));
    }
    let pledges: Vec<String> = c.of_kinds(&[Kind::Commitment]).iter().map(|e| c.text(e)).collect();
    if !pledges.is_empty() {
        out.push(Block::Subsection(c.tr.out_commitment_entries.clone()));
        out.push(Block::List(pledges));
    }
    // The region head acknowledges; the head of Bappeda, who holds the masterplan, signs.
    out.push(Block::Signatures(vec![
        Signature {
            above: c.tr.out_sign_known.clone(),
            role: c.tr.out_sign_region_head.clone(),
            name: c.tr.out_sign_name.clone(),
            nip: None,
        },
        Signature {
            above: fill(&c.tr.out_sign_place_date, &[("date", &c.date(s.date))]),
            role: c.tr.out_sign_bappeda.clone(),
            name: c.tr.out_sign_name.clone(),
            nip: Some(c.tr.out_sign_nip.clone()),
        },
    ]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Session {
        crate::store::parse(crate::store::demo::SAMPLE).expect("the sample loads")
    }

    /// The blocks of the book called `part`, up to the next book.
    fn part<'b>(book: &'b Book, title: &str) -> &'b [Block] {
        let start = book
            .blocks
            .iter()
            .position(|b| *b == Block::Part(title.to_string()))
            .map_or(book.blocks.len(), |i| i + 1);
        let len = book.blocks[start..]
            .iter()
            .position(|b| matches!(b, Block::Part(_)))
            .unwrap_or(book.blocks.len() - start);
        &book.blocks[start..start + len]
    }

    fn headings(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Section(t) | Block::Subsection(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn roman_numerals_as_chapters_are_written() {
        let got: Vec<String> = [1, 2, 3, 4, 5, 9, 14, 40, 1999].map(roman).to_vec();
        assert_eq!(got, ["I", "II", "III", "IV", "V", "IX", "XIV", "XL", "MCMXCIX"]);
    }

    #[test]
    fn every_book_numbers_its_own_chapters_and_their_sections() {
        let book = build(&sample(), Lang::Id);
        let tr = strings(Lang::Id);
        let one = headings(part(&book, &tr.out_book1));
        assert_eq!(one.first(), Some(&"BAB I ANALISIS KESIAPAN DAERAH"));
        assert!(one.contains(&"1.1 Struktur"), "{one:?}");
        assert!(one.contains(&"BAB II ANALISIS SWOT PER ASPEK"), "{one:?}");
        assert!(one.contains(&"2.3 Suprastruktur"), "{one:?}");
        assert!(one.contains(&"4.6 Smart Environment"), "{one:?}");
        let two = headings(part(&book, &tr.out_book2));
        assert_eq!(two[..2], ["BAB I PROGRAM PER DIMENSI", "1.1 Smart Governance"]);
        let four = headings(part(&book, &tr.out_book4));
        assert!(four.contains(&"BAB II PROGRAM MENURUT JANGKA WAKTU"), "{four:?}");
        // The foreword and the annexes are not chapters.
        assert!(
            headings(part(&book, &tr.out_annexes))
                .iter()
                .all(|h| !h.starts_with("BAB"))
        );

        let en = build(&sample(), Lang::En);
        let one = headings(part(&en, &strings(Lang::En).out_book1));
        assert_eq!(one.first(), Some(&"Chapter 1 Regional readiness analysis"));
    }

    #[test]
    fn the_cover_comes_first_with_the_government_and_a_place_for_the_logo() {
        let book = build(&sample(), Lang::Id);
        let Some(Block::Cover(cover)) = book.blocks.first() else {
            panic!("no cover first: {:?}", book.blocks.first());
        };
        assert_eq!(cover.government, "PEMERINTAH KABUPATEN HALMAHERA UTARA");
        assert_eq!(cover.title, "MASTERPLAN SMART CITY");
        assert_eq!(cover.logo, "[Logo Pemerintah Daerah]");
        assert_eq!(cover.year, "2021");
        assert_eq!(cover.books.len(), 4);
        assert_eq!(book.blocks.get(1), Some(&Block::PageBreak));
    }

    /// The strategy matrix after the paragraph that names it, under the aspect `aspect`.
    fn matrix<'b>(book: &'b Book, aspect: &str) -> Option<&'b Table> {
        let tr = strings(book.lang);
        let title = fill(&tr.out_strategy_table, &[("aspect", aspect)]);
        let at = book.blocks.iter().position(|b| *b == Block::Para(title.clone()))?;
        match book.blocks.get(at + 1) {
            Some(Block::Table(t)) => Some(t),
            _ => None,
        }
    }

    #[test]
    fn strategies_fill_the_tows_matrix_of_their_aspect() {
        let book = build(&sample(), Lang::Id);
        let t = matrix(&book, "Infrastruktur").expect("a strategy matrix for Infrastruktur");
        let heads: Vec<&str> = t.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(heads, ["Eksternal / Internal", "Kekuatan (S)", "Kelemahan (W)"]);
        assert_eq!(t.rows[0][0], "Peluang (O)");
        assert_eq!(t.rows[1][0], "Ancaman (T)");
        assert_eq!(t.rows[0][1], "—", "no S-O strategy for Infrastruktur");
        assert!(
            t.rows[0][2].starts_with("Mengusulkan desa-desa blank spot"),
            "{}",
            t.rows[0][2]
        );
        assert!(
            t.rows[1][1].starts_with("Menyiapkan jalur komunikasi cadangan"),
            "{}",
            t.rows[1][1]
        );
        assert_eq!(t.rows[1][2], "—");
        // Strategies do not repeat in the SWOT table, and an aspect without any has no matrix.
        let mut s = sample();
        s.entries
            .retain(|e| !(STRATEGIES.contains(&e.kind) && e.aspect == Some(Aspect::Struktur)));
        let book = build(&s, Lang::Id);
        assert!(matrix(&book, "Struktur").is_none());
        assert!(matrix(&book, "Suprastruktur").is_some());
        let swot_rows: Vec<&Vec<String>> = book
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) if t.columns.len() == 3 && t.columns[0].title == "Jenis" => Some(&t.rows),
                _ => None,
            })
            .flatten()
            .collect();
        assert!(swot_rows.iter().all(|r| !r[0].starts_with("Strategi")));
    }

    #[test]
    fn a_strategy_of_no_aspect_is_not_lost() {
        let mut s = sample();
        let mut e = Entry::new(
            "01FEZFTEST0000000000000001".into(),
            Kind::StrategyWt,
            "Strategi tanpa aspek",
            time::macros::datetime!(2021-09-07 15:40 +9),
        );
        e.aspect = None;
        s.entries.push(e.into());
        let book = build(&s, Lang::Id);
        let t = matrix(&book, &strings(Lang::Id).out_swot_other).expect("a matrix under no aspect");
        assert_eq!(t.rows[1][2], "Strategi tanpa aspek");
    }

    #[test]
    fn signatures_follow_the_attendance_and_the_commitments() {
        let book = build(&sample(), Lang::Id);
        let signs: Vec<&Vec<Signature>> = book
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Signatures(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(signs.len(), 2, "under the attendance list and under the commitments");
        let attendance = signs[0];
        assert_eq!(attendance[0].role, "Ketua Tim Pelaksana Smart City");
        assert_eq!(attendance[0].above, "……………………, 7 September 2021");
        assert!(attendance[0].nip.as_deref().is_some_and(|n| n.starts_with("NIP.")));
        let commitments = signs[1];
        let roles: Vec<&str> = commitments.iter().map(|s| s.role.as_str()).collect();
        assert_eq!(roles, ["Bupati/Wali Kota", "Kepala Bappeda"]);
        assert_eq!(commitments[0].nip, None, "a region head is elected, with no NIP");
        // The attendance list's signatures come right after its table.
        let at = book
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Signatures(_)))
            .unwrap_or(0);
        assert!(matches!(&book.blocks[at - 1], Block::Table(t) if t.columns.iter().any(|c| c.title == "Tanda tangan")));
    }

    #[test]
    fn tables_of_seven_columns_or_more_are_wide() {
        let book = build(&sample(), Lang::Id);
        let wide: Vec<usize> = book
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) if t.wide() => Some(t.columns.len()),
                _ => None,
            })
            .collect();
        // The quick wins (No. and seven columns) and the road map's ten years.
        assert!(wide.contains(&8) && wide.contains(&11), "{wide:?}");
    }
}
