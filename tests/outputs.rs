//! Outputs: the exports (golden files of the sample, the Word document unzipped, the CSV read
//! back and imported again, the HTML checked for anything external), carrying a session into the
//! next stage, and merging breakout groups (properties checked with proptest); then the command
//! line for `export`, `new --from` and `merge`, including the bad cases.
//!
//! The golden files are in `tests/golden/`. After an intended change to an export, rewrite them
//! with `BIMTEK_UPDATE_GOLDEN=1 cargo test --test outputs` and read the diff.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use bimtek::domain::IdGen;
use bimtek::domain::commitment::Commitment;
use bimtek::domain::merge::{merge, related};
use bimtek::domain::program::{BudgetSource, Horizon, InnovationType, ProgramInfo, ProgramStatus};
use bimtek::domain::readiness::Score;
use bimtek::domain::vote::{Ballot, VoteRound};
use bimtek::domain::{Entry, Kind, Lang, Participant, Pillar, Role, Session, Stage};
use bimtek::export::{self, Format};
use bimtek::store;
use proptest::prelude::*;
use time::macros::datetime;

mod support;

use support::cli::{Output, one_line_error};
use support::{Env, SAMPLE_NAME};

fn sample() -> Session {
    support::sample::bare()
}

fn sample_as_shipped() -> Session {
    support::sample::as_shipped()
}

/// The sample with everything a later stage adds: readiness scores, program details, quick wins,
/// a voting round, a commitment, a note, timed steps. Fixed values, so its exports are stable.
fn rich() -> Session {
    let mut s = sample();
    let subs = [
        ("struktur.sdm", 2, "ASN TIK masih sedikit"),
        ("struktur.anggaran", 2, ""),
        ("struktur.tata-kelola", 3, ""),
        ("infrastruktur.fisik", 3, ""),
        ("infrastruktur.digital", 2, "blank spot di kepulauan"),
        ("infrastruktur.sosial", 4, ""),
        ("suprastruktur.regulasi", 2, ""),
        ("suprastruktur.kelembagaan", 3, ""),
    ];
    for (sub, score, note) in subs {
        s.readiness.push(Score {
            sub: sub.into(),
            pillar: None,
            score,
            note: note.into(),
            from_stage: None,
        });
    }
    s.readiness.push(Score {
        sub: "infrastruktur.digital".into(),
        pillar: Some(Pillar::Living),
        score: 1,
        note: "puskesmas pulau belum terhubung".into(),
        from_stage: None,
    });
    let programs: Vec<bimtek::domain::EntryId> = s
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Program)
        .map(|e| e.id.clone())
        .collect();
    let details = [
        (0, Horizon::Short, 2022, BudgetSource::Apbd, true, ProgramStatus::Chosen),
        (
            1,
            Horizon::Medium,
            2024,
            BudgetSource::Apbn,
            false,
            ProgramStatus::Planned,
        ),
        (4, Horizon::Short, 2022, BudgetSource::Apbd, true, ProgramStatus::Chosen),
        (10, Horizon::Long, 2030, BudgetSource::Kpbu, false, ProgramStatus::Idea),
        (
            17,
            Horizon::Medium,
            2025,
            BudgetSource::Csr,
            false,
            ProgramStatus::Dropped,
        ),
    ];
    for (i, horizon, year, budget, quick_win, status) in details {
        let id = &programs[i];
        let Some(e) = s.entries.iter_mut().find(|e| &e.id == id) else {
            panic!("program {i}");
        };
        std::sync::Arc::make_mut(e).program = Some(ProgramInfo {
            description: "Uraian singkat | dengan *tanda* <khusus> & baris\nkedua".into(),
            opd: "Bappeda".into(),
            horizon: Some(horizon),
            target_year: Some(year),
            budget: Some(budget),
            plan_link: "RPJMD 2021–2026 Misi 2".into(),
            innovation: Some(InnovationType::Method),
            impact: Some(4),
            effort: Some(2),
            quick_win,
            status: Some(status),
            partners: "Universitas Halmahera".into(),
            location: "Tobelo".into(),
            indicator: "90 % layanan selesai dalam 1 hari".into(),
            output: "Aplikasi layanan terpadu".into(),
            cost: Some(1_500_000_000),
            start_year: Some(year - 1),
            background: "Antrean panjang di kantor layanan".into(),
            goal: "Layanan lebih cepat".into(),
            activities: "Kajian; pengadaan; pelatihan petugas".into(),
            schedule: "Triwulan I–IV".into(),
        });
    }
    let mut round = VoteRound::new("01FEYS0000VOTEROUND0000001".into(), "review".into());
    round.revealed = true;
    for (i, n) in [(0, 5), (1, 3), (4, 3)] {
        round.ballots.push(Ballot {
            entry: programs[i].clone(),
            participant: None,
            count: n,
        });
    }
    s.votes.push(round);
    s.commitments.push(Commitment {
        id: "01FEYS0000COMMITMENT000001".into(),
        opd: "Dinas Dukcapil".into(),
        programs: vec![programs[0].clone()],
        signer: "Kepala Dinas Dukcapil".into(),
        signed: Some("2021-12-10".parse().expect("date")),
        note: String::new(),
    });
    let t = datetime!(2021-09-07 15:00 +9);
    let mut note = Entry::new(
        "01FEYS0000NOTE000000000001".into(),
        Kind::Note,
        "Catatan: <b>rapat</b> lanjutan",
        t,
    );
    note.example = true;
    s.entries.push(note.into());
    s.participants[4].present = false;
    s.agenda.steps[0].spent_seconds = 35 * 60 + 10;
    s.agenda.steps[2].spent_seconds = 100 * 60;
    s
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden")
}

/// Compares `bytes` with the golden file byte for byte, or rewrites it when asked to.
fn golden(name: &str, bytes: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("BIMTEK_UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0") {
        fs::create_dir_all(golden_dir()).expect("golden dir");
        fs::write(&path, bytes).expect("write golden");
        return;
    }
    let expected =
        fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run with BIMTEK_UPDATE_GOLDEN=1", path.display()));
    if expected != bytes {
        let (a, b) = (String::from_utf8_lossy(&expected), String::from_utf8_lossy(bytes));
        let line = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or_else(|| a.lines().count().min(b.lines().count()));
        panic!(
            "{} differs from the export at line {}:\n  golden: {:?}\n  now:    {:?}\nIf the change is intended, run BIMTEK_UPDATE_GOLDEN=1 cargo test --test outputs",
            path.display(),
            line + 1,
            a.lines().nth(line).unwrap_or(""),
            b.lines().nth(line).unwrap_or("")
        );
    }
}

fn render(s: &Session, f: Format, lang: Lang) -> Vec<u8> {
    export::render(s, f, lang).expect("export")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

// ---------------------------------------------------------------------------------------------
// Golden files

#[test]
fn golden_exports_of_the_sample() {
    let s = sample();
    golden("sample.md", &render(&s, Format::Markdown, Lang::Id));
    golden("sample.html", &render(&s, Format::Html, Lang::Id));
    golden("sample.csv", &render(&s, Format::Csv, Lang::Id));
}

#[test]
fn golden_exports_of_a_later_stage() {
    let s = rich();
    // To look at the Word and PDF output by hand: BIMTEK_EXPORT_SAMPLES=DIR writes the later-stage
    // session and its exports there.
    if let Some(dir) = std::env::var_os("BIMTEK_EXPORT_SAMPLES") {
        let dir = PathBuf::from(dir);
        fs::create_dir_all(&dir).expect("folder");
        store::save(&dir.join("rich.ron"), &s).expect("write");
        for f in Format::ALL {
            fs::write(dir.join(format!("rich.{f}")), render(&s, f, Lang::Id)).expect("write");
        }
    }
    golden("rich.md", &render(&s, Format::Markdown, Lang::Id));
    golden("rich.en.md", &render(&s, Format::Markdown, Lang::En));
    golden("rich.html", &render(&s, Format::Html, Lang::Id));
}

/// Ideas sent from phones, decided in every way the inbox allows; two rejected.
fn with_ideas() -> Session {
    use bimtek::domain::idea::{Idea, IdeaStatus};
    let mut s = sample();
    let step = s.agenda.steps[3].id.clone();
    let idea = |n: u32, text: &str, name: &str, opd: &str, status: IdeaStatus| Idea {
        id: format!("01J00000000000000000IDEA{n:02}"),
        client_id: format!("p1-i{n}"),
        device: "perangkat-1".into(),
        step: step.clone(),
        kind: Kind::Problem,
        heading: Some("governance.service".into()),
        text: text.into(),
        name: name.into(),
        opd: opd.into(),
        received: datetime!(2021-09-07 03:15 UTC),
        status,
        entry: None,
    };
    s.ideas = vec![
        idea(1, "Antrean KTP terlalu panjang", "", "", IdeaStatus::Rejected),
        idea(
            2,
            "Aplikasi layanan belum terhubung",
            "Rina",
            "Dinas Kominfo",
            IdeaStatus::Pending,
        ),
        idea(
            3,
            "Jaringan | <b>lemah</b> di pulau",
            "Yosef",
            "Bappeda",
            IdeaStatus::Rejected,
        ),
        idea(
            4,
            "Belum ada mal pelayanan publik",
            "",
            "DPMPTSP",
            IdeaStatus::Duplicate,
        ),
    ];
    s
}

/// From the annex of rejected ideas to the end of the book.
fn annex_of_ideas(md: &str) -> &str {
    let heading = "### Lampiran 5";
    md.find(heading).map_or("", |i| &md[i..])
}

#[test]
fn the_annex_lists_the_rejected_ideas_with_their_count() {
    let s = with_ideas();
    let md = text(&render(&s, Format::Markdown, Lang::Id));
    let annex = annex_of_ideas(&md);
    assert!(annex.contains("2 dari 4 usulan"), "{annex}");
    assert!(annex.contains("1 usulan lain belum diputuskan"), "{annex}");
    assert!(annex.contains("Antrean KTP terlalu panjang"), "{annex}");
    assert!(annex.contains("tanpa nama"), "an anonymous idea says so: {annex}");
    assert!(annex.contains("Yosef (Bappeda)"), "{annex}");
    assert!(
        !annex.contains("Aplikasi layanan") && !annex.contains("mal pelayanan"),
        "only rejected ideas are listed: {annex}"
    );
    golden("ideas.md", annex.as_bytes());
    let html = text(&render(&s, Format::Html, Lang::Id));
    assert!(
        html.contains("Jaringan | &lt;b&gt;lemah&lt;/b&gt; di pulau"),
        "escaped in HTML"
    );
    let en = text(&render(&s, Format::Markdown, Lang::En));
    assert!(en.contains("2 of the 4 ideas"), "{en}");
    let none = text(&render(&sample(), Format::Markdown, Lang::Id));
    assert!(
        annex_of_ideas(&none).is_empty(),
        "a session run without the room has no such annex"
    );
}

#[test]
fn exports_are_deterministic_and_leave_the_session_alone() {
    let s = rich();
    let before = s.clone();
    for f in Format::ALL {
        let a = render(&s, f, Lang::Id);
        let b = render(&s, f, Lang::Id);
        assert_eq!(a, b, "{f} differs between two runs");
        let other = s.clone();
        let c = std::thread::spawn(move || render(&other, f, Lang::Id))
            .join()
            .expect("thread");
        assert_eq!(a, c, "{f} differs on another thread");
    }
    assert_eq!(s, before);
}

// ---------------------------------------------------------------------------------------------
// Content

#[test]
fn the_books_hold_every_entry_and_say_when_a_section_is_empty() {
    let s = rich();
    let md = text(&render(&s, Format::Markdown, Lang::Id));
    for e in &s.entries {
        let first = e.text.lines().next().unwrap_or("");
        let shown = bimtek::export::markdown::escape(first);
        assert!(md.contains(&shown), "entry {} missing from the Markdown: {first}", e.id);
    }
    for heading in [
        "## Buku 1 Analisis Strategis",
        "## Buku 2 Masterplan",
        "## Buku 3 Quick Wins",
        "## Buku 4 Road Map",
        "## Lampiran",
        "### BAB I ANALISIS KESIAPAN DAERAH",
        "#### 1.1 Struktur",
        "### BAB II ANALISIS SWOT PER ASPEK",
        "### BAB III KATA KUNCI VISI",
        "### BAB IV PERMASALAHAN DAN POTENSI PER DIMENSI",
        "#### 4.1 Smart Governance",
        "### Lampiran 1 Peserta dan kehadiran",
        "### Lampiran 2 Agenda: rencana dan realisasi waktu",
        "### Lampiran 3 Komitmen",
    ] {
        assert!(md.contains(heading), "no '{heading}'");
    }
    assert!(md.contains("17 dari 18 peserta hadir."), "attendance");
    assert!(
        md.contains("| 1 | Pembukaan dan tujuan kegiatan | 30 | 35 |"),
        "actual minutes"
    );
    assert!(md.contains("Rata-rata Struktur: 2,3"), "averages with a decimal comma");
    assert!(md.contains("★ quick win"), "quick wins marked");
    assert!(
        md.contains("Uraian singkat \\| dengan \\*tanda\\* \\<khusus\\> \\& baris<br>kedua"),
        "user text escaped"
    );
    let empty = text(&render(&sample(), Format::Markdown, Lang::Id));
    assert!(empty.contains("_Belum ada skor kesiapan yang diisi._"));
    assert!(empty.contains("_Belum ada program yang ditetapkan sebagai quick win._"));
    assert!(empty.contains("_Belum ada komitmen yang ditandatangani._"));
    let en = text(&render(&s, Format::Markdown, Lang::En));
    assert!(en.contains("## Book 1 Strategic Analysis"));
    assert!(en.contains("### Chapter 1 Regional readiness analysis"));
    assert!(en.contains("Average Structure: 2.3"));
}

#[test]
fn html_is_self_contained_and_escapes_what_the_room_typed() {
    for session in [sample(), rich()] {
        let html = text(&render(&session, Format::Html, Lang::Id));
        for bad in ["http", "src=", "<script", "@import", "url(", "<link", "<img", "<iframe"] {
            assert!(!html.contains(bad), "the HTML holds '{bad}'");
        }
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("break-before: page"));
    }
    // Markup typed into an entry stays text.
    let mut s = rich();
    std::sync::Arc::make_mut(&mut s.entries[0]).text = "<script>alert('x')</script> <img src=x onerror=y>".into();
    let html = text(&render(&s, Format::Html, Lang::Id));
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "markup got through"
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;img src=x onerror=y&gt;"));
    let html = text(&render(&rich(), Format::Html, Lang::Id));
    assert!(html.contains("<svg"), "the readiness chart");
    assert!(html.contains("&lt;khusus&gt; &amp; baris<br>kedua"));
    assert_eq!(
        html.matches("<h2 id=").count(),
        6,
        "the foreword, four books and the annexes"
    );
    assert!(
        html.contains("<a href=\"#h2\">Buku 1 Analisis Strategis</a>"),
        "the contents link to the books"
    );
}

#[test]
fn csv_has_every_field_and_imports_again() {
    let s = rich();
    let bytes = render(&s, Format::Csv, Lang::Id);
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a byte-order mark for Excel");
    let body = text(&bytes);
    assert!(body.contains("\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(&header[..6], ["pillar", "element", "kind", "text", "proposer", "opd"]);
    for column in [
        "id",
        "pillar_name",
        "element_name",
        "votes",
        "horizon",
        "budget",
        "quick_win",
        "created",
        "updated",
    ] {
        assert!(header.iter().any(|h| h == column), "no column {column}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), s.entries.len());
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    for (row, e) in rows.iter().zip(&s.entries) {
        assert_eq!(&row[col("id")], e.id);
        assert_eq!(&row[col("text")], e.text);
        assert_eq!(&row[col("votes")], export::votes_for(&s, &e.id).to_string());
    }
    assert!(rows.iter().any(|r| &r[col("votes")] == "5"));
    assert!(rows.iter().any(|r| &r[col("quick_win")] == "true"));
    assert!(rows.iter().any(|r| &r[col("pillar_name")] == "Smart Governance"));

    // Imported into an empty session of the same region, the entries come back the same.
    let mut target = s.clone();
    target.entries.clear();
    let imported = bimtek::import::entries_from_csv(
        &body,
        &target,
        &mut IdGen::new(1),
        datetime!(2021-10-01 09:00 +9),
        bimtek::i18n::strings(Lang::Id),
    )
    .unwrap_or_else(|e| panic!("import refused the export: {e:?}"));
    assert_eq!(imported.len(), s.entries.len());
    for (a, b) in imported.iter().zip(&s.entries) {
        assert_eq!(
            (&a.text, a.kind, a.pillar, &a.element, a.aspect),
            (&b.text, b.kind, b.pillar, &b.element, b.aspect)
        );
        assert_eq!(a.proposer.opd(), b.proposer.opd());
        assert_eq!(a.proposer.name(), b.proposer.name());
    }
}

/// The names and contents of a zip archive.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>, zip::DateTime)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("entry");
            let mut content = Vec::new();
            f.read_to_end(&mut content).expect("read entry");
            let when = f.last_modified().unwrap_or_default();
            (f.name().to_string(), content, when)
        })
        .collect()
}

#[test]
fn docx_has_word_headings_and_tables_and_fixed_timestamps() {
    let bytes = render(&rich(), Format::Docx, Lang::Id);
    let files = unzip(&bytes);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    for needed in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
    ] {
        assert!(names.contains(&needed), "no {needed} in {names:?}");
    }
    for (name, _, when) in &files {
        assert_eq!(*when, zip::DateTime::default(), "{name} has a timestamp");
    }
    let doc = files
        .iter()
        .find(|f| f.0 == "word/document.xml")
        .map(|f| text(&f.1))
        .expect("document.xml");
    let styles = files
        .iter()
        .find(|f| f.0 == "word/styles.xml")
        .map(|f| text(&f.1))
        .expect("styles.xml");
    assert!(styles.contains("w:styleId=\"Heading1\""));
    assert!(styles.contains("heading 1"));
    assert_eq!(
        doc.matches("<w:pStyle w:val=\"Heading1\" />").count(),
        6,
        "books and annexes"
    );
    assert!(doc.matches("<w:pStyle w:val=\"Heading2\" />").count() >= 10);
    assert!(doc.contains("<w:pStyle w:val=\"Title\" />"));
    for heading in [
        "Buku 1 Analisis Strategis",
        "Buku 2 Masterplan",
        "Buku 3 Quick Wins",
        "Buku 4 Road Map",
        "Lampiran 1 Peserta dan kehadiran",
    ] {
        assert!(doc.contains(heading), "no '{heading}' in document.xml");
    }
    assert!(doc.matches("<w:tbl>").count() >= 15, "tables");
    assert!(doc.contains("Pelayanan publik"), "table cells hold the element names");
    assert!(doc.contains("&lt;khusus&gt; &amp; baris"), "text escaped as XML");
    assert!(doc.contains("<w:pageBreakBefore"), "books start on a new page");
    // Vision keywords and notes are Word list items, not "•" typed into the text.
    assert!(doc.contains("<w:numPr><w:ilvl w:val=\"0\" /><w:numId w:val=\"1\" /></w:numPr>"));
    assert!(!doc.contains("•"), "no bullet typed into the text");
    assert!(names.contains(&"word/numbering.xml"));
    // The quick wins (eight columns) and the year tables (eleven) print landscape, and the
    // pages after them portrait: landscape sections end with their own properties.
    let landscape = doc.matches("w:orient=\"landscape\"").count();
    assert!(landscape >= 2, "{landscape} landscape sections");
    let last = doc.rfind("<w:sectPr>").expect("section properties");
    assert!(
        doc[last..].contains("w:w=\"11906\" w:h=\"16838\" />"),
        "the last section is portrait"
    );
    // The readiness chart: a row per sub-aspect, bars as shaded cells, scores with a comma.
    assert_eq!(doc.matches("w:fill=\"2E6DA4\"").count(), 2 + 2 + 3 + 3 + 2 + 4 + 2 + 3);
    assert!(doc.contains(">Sumber daya manusia<") && doc.contains(">2,0<"));
    golden("rich.document.xml", readable(&doc).as_bytes());
}

/// WordprocessingML a line per paragraph, row and table, so that a golden file's diff reads.
fn readable(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + xml.len() / 20);
    for (i, _) in xml.char_indices() {
        let rest = &xml[i..];
        if i > 0
            && ["<w:p>", "<w:tbl>", "<w:tr>", "<w:sectPr>"]
                .iter()
                .any(|t| rest.starts_with(t))
        {
            out.push('\n');
        }
        out.push_str(&rest[..rest.chars().next().map_or(0, char::len_utf8)]);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Carry forward and merge, as library functions

fn next_stage(prev: &Session) -> Session {
    let spec = bimtek::domain::NewSession {
        region: prev.region.clone(),
        stage: Stage::new(2).expect("stage"),
        date: "2021-10-12".parse().expect("date"),
        venue: prev.venue.clone(),
        title: None,
        mentors: Vec::new(),
        region_code: None,
    };
    let agenda = bimtek::template::builtin(spec.stage);
    Session::new(
        "01FG0000000000NEXTSTAGE000".into(),
        spec,
        agenda,
        datetime!(2021-10-12 08:00 +9),
    )
}

#[test]
fn carrying_forward_keeps_every_chosen_program_and_participant() {
    for prev in [sample(), rich()] {
        let mut next = next_stage(&prev);
        bimtek::domain::carry::carry_forward(&prev, &mut next);
        let chosen: Vec<&str> = bimtek::domain::carry::chosen_programs(&prev)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert!(!chosen.is_empty());
        for id in &chosen {
            let e = next.entry(id).unwrap_or_else(|| panic!("program {id} not carried"));
            assert_eq!(e.from_stage, Stage::new(1));
        }
        assert_eq!(next.entries.len(), chosen.len(), "only the chosen programs");
        for p in &prev.participants {
            assert!(next.participants.iter().any(|q| q.id == p.id), "{} left behind", p.name);
        }
        assert_eq!(next.readiness.len(), prev.readiness.len());
        assert_eq!(next.lineage, std::slice::from_ref(&prev.id));
        assert!(related(&prev, &next));
        store::parse(&store::to_ron(&next)).expect("the next stage's session loads");
    }
    // In the rich sample some programs are marked: exactly those come along, not the idea nor
    // the dropped one.
    // Quick wins, chosen or planned, or voted for: programs 0, 1 and 4.
    let chosen = bimtek::domain::carry::chosen_programs(&rich()).len();
    assert_eq!(chosen, 3);
    // The sample marks none: all 18 come along.
    assert_eq!(bimtek::domain::carry::chosen_programs(&sample()).len(), 18);
}

/// What one breakout group does to its copy of a session.
#[derive(Debug, Clone)]
enum Op {
    Add { pillar: usize, text: String, minute: i64 },
    Edit { pick: usize, text: String, minute: i64 },
    Remove { pick: usize },
    Reinsert { pick: usize, at: usize },
    AddParticipant { name: String },
    TogglePresent { pick: usize },
    Vote { pick: usize, count: u32 },
    Score { sub: usize, score: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    let text = "[a-z][a-z ]{0,11}";
    prop_oneof![
        (0usize..6, text, 0i64..600).prop_map(|(pillar, text, minute)| Op::Add { pillar, text, minute }),
        (0usize..200, text, 0i64..600).prop_map(|(pick, text, minute)| Op::Edit { pick, text, minute }),
        (0usize..200).prop_map(|pick| Op::Remove { pick }),
        (0usize..200, 0usize..200).prop_map(|(pick, at)| Op::Reinsert { pick, at }),
        "[A-Z][a-z]{1,8}".prop_map(|name| Op::AddParticipant { name }),
        (0usize..40).prop_map(|pick| Op::TogglePresent { pick }),
        (0usize..200, 1u32..4).prop_map(|(pick, count)| Op::Vote { pick, count }),
        (0usize..9, 1u8..=5).prop_map(|(sub, score)| Op::Score { sub, score }),
    ]
}

const SUBS: [&str; 9] = [
    "struktur.sdm",
    "struktur.anggaran",
    "struktur.tata-kelola",
    "infrastruktur.fisik",
    "infrastruktur.digital",
    "infrastruktur.sosial",
    "suprastruktur.regulasi",
    "suprastruktur.kelembagaan",
    "suprastruktur.implementasi",
];

/// Applies a group's work; `group` keeps its new ids apart from the other group's.
fn apply(base: &Session, group: &str, ops: &[Op]) -> Session {
    let mut s = base.clone();
    let start = datetime!(2021-09-07 13:00 +9);
    let mut n = 0;
    for op in ops {
        n += 1;
        match op {
            Op::Add { pillar, text, minute } => {
                let t = start + time::Duration::minutes(*minute);
                let mut e = Entry::new(format!("{group}{n:04}").into(), Kind::Problem, text.clone(), t);
                e.pillar = Some(Pillar::ALL[*pillar]);
                s.entries.push(e.into());
            }
            Op::Edit { pick, text, minute } => {
                let len = s.entries.len();
                if len > 0 {
                    let e = std::sync::Arc::make_mut(&mut s.entries[pick % len]);
                    e.text = format!("{group} {text}");
                    e.updated = start + time::Duration::minutes(*minute);
                }
            }
            Op::Remove { pick } => {
                let len = s.entries.len();
                if len > 0 {
                    s.entries.remove(pick % len);
                }
            }
            Op::Reinsert { pick, at } => {
                let len = s.entries.len();
                if len > 1 {
                    let e = s.entries.remove(pick % len);
                    s.entries.insert(at % len, e);
                }
            }
            Op::AddParticipant { name } => s.participants.push(Participant {
                id: format!("{group}P{n:04}").into(),
                name: name.clone(),
                institution: String::new(),
                role: Role::Staff,
                present: true,
                from_stage: None,
                unrecorded: false,
            }),
            Op::TogglePresent { pick } => {
                let len = s.participants.len();
                if len > 0 {
                    let p = &mut s.participants[pick % len];
                    p.present = !p.present;
                }
            }
            Op::Vote { pick, count } => {
                let len = s.entries.len();
                if len > 0 {
                    let entry = s.entries[pick % len].id.clone();
                    if s.votes.is_empty() {
                        s.votes.push(VoteRound::new("ROUND".into(), "review".into()));
                    }
                    s.votes[0].ballots.push(Ballot {
                        entry,
                        participant: Some(format!("{group}voter{n}").into()),
                        count: *count,
                    });
                }
            }
            Op::Score { sub, score } => {
                let sub = SUBS[*sub].to_string();
                s.readiness.retain(|x| x.sub != sub);
                s.readiness.push(Score {
                    sub,
                    pillar: None,
                    score: *score,
                    note: group.into(),
                    from_stage: None,
                });
            }
        }
    }
    s
}

fn lists(s: &Session) -> impl PartialEq + std::fmt::Debug + '_ {
    (&s.entries, &s.participants, &s.readiness, &s.votes, &s.commitments)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn merging_is_commutative_idempotent_and_loses_nothing(
        a_ops in prop::collection::vec(op(), 0..25),
        b_ops in prop::collection::vec(op(), 0..25),
    ) {
        let base = sample();
        let a = apply(&base, "A", &a_ops);
        let b = apply(&base, "B", &b_ops);
        let (ab, _) = merge(&a, &b);
        let (ba, _) = merge(&b, &a);
        prop_assert_eq!(lists(&ab), lists(&ba), "order of merging matters");
        let (again, report) = merge(&ab, &b);
        prop_assert_eq!(&again, &ab, "merging twice is not merging once");
        prop_assert!(report.nothing());
        prop_assert_eq!(&merge(&ab, &a).0, &ab);
        prop_assert_eq!(&merge(&a, &a).0, &a);
        let ids: HashSet<&str> = ab.entries.iter().map(|e| e.id.as_str()).collect();
        prop_assert_eq!(ids.len(), ab.entries.len(), "an entry appears twice");
        for e in a.entries.iter().chain(&b.entries) {
            prop_assert!(ids.contains(e.id.as_str()), "entry {} lost", e.id);
        }
        for p in a.participants.iter().chain(&b.participants) {
            prop_assert!(ab.participants.iter().any(|q| q.id == p.id), "participant {} lost", p.id);
        }
        // An entry edited in both keeps the later edit.
        for e in &ab.entries {
            for other in a.entries.iter().chain(&b.entries).filter(|x| x.id == e.id) {
                prop_assert!(e.updated >= other.updated);
            }
        }
        store::parse(&store::to_ron(&ab)).expect("the merged session loads");
    }
}

// ---------------------------------------------------------------------------------------------
// Command line

fn write_session(env: &Env, name: &str, s: &Session) -> PathBuf {
    let to = env.sessions().join(name);
    store::save(&to, s).expect("write a session");
    to
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn ok(out: &Output) -> &str {
    assert_eq!(out.code, Some(0), "stdout: {}\nstderr: {}", out.stdout, out.stderr);
    out.stdout.lines().last().expect("a last line")
}

/// The files in a folder, hidden ones too.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn export_writes_each_format_beside_the_session() {
    let env = Env::new();
    let path = env.sample_copy(SAMPLE_NAME);
    let before = fs::read(&path).expect("read");
    for f in Format::ALL {
        let out = env.run(&["export", s(&path), "--format", f.extension()]);
        let written = PathBuf::from(ok(&out));
        assert_eq!(written, path.with_extension(f.extension()));
        assert_eq!(
            fs::read(&written).expect("the export"),
            render(&sample_as_shipped(), f, Lang::Id),
            "{f}: the file is the export"
        );
    }
    assert_eq!(fs::read(&path).expect("read"), before, "the session file is untouched");
    let en = env.run(&["--lang", "en", "export", s(&path), "--format", "md", "-o", "book.md"]);
    let written = env.path("book.md");
    assert_eq!(PathBuf::from(ok(&en)).file_name(), written.file_name());
    assert!(
        fs::read_to_string(&written)
            .expect("read")
            .contains("## Book 2 Masterplan")
    );
}

#[test]
fn export_refuses_to_overwrite_without_force_and_never_writes_the_session() {
    let env = Env::new();
    let path = env.sample_copy(SAMPLE_NAME);
    let before = fs::read(&path).expect("read");
    let out_file = env.path("buku.html");
    fs::write(&out_file, "mine").expect("write");
    let message = one_line_error(&env.run(&["export", s(&path), "--format", "html", "-o", s(&out_file)]));
    assert!(message.contains("--force"), "{message}");
    assert_eq!(fs::read_to_string(&out_file).expect("read"), "mine");
    ok(&env.run(&["export", s(&path), "--format", "html", "-o", s(&out_file), "--force"]));
    assert!(
        fs::read_to_string(&out_file)
            .expect("read")
            .starts_with("<!DOCTYPE html>")
    );

    let message = one_line_error(&env.run(&["export", s(&path), "--format", "md", "-o", s(&path), "--force"]));
    assert!(message.contains(SAMPLE_NAME), "{message}");
    assert_eq!(fs::read(&path).expect("read"), before, "the session was written over");
}

#[test]
fn export_bad_input_is_one_line_and_writes_nothing() {
    let env = Env::new();
    let path = env.sample_copy(SAMPLE_NAME);
    // A folder that does not exist.
    let missing = env.path("tidak-ada").join("buku.md");
    let message = one_line_error(&env.run(&["export", s(&path), "--format", "md", "-o", s(&missing)]));
    assert!(message.contains("tidak-ada"), "{message}");
    assert!(!env.path("tidak-ada").exists());
    // A session that does not load.
    let broken = env.sessions().join("rusak.ron");
    fs::write(&broken, "(schema_version: 2, id: ").expect("write");
    let message = one_line_error(&env.run(&["export", s(&broken), "--format", "csv"]));
    assert!(message.contains("rusak.ron"), "{message}");
    assert!(!broken.with_extension("csv").exists());
    // A format that does not exist is a usage error.
    assert_eq!(env.run(&["export", s(&path), "--format", "pdf"]).code, Some(2));
    // A folder without write permission (as root the permission does not hold: then skipped).
    let locked = env.path("terkunci");
    fs::create_dir(&locked).expect("dir");
    set_read_only(&locked, true);
    let probe = locked.join("probe");
    if fs::write(&probe, "x").is_ok() {
        let _ = fs::remove_file(&probe);
        eprintln!("skipped the read-only folder case: this user may write anywhere");
    } else {
        let target = locked.join("buku.docx");
        let message = one_line_error(&env.run(&["export", s(&path), "--format", "docx", "-o", s(&target)]));
        assert!(message.contains("terkunci"), "{message}");
        assert!(files(&locked).is_empty(), "something was written: {:?}", files(&locked));
    }
    set_read_only(&locked, false);
    assert_eq!(
        files(&env.sessions()),
        [SAMPLE_NAME.to_string(), "rusak.ron".to_string()],
        "nothing else was written"
    );
}

fn set_read_only(dir: &Path, read_only: bool) {
    let mut perms = fs::metadata(dir).expect("metadata").permissions();
    perms.set_readonly(read_only);
    fs::set_permissions(dir, perms).expect("permissions");
}

#[test]
fn new_from_starts_bimtek_two_from_the_sample() {
    let env = Env::new();
    let path = env.sample_copy(SAMPLE_NAME);
    let before = fs::read(&path).expect("read");
    let out = env.run(&["new", "--from", s(&path), "--date", "2021-10-12"]);
    let made = PathBuf::from(ok(&out));
    assert_eq!(
        made.file_name().and_then(|n| n.to_str()),
        Some("kabupaten-halmahera-utara-bimtek-2-2021-10-12.ron")
    );
    // The sample has chosen some programs (quick wins, chosen, voted for): those come along.
    let chosen = bimtek::domain::carry::chosen_programs(&sample_as_shipped()).len();
    assert_eq!(chosen, 10);
    assert!(out.stdout.contains("18 peserta"), "{}", out.stdout);
    assert!(out.stdout.contains("10 program"), "{}", out.stdout);
    assert_eq!(
        fs::read(&path).expect("read"),
        before,
        "the earlier file is not changed"
    );
    let next = store::load(&made).expect("the new session loads");
    let prev = sample_as_shipped();
    assert_eq!(next.stage, Stage::new(2).expect("stage"));
    assert_eq!(next.region, prev.region);
    assert_eq!(next.venue, prev.venue);
    assert_eq!(next.lineage, std::slice::from_ref(&prev.id));
    assert_ne!(next.id, prev.id);
    assert_eq!(next.participants.len(), prev.participants.len());
    assert_eq!(next.entries.len(), chosen);
    assert!(
        next.entries
            .iter()
            .all(|e| e.kind == Kind::Program && e.from_stage == Stage::new(1))
    );
    assert!(next.agenda.name.id.contains("Bimtek II"), "{}", next.agenda.name.id);

    // The same again would replace that file: refused.
    one_line_error(&env.run(&["new", "--from", s(&path), "--date", "2021-10-12"]));
    // Going back a stage is refused, and so is a file that does not load.
    let message = one_line_error(&env.run(&["new", "--from", s(&made), "--stage", "1"]));
    assert!(message.contains("Bimtek I"), "{message}");
    one_line_error(&env.run(&["new", "--from", s(&env.path("tidak-ada.ron"))]));
    // Without --from, region and stage are still required.
    assert_eq!(env.run(&["new", "--stage", "2"]).code, Some(2));
}

#[test]
fn merge_folds_two_breakout_groups_into_one() {
    let env = Env::new();
    let mut a = sample();
    let mut b = sample();
    let t = datetime!(2021-09-07 14:00 +9);
    let mut x = Entry::new(
        "01FEYT000000000GROUPA00001".into(),
        Kind::Problem,
        "Masukan kelompok A",
        t,
    );
    x.pillar = Some(Pillar::Governance);
    a.entries.push(x.into());
    let mut y = Entry::new(
        "01FEYT000000000GROUPB00001".into(),
        Kind::Potential,
        "Masukan kelompok B",
        t,
    );
    y.pillar = Some(Pillar::Living);
    b.entries.push(y.into());
    std::sync::Arc::make_mut(&mut b.entries[0]).text = "Diperbaiki di kelompok B".into();
    std::sync::Arc::make_mut(&mut b.entries[0]).updated = t;
    let target = write_session(&env, "kelompok-a.ron", &a);
    let source = write_session(&env, "kelompok-b.ron", &b);
    let source_before = fs::read(&source).expect("read");

    let out = env.run(&["merge", s(&target), s(&source)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("Bertambah 1 masukan"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Diperbaiki di kelompok B"),
        "the edit is reported: {}",
        out.stdout
    );
    let merged = store::load(&target).expect("the merged file loads");
    assert_eq!(merged.entries.len(), 78);
    for id in ["01FEYT000000000GROUPA00001", "01FEYT000000000GROUPB00001"] {
        assert!(merged.entry(id).is_some(), "{id} lost");
    }
    assert_eq!(merged.entries[0].text, "Diperbaiki di kelompok B");
    assert_eq!(
        fs::read(&source).expect("read"),
        source_before,
        "the source is not changed"
    );
    let backups = env.sessions().join(".kelompok-a.ron.bak");
    assert_eq!(files(&backups).len(), 1, "the version before is kept");

    // Twice is once.
    let after = fs::read(&target).expect("read");
    let out = env.run(&["merge", s(&target), s(&source)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(fs::read(&target).expect("read"), after);
    assert_eq!(files(&backups).len(), 1);
}

#[test]
fn merge_refuses_strangers_itself_broken_files_and_a_locked_target() {
    let env = Env::new();
    let target = env.sample_copy(SAMPLE_NAME);
    let before = fs::read(&target).expect("read");
    let mut other = sample();
    other.id = "01FG00000000000000STRANGER".into();
    other.entries.truncate(3);
    std::sync::Arc::make_mut(&mut other.entries[0]).id = "01FG000000000000000000ENTRY".into();
    let stranger = write_session(&env, "lain.ron", &other);

    let message = one_line_error(&env.run(&["merge", s(&target), s(&stranger)]));
    assert!(message.contains("--force"), "{message}");
    assert_eq!(fs::read(&target).expect("read"), before);

    let message = one_line_error(&env.run(&["merge", s(&target), s(&target)]));
    assert!(message.contains(SAMPLE_NAME), "{message}");
    let message = one_line_error(&env.run(&["merge", s(&target), &format!("{}/./{SAMPLE_NAME}", s(&env.sessions()))]));
    assert!(message.contains(SAMPLE_NAME), "{message}");

    let broken = env.sessions().join("rusak.ron");
    fs::write(&broken, "(").expect("write");
    let message = one_line_error(&env.run(&["merge", s(&target), s(&broken)]));
    assert!(message.contains("rusak.ron"), "{message}");
    assert_eq!(fs::read(&target).expect("read"), before);

    let lock = store::SessionLock::acquire(&target, datetime!(2021-09-07 09:00 +9)).expect("lock");
    one_line_error(&env.run(&["merge", s(&target), s(&stranger), "--force"]));
    drop(lock);
    assert_eq!(fs::read(&target).expect("read"), before);

    let out = env.run(&["merge", s(&target), s(&stranger), "--force"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(store::load(&target).expect("load").entries.len(), 77);
    assert_eq!(env.run(&["merge", s(&target)]).code, Some(2), "a source is required");
}

/// The rich Bimtek I session and a Bimtek II carried from it, with a vote in each stage and its
/// roster's attendance not yet taken.
fn two_stages() -> (Session, Session) {
    let first = rich();
    let mut second = next_stage(&first);
    bimtek::domain::carry::carry_forward(&first, &mut second);
    let program = second
        .entries
        .iter()
        .find(|e| e.kind == Kind::Program)
        .map(|e| e.id.clone())
        .expect("a carried program");
    let mut round = VoteRound::new("01FG0000000000VOTEROUND002".into(), "review".into());
    round.ballots.push(Ballot {
        entry: program,
        participant: None,
        count: 4,
    });
    second.votes.push(round);
    (first, second)
}

#[test]
fn golden_book_over_the_masterplan() {
    let (first, second) = two_stages();
    let all = vec![first, second.clone()];
    let stages = export::masterplan::pick(&all[1], &all);
    assert!(stages[0].is_some() && stages[1].is_some() && stages[2].is_none());
    let book = export::masterplan::build(&stages, Lang::Id).expect("a book");
    let md = export::render_book(&book, Format::Markdown, Lang::Id).expect("md");
    let html = export::render_book(&book, Format::Html, Lang::Id).expect("html");
    golden("masterplan.md", &md);
    golden("masterplan.html", &html);
    let md = text(&md);
    // Missing stages are named, votes show each stage's share, Buku 1 comes from Bimtek I.
    assert!(md.contains("Belum ditemukan: Bimtek III, Bimtek IV."), "{md}");
    assert!(md.contains("9 (I: 5, II: 4)"), "votes summed over the stages");
    assert!(md.contains("Daftar hadir Bimtek I") && md.contains("Daftar hadir Bimtek II"));
    assert!(
        md.contains("Kehadiran belum dicatat"),
        "a carried roster claims nobody present"
    );
    assert!(md.contains("Sesi Bimtek IV dari masterplan ini tidak ditemukan"));
    assert!(md.contains("### BAB I PROGRAM PER TAHUN, 2021–2030"));
    // Stages of another masterplan are left out.
    let mut stranger = sample();
    stranger.id = "01FG0000000000STRANGER0000".into();
    stranger.lineage.clear();
    let all = vec![stranger, second];
    let stages = export::masterplan::pick(&all[1], &all);
    assert!(stages[0].is_none(), "another masterplan's Bimtek I is not this one's");

    let docx = export::render_book(&book, Format::Docx, Lang::Id).expect("docx");
    let files = unzip(&docx);
    let xml = |name: &str| String::from_utf8(files.iter().find(|f| f.0 == name).expect(name).1.clone()).expect("utf-8");
    let document = xml("word/document.xml");
    assert!(document.contains("<w:tblHeader />"), "header rows repeat on each page");
    assert!(document.contains("TOC \\o"), "a table of contents field");
    let footer = files
        .iter()
        .find(|f| f.0.starts_with("word/footer"))
        .map(|f| String::from_utf8_lossy(&f.1).into_owned())
        .expect("a footer");
    assert!(footer.contains(">PAGE<"), "a page number field in the footer");
    let core = xml("docProps/core.xml");
    assert!(core.contains("<dc:title>Masterplan Smart City Kabupaten Halmahera Utara</dc:title>"));
    assert!(core.contains("<dc:creator>Kabupaten Halmahera Utara</dc:creator>"));
}
