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
    /// The readiness scores as bars (drawn by the HTML writer; the others rely on the tables).
    Chart(Chart),
}

/// Cells may hold several lines, separated by `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
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

struct Ctx<'a> {
    s: &'a Session,
    lang: Lang,
    tr: &'static Strings,
    cat: &'static Catalog,
}

impl Ctx<'_> {
    /// An entry's text with its marks: carried over from an earlier stage, an example.
    fn text(&self, e: &Entry) -> String {
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

    fn date(&self, d: SessionDate) -> String {
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

    fn innovation(&self, p: &ProgramInfo) -> String {
        p.innovation.map_or_else(
            || self.unset(),
            |i| Strings::label(&self.tr.innovations, i.code()).to_string(),
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
    let c = Ctx {
        s: session,
        lang,
        tr: strings(lang),
        cat: catalog(),
    };
    let mut blocks = vec![meta(&c)];
    if session.entries.iter().any(|e| e.example) {
        blocks.push(Block::Para(c.tr.out_examples_note.clone()));
    }
    book1(&c, &mut blocks);
    book2(&c, &mut blocks);
    book3(&c, &mut blocks);
    book4(&c, &mut blocks);
    annexes(&c, &mut blocks);
    Book {
        lang,
        title: session.title.clone(),
        date: format!("{}T00:00:00Z", session.date),
        blocks,
    }
}

fn meta(c: &Ctx) -> Block {
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

fn book1(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Part(c.tr.out_book1.clone()));
    readiness_section(c, out);
    swot_section(c, out);

    out.push(Block::Section(format!("1.3 {}", c.tr.out_vision)));
    let vision: Vec<String> = c.of_kinds(&[Kind::Vision]).iter().map(|e| c.text(e)).collect();
    out.push(if vision.is_empty() {
        Block::Empty(c.tr.out_vision_none.clone())
    } else {
        Block::List(vision)
    });

    out.push(Block::Section(format!("1.4 {}", c.tr.out_problems)));
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
    out.push(Block::Section(format!("1.1 {}", c.tr.out_readiness)));
    out.push(Block::Para(c.tr.readiness_disclaimer.clone()));
    let scores = &c.s.readiness;
    if scores.is_empty() {
        out.push(Block::Empty(c.tr.out_readiness_none.clone()));
        return;
    }
    let average = |a: Aspect| readiness::aspect_average_tenths(scores, c.cat, a, None).map(|t| c.tenths(t));
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
                        found.map_or_else(|| c.unset(), |s| s.score.to_string()),
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
                .map(|s| vec![c.pillar(s.pillar), c.sub(&s.sub), s.score.to_string(), s.note.clone()])
                .collect(),
        }));
    }
}

const SWOT: [Kind; 4] = [Kind::Strength, Kind::Weakness, Kind::Opportunity, Kind::Threat];

fn swot_section(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Section(format!("1.2 {}", c.tr.out_swot)));
    let found = c.of_kinds(&SWOT);
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
    ByHeading {
        headings: Aspect::ALL
            .iter()
            .map(|a| (*a, Block::Subsection(c.aspect(*a))))
            .collect(),
        none: c.tr.out_swot_none.clone(),
        rest: Block::Subsection(c.tr.out_swot_other.clone()),
        key: |e| e.aspect,
        entries: &found,
    }
    .write(out, table);
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

fn book2(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Part(c.tr.out_book2.clone()));
    out.push(Block::Section(format!("2.1 {}", c.tr.out_programs)));
    let programs = c.programs();
    let table = |entries: &[&Entry]| {
        let columns = vec![
            col(&c.tr.out_col_program, 7),
            col(&c.tr.out_col_element, 4),
            col(&c.tr.out_col_opd, 5),
            col(&c.tr.out_col_horizon, 4),
            col(&c.tr.out_col_budget, 4),
            col(&c.tr.out_col_innovation, 3),
            num(&c.tr.out_col_votes, 3),
        ];
        numbered(&c.tr.out_col_no, columns, entries, |e| {
            let p = Ctx::program_info(e);
            vec![
                c.program_cell(e),
                c.element(e.element.as_deref()),
                c.opd(e),
                c.horizon(&p),
                c.budget(&p),
                c.innovation(&p),
                super::votes_for(c.s, &e.id).to_string(),
            ]
        })
    };
    ByHeading {
        headings: Pillar::ALL
            .iter()
            .map(|p| (*p, Block::Subsection(c.pillar(Some(*p)))))
            .collect(),
        none: c.tr.out_programs_none.clone(),
        rest: Block::Subsection(c.tr.out_no_pillar.clone()),
        key: |e| e.pillar,
        entries: &programs,
    }
    .write(out, table);
}

// --- Buku 3 -----------------------------------------------------------------------------------

fn book3(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Part(c.tr.out_book3.clone()));
    out.push(Block::Para(c.tr.matrix_definition.clone()));
    let mut wins: Vec<&Entry> = c
        .programs()
        .into_iter()
        .filter(|e| e.program.as_ref().is_some_and(|p| p.quick_win))
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
}

// --- Buku 4 -----------------------------------------------------------------------------------

fn book4(c: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Part(c.tr.out_book4.clone()));
    out.push(Block::Para(c.tr.out_roadmap_intro.clone()));
    // Dropped programs are not on the road map (Buku 2 still lists them, marked).
    let programs: Vec<&Entry> = c
        .programs()
        .into_iter()
        .filter(|e| e.program.as_ref().and_then(|p| p.status) != Some(ProgramStatus::Dropped))
        .collect();
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
    ByHeading {
        headings: Horizon::ALL
            .iter()
            .map(|h| (*h, Block::Section(Strings::label(&c.tr.horizons, h.code()).to_string())))
            .collect(),
        none: c.tr.out_roadmap_none.clone(),
        rest: Block::Section(c.tr.out_horizon_unset.clone()),
        key: |e| e.program.as_ref().and_then(|p| p.horizon),
        entries: &programs,
    }
    .write(out, table);
}

// --- Annexes ----------------------------------------------------------------------------------

fn annexes(c: &Ctx, out: &mut Vec<Block>) {
    let s = c.s;
    out.push(Block::Part(c.tr.out_annexes.clone()));

    out.push(Block::Section(c.tr.out_participants.clone()));
    if s.participants.is_empty() {
        out.push(Block::Empty(c.tr.out_participants_none.clone()));
    } else {
        let present = s.participants.iter().filter(|p| p.present).count();
        out.push(Block::Para(fill(
            &c.tr.out_attendance,
            &[
                ("present", &present.to_string()),
                ("total", &s.participants.len().to_string()),
            ],
        )));
        let columns = vec![
            col(&c.tr.out_col_name, 6),
            col(&c.tr.out_col_institution, 7),
            col(&c.tr.out_col_role, 4),
            col(&c.tr.out_col_present, 2),
        ];
        out.push(numbered(&c.tr.out_col_no, columns, &s.participants, |p| {
            vec![
                p.name.clone(),
                p.institution.clone(),
                c.tr.role(p.role).to_string(),
                if p.present { &c.tr.yes } else { &c.tr.no }.clone(),
            ]
        }));
    }

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
                .map(|id| s.entry(id).map_or_else(|| id.clone(), |e| e.text.clone()))
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

    out.push(Block::Section(c.tr.out_notes.clone()));
    let notes: Vec<String> = c.of_kinds(&[Kind::Note]).iter().map(|e| c.text(e)).collect();
    out.push(if notes.is_empty() {
        Block::Empty(c.tr.out_notes_none.clone())
    } else {
        Block::List(notes)
    });
}
