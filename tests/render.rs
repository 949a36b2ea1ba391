//! The screens as a facilitator sees them, drawn into ratatui's TestBackend and compared with
//! reviewed snapshots (`cargo insta review` after an intended change).

use std::path::PathBuf;

use bimtek::app::{Action, App, SessionRow, update};
use bimtek::domain::{Lang, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[path = "support/sample.rs"]
mod sample_session;

/// The bare sample: each test adds the scores, votes or timings it draws.
fn sample() -> Session {
    sample_session::bare()
}

fn app(lang: Lang) -> App {
    App::new(
        lang,
        datetime!(2021-09-07 10:30 +9),
        42,
        PathBuf::from("/data/bimtek/sessions"),
    )
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| bimtek::ui::view(app, f)).expect("draw");
    format!("{}", t.backend())
}

fn session_app(lang: Lang, step_id: &str) -> App {
    let mut a = app(lang);
    let mut s = sample();
    s.current_step = s
        .agenda
        .steps
        .iter()
        .position(|st| st.id == step_id)
        .expect("step exists");
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(s),
            path: PathBuf::from("sample.ron"),
            read_only: false,
        },
    );
    a
}

fn home_app(lang: Lang) -> App {
    let mut a = app(lang);
    let s = sample();
    let rows = vec![
        SessionRow {
            path: PathBuf::from("/data/bimtek/sessions/a.ron"),
            summary: Ok(s.summary()),
        },
        SessionRow {
            path: PathBuf::from("/data/bimtek/sessions/rusak.ron"),
            summary: Err("rusak.ron:3:5: Unexpected end of RON".into()),
        },
    ];
    update(&mut a, Action::SessionsScanned(rows));
    a
}

#[test]
fn home_screen() {
    for lang in [Lang::Id, Lang::En] {
        for (w, h) in SIZES {
            insta::assert_snapshot!(format!("home_{lang:?}_{w}x{h}"), draw(&home_app(lang), w, h));
        }
    }
}

#[test]
fn empty_home_says_what_to_do() {
    let mut a = app(Lang::Id);
    update(&mut a, Action::SessionsScanned(Vec::new()));
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("Belum ada sesi"), "{screen}");
    assert!(screen.contains("Sesi contoh"), "{screen}");
}

#[test]
fn new_session_form() {
    let mut a = home_app(Lang::Id);
    key(&mut a, KeyCode::Char('n'));
    typed(&mut a, "Kota Ternate");
    insta::assert_snapshot!("new_form_Id_80x24", draw(&a, 80, 24));
}

#[test]
fn pillar_step() {
    for lang in [Lang::Id, Lang::En] {
        for (w, h) in SIZES {
            let a = session_app(lang, "pillar-governance");
            insta::assert_snapshot!(format!("pillar_{lang:?}_{w}x{h}"), draw(&a, w, h));
        }
    }
}

#[test]
fn readiness_step_groups_swot_by_aspect() {
    let a = session_app(Lang::Id, "readiness");
    insta::assert_snapshot!("readiness_Id_120x40", draw(&a, 120, 40));
}

#[test]
fn pillars_overview_and_summary() {
    let a = session_app(Lang::Id, "pillars");
    insta::assert_snapshot!("overview_Id_80x24", draw(&a, 80, 24));
    let last = sample().agenda.steps.last().map(|s| s.id.clone()).expect("steps");
    let a = session_app(Lang::Id, &last);
    insta::assert_snapshot!("summary_Id_120x40", draw(&a, 120, 40));
}

#[test]
fn entry_form_over_the_step() {
    let mut a = session_app(Lang::Id, "pillar-living");
    key(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Puskesmas di pulau kecil kekurangan dokter");
    insta::assert_snapshot!("form_Id_80x24", draw(&a, 80, 24));
}

#[test]
fn help_at_a_laptop_and_a_projector_size_in_both_languages() {
    for lang in [Lang::Id, Lang::En] {
        for (w, h) in [(80, 24), (160, 50)] {
            let mut a = session_app(lang, "pillar-governance");
            key(&mut a, KeyCode::Char('?'));
            insta::assert_snapshot!(format!("help_{lang:?}_{w}x{h}"), draw(&a, w, h));
        }
    }
}

/// The words of every binding appear in the help when it is scrolled through, uncut.
#[test]
fn help_lists_every_binding_of_the_keymap() {
    use bimtek::app::keymap::{BINDINGS, full_name};
    for (w, h) in [(160, 50), (80, 24)] {
        let mut a = session_app(Lang::Id, "pillar-governance");
        key(&mut a, KeyCode::Char('?'));
        let mut seen = String::new();
        for _ in 0..200 {
            let screen = draw(&a, w, h);
            // Lines of the help joined, so a description wrapped over two lines reads as one.
            for line in screen.lines() {
                seen.push_str(line.trim_matches(|c| c == '"' || c == '│' || c == ' '));
                seen.push(' ');
            }
            if !screen.contains("lagi di bawah") {
                break;
            }
            // A page is ten lines, less than the screen holds: nothing is skipped.
            key(&mut a, KeyCode::PageDown);
        }
        let seen: String = seen.split_whitespace().collect::<Vec<_>>().join(" ");
        let tr = bimtek::i18n::strings(Lang::Id);
        for b in BINDINGS {
            let words = &tr.key_help[&full_name(b)];
            let first: String = words.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            assert!(seen.contains(&first), "{w}x{h}: help lacks {} ({first})", full_name(b));
        }
        assert!(!seen.contains('…'), "{w}x{h}: a description was cut");
    }
}

/// Inside a panel, `?` shows that panel's keys first.
#[test]
fn help_in_a_panel_starts_with_that_panel() {
    let mut a = session_app(Lang::Id, "pillar-governance");
    key(&mut a, KeyCode::Char('m'));
    key(&mut a, KeyCode::Char('?'));
    let screen = draw(&a, 120, 40);
    let first = screen.lines().nth(1).unwrap_or_default();
    assert!(first.contains("Matriks dampak/upaya"), "{screen}");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('?'));
    let screen = draw(&a, 120, 40);
    assert!(screen.lines().nth(1).unwrap_or_default().contains("Sesi"), "{screen}");
}

#[test]
fn too_small_terminal_gets_a_message() {
    let a = session_app(Lang::Id, "pillar-governance");
    let screen = draw(&a, 40, 10);
    assert!(screen.contains("terlalu kecil"), "{screen}");
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("Smart Governance"), "{screen}");
}

#[test]
fn long_and_multiline_text_is_wrapped_not_lost() {
    let mut a = session_app(Lang::Id, "pillar-living");
    key(&mut a, KeyCode::Char('a'));
    let long = "kata ".repeat(60) + "AKHIR";
    update(&mut a, Action::Paste(format!("baris satu\n{long}")));
    key(&mut a, KeyCode::Enter);
    // Walk to the end of the list, where the new entry is.
    key(&mut a, KeyCode::End);
    let screen = draw(&a, 120, 40);
    assert!(screen.contains("baris satu"), "{screen}");
    assert!(screen.contains("AKHIR"), "{screen}");
    let s = a.session().expect("session").session.clone();
    assert!(s.entries.iter().any(|e| e.text == format!("baris satu\n{long}")));
}

#[test]
fn escape_sequences_in_entries_are_drawn_harmlessly() {
    let mut a = session_app(Lang::Id, "pillar-living");
    key(&mut a, KeyCode::Char('a'));
    update(&mut a, Action::Paste("awal\u{1b}[2Jakhir".into()));
    key(&mut a, KeyCode::Enter);
    let screen = draw(&a, 120, 40);
    assert!(!screen.contains('\u{1b}'));
    assert!(screen.contains("awal�[2Jakhir"), "{screen}");
}

// ---- Facilitation tools ---------------------------------------------------------------------

fn with_session(lang: Lang, f: impl FnOnce(&mut Session)) -> App {
    let mut a = app(lang);
    let mut s = sample();
    f(&mut s);
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(s),
            path: PathBuf::from("sample.ron"),
            read_only: false,
        },
    );
    a
}

fn step_index(s: &Session, id: &str) -> usize {
    s.agenda.steps.iter().position(|st| st.id == id).expect("step exists")
}

#[test]
fn readiness_chart() {
    let mut a = with_session(Lang::Id, |s| {
        for (sub, v, note) in [
            ("struktur.sdm", 2, "Tenaga TIK baru 3 orang"),
            ("struktur.anggaran", 3, ""),
            ("infrastruktur.digital", 1, "Banyak desa belum terjangkau sinyal"),
            ("suprastruktur.regulasi", 4, ""),
        ] {
            s.readiness.push(bimtek::domain::readiness::Score {
                sub: sub.into(),
                pillar: None,
                score: v,
                note: note.into(),
                from_stage: None,
            });
        }
        s.current_step = step_index(s, "readiness");
    });
    key(&mut a, KeyCode::Char('s'));
    insta::assert_snapshot!("readiness_chart_Id_100x30", draw(&a, 100, 30));
}

#[test]
fn vote_ranking_with_ties() {
    let mut a = with_session(Lang::Id, |s| s.current_step = step_index(s, "pillar-governance"));
    key(&mut a, KeyCode::Char('v'));
    // Paper dots: 4 on the third idea, 2 each on the first two.
    for (down, dots) in [(0, 2), (1, 2), (1, 4)] {
        for _ in 0..down {
            key(&mut a, KeyCode::Down);
        }
        for _ in 0..dots {
            key(&mut a, KeyCode::Char(' '));
        }
    }
    let hidden = draw(&a, 100, 30);
    assert!(hidden.contains("HASIL DISEMBUNYIKAN"), "{hidden}");
    key(&mut a, KeyCode::Char('r'));
    insta::assert_snapshot!("vote_ranking_Id_100x30", draw(&a, 100, 30));
}

#[test]
fn impact_effort_matrix() {
    let mut a = with_session(Lang::Id, |s| s.current_step = step_index(s, "pillar-living"));
    key(&mut a, KeyCode::Char('m'));
    for keys in [['i', '5', 'e', '1'], ['i', '4', 'e', '5'], ['i', '2', 'e', '2']] {
        for k in keys {
            key(&mut a, KeyCode::Char(k));
        }
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::Char('w'));
    insta::assert_snapshot!("matrix_Id_120x40", draw(&a, 120, 40));
}

/// The background colour of the timer in the title bar.
fn timer_bg(a: &App) -> ratatui::style::Color {
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    t.draw(|f| bimtek::ui::view(a, f)).expect("draw");
    let buf = t.backend().buffer();
    let row: Vec<&str> = (0..120).map(|x| buf[(x, 0)].symbol()).collect();
    let x = (0..117)
        .find(|&x| row[x..x + 4].concat() == "sisa" || row[x..x + 4].concat() == "LEWA")
        .expect("the timer is on the title bar");
    let x = u16::try_from(x).expect("small");
    buf[(x, 0)].bg
}

#[test]
fn timer_turns_amber_then_red() {
    use ratatui::style::Color;
    let now = datetime!(2021-09-07 10:30 +9);
    let at = |minutes_ago: i64| {
        with_session(Lang::Id, |s| {
            s.current_step = step_index(s, "pillar-governance");
            s.agenda.steps[s.current_step].minutes = 30;
            s.timer_started = Some(now - time::Duration::minutes(minutes_ago));
        })
    };
    let theme = bimtek::theme::default_theme();
    let (bar, amber, red) = (theme.bar.bg, theme.amber.bg, theme.over.bg);
    assert_eq!(amber, Some(Color::Rgb(0xff, 0xaf, 0x00)), "the dark theme's amber");
    assert_eq!(red, Some(Color::Rgb(0xd7, 0x00, 0x00)), "the dark theme's red");
    assert_eq!(Some(timer_bg(&at(10))), bar, "plenty of time: the bar's own colour");
    assert_eq!(Some(timer_bg(&at(25))), amber, "20 % left: amber");
    let over = at(33);
    assert_eq!(Some(timer_bg(&over)), red, "time is up: red");
    let screen = draw(&over, 120, 40);
    assert!(screen.contains("LEWAT 03:00"), "the overrun is counted:\n{screen}");
    insta::assert_snapshot!("timer_over_Id_120x40", screen);
}

#[test]
fn program_details_scroll_to_the_focused_field() {
    let mut a = session_app(Lang::Id, "pillar-economy");
    let mut opened = false;
    for _ in 0..40 {
        key(&mut a, KeyCode::Down);
        key(&mut a, KeyCode::Char('i'));
        if draw(&a, 80, 24).contains("Rincian program") {
            opened = true;
            break;
        }
    }
    assert!(opened, "no program idea on the economy step of the sample");
    let top = draw(&a, 80, 24);
    assert!(
        top.contains("isian lagi"),
        "the form says more fields are below:\n{top}"
    );
    // Down to the last field: the window follows it.
    key(&mut a, KeyCode::BackTab);
    insta::assert_snapshot!("program_form_Id_80x24_last_field", draw(&a, 80, 24));
}

/// Home with the plenary session selected and `m` pressed: two groups' copies of it, another
/// region's session and a broken file to choose from.
fn merge_app(lang: Lang) -> App {
    let mut a = app(lang);
    let plenary = sample();
    let mut other = sample();
    other.id = "01OTHERREGION".into();
    other.region = "Kota Ternate".into();
    let dir = PathBuf::from("/data/bimtek/sessions");
    let row = |name: &str, s: &Session| SessionRow {
        path: dir.join(name),
        summary: Ok(s.summary()),
    };
    let rows = vec![
        row("halmahera-utara-pleno.ron", &plenary),
        row("kelompok-1-governance.ron", &plenary),
        row("kelompok-2-living.ron", &plenary),
        row("kota-ternate-bimtek-1.ron", &other),
        SessionRow {
            path: dir.join("rusak.ron"),
            summary: Err("rusak.ron:3:5: Unexpected end of RON".into()),
        },
    ];
    update(&mut a, Action::SessionsScanned(rows));
    key(&mut a, KeyCode::Char('m'));
    a
}

fn merge_report(s: &Session) -> bimtek::domain::merge::Report {
    let mut edited = (*s.entries[0]).clone();
    edited.text = "Antrean layanan KTP di Tobelo masih panjang (diperbarui kelompok 1)".into();
    edited.updated = datetime!(2021-09-07 14:20 +9);
    bimtek::domain::merge::Report {
        entries_added: 12,
        participants_added: 3,
        votes_added: 25,
        changed: 1,
        conflicts: vec![bimtek::domain::merge::Conflict::Entry(Box::new(edited))],
        ..Default::default()
    }
}

#[test]
fn merge_dialog_marks_sources_and_previews_what_comes_in() {
    for lang in [Lang::Id, Lang::En] {
        for (w, h) in SIZES {
            let mut a = merge_app(lang);
            key(&mut a, KeyCode::Char(' '));
            key(&mut a, KeyCode::Down);
            key(&mut a, KeyCode::Char(' '));
            let dir = PathBuf::from("/data/bimtek/sessions");
            update(
                &mut a,
                Action::MergePreviewed {
                    sources: vec![dir.join("kelompok-1-governance.ron"), dir.join("kelompok-2-living.ron")],
                    result: Ok(merge_report(&sample())),
                },
            );
            // Another region's session is refused, saying why.
            key(&mut a, KeyCode::Down);
            key(&mut a, KeyCode::Char(' '));
            let screen = draw(&a, w, h);
            insta::assert_snapshot!(format!("merge_{lang:?}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn merge_report_says_what_came_in_and_how_to_undo_it() {
    for lang in [Lang::Id, Lang::En] {
        for (w, h) in SIZES {
            let mut a = merge_app(lang);
            key(&mut a, KeyCode::Char(' '));
            key(&mut a, KeyCode::Enter);
            update(&mut a, Action::Merged(Ok(merge_report(&sample()))));
            let screen = draw(&a, w, h);
            let undo = if lang == Lang::Id {
                "tekan b di beranda"
            } else {
                "press b at home"
            };
            assert!(screen.contains(undo), "{screen}");
            insta::assert_snapshot!(format!("merge_done_{lang:?}_{w}x{h}"), screen);
        }
    }
}
