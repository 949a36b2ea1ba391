//! What the speed work must not change: the cached step index shows the same screen as building
//! it afresh, a big paste arrives whole, and the fast save writes exactly what `ron` would.

use std::path::PathBuf;

use bimtek::app::session_screen::{KindCounts, rows};
use bimtek::app::{Action, App, Screen, SessionScreen, update};
use bimtek::domain::entry::clean_text;
use bimtek::domain::{Entry, Kind, Lang, Proposer, Session};
use bimtek::generate;
use bimtek::store;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn open(session: Session, step: &str) -> App {
    let mut s = session;
    s.current_step = s
        .agenda
        .steps
        .iter()
        .position(|st| st.id == step)
        .expect("the step exists");
    let mut app = App::new(Lang::Id, generate::START, 7, PathBuf::from("/tmp"));
    update(
        &mut app,
        Action::SessionOpened {
            session: Box::new(s),
            path: PathBuf::from("/tmp/perf.ron"),
            read_only: false,
        },
    );
    app
}

fn screen(app: &App) -> &SessionScreen {
    app.session().expect("a session is open")
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| bimtek::ui::view(app, f)).expect("draw");
    format!("{}", t.backend())
}

/// The same app with every cached index thrown away, so the screen is built the plain way.
fn uncached(app: &App) -> App {
    let mut plain = app.clone();
    if let Screen::Session(s) = &mut plain.screen {
        s.refresh();
    }
    plain
}

fn check_same(app: &App, what: &str) {
    let s = screen(app);
    let index = s.index();
    let groups = s.groups();
    assert_eq!(index.groups, groups, "{what}: groups");
    let plain_rows = rows(&groups);
    assert_eq!(index.len(), plain_rows.len(), "{what}: row count");
    for (i, r) in plain_rows.iter().enumerate() {
        assert_eq!(index.row(i), Some(*r), "{what}: row {i}");
    }
    assert_eq!(index.row(plain_rows.len()), None, "{what}: past the end");
    assert_eq!(s.selected(), s.selection(&groups), "{what}: selection");
    assert_eq!(
        s.counts().table(),
        KindCounts::count(&s.session).table(),
        "{what}: counts"
    );
    for (w, h) in [(80, 24), (120, 40)] {
        assert_eq!(draw(app, w, h), draw(&uncached(app), w, h), "{what}: screen at {w}x{h}");
    }
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn the_cached_index_shows_what_building_it_afresh_shows() {
    let mut app = open(generate::session(1_500, 3), "pillar-governance");
    check_same(&app, "opened");
    let mut rng = Rng(11);
    for step in 0..300 {
        let what = match rng.below(14) {
            0 | 1 => {
                update(&mut app, key(KeyCode::Down));
                "down"
            }
            2 => {
                update(&mut app, key(KeyCode::Up));
                "up"
            }
            3 => {
                update(&mut app, key(KeyCode::End));
                "end"
            }
            4 => {
                update(&mut app, key(KeyCode::Right));
                "next step"
            }
            5 => {
                update(&mut app, key(KeyCode::Left));
                "previous step"
            }
            6 | 7 => {
                // Several entries in a row, as a room dictates them.
                for n in 0..=rng.below(3) {
                    update(&mut app, key(KeyCode::Char('a')));
                    update(&mut app, Action::Paste(format!("Usulan {step}-{n}")));
                    update(&mut app, key(KeyCode::Enter));
                }
                "add"
            }
            8 => {
                // Edit the selected entry into another kind and another heading.
                update(&mut app, key(KeyCode::Char('e')));
                update(&mut app, Action::Paste(" (diubah)".into()));
                update(&mut app, key(KeyCode::Tab));
                update(&mut app, key(KeyCode::Right));
                update(&mut app, key(KeyCode::Tab));
                update(&mut app, key(KeyCode::Right));
                update(&mut app, key(KeyCode::Enter));
                if app.typing() {
                    update(&mut app, key(KeyCode::Esc));
                }
                "edit"
            }
            9 => {
                update(&mut app, key(KeyCode::Char('d')));
                update(&mut app, key(KeyCode::Char('y')));
                "delete"
            }
            10 | 11 => {
                update(&mut app, key(KeyCode::Char('u')));
                "undo"
            }
            12 => {
                update(
                    &mut app,
                    Action::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
                );
                "redo"
            }
            _ => {
                update(&mut app, key(KeyCode::Home));
                "home"
            }
        };
        assert!(app.session().is_some(), "still on the session after {what}");
        if step % 5 == 0 || what != "down" {
            check_same(&app, &format!("{step}: {what}"));
        }
    }
    // The summary step, its counts kept while entries are added there, then undone.
    for _ in 0..20 {
        update(&mut app, key(KeyCode::Right));
    }
    check_same(&app, "summary");
    for n in 0..3 {
        update(&mut app, key(KeyCode::Char('a')));
        update(&mut app, Action::Paste(format!("Catatan penutup {n}")));
        update(&mut app, key(KeyCode::Enter));
        check_same(&app, &format!("summary, note {n} added"));
    }
    update(&mut app, key(KeyCode::Char('u')));
    check_same(&app, "summary, undone");
}

#[test]
fn a_session_changed_directly_is_shown_as_it_now_is() {
    let mut app = open(generate::session(300, 5), "pillar-governance");
    let before = draw(&app, 120, 40);
    if let Screen::Session(s) = &mut app.screen {
        let mut e = Entry::new(
            "01ZZZZZZZZZZZZZZZZZZZZZZZZ".into(),
            Kind::Problem,
            "Baru",
            generate::START,
        );
        e.pillar = s.session.step().and_then(|st| st.pillar);
        s.session.entries.insert(0, e.into());
    }
    // Not refreshed: the index sees the session no longer matches and builds afresh.
    check_same(&app, "an entry inserted behind the screen's back");
    assert_ne!(before, draw(&app, 120, 40));
}

fn paste_text() -> String {
    let line = "Warga pulau-pulau kecil menyeberang ke Tobelo untuk mengurus KTP, KK dan akta — ";
    let mut t = String::new();
    let mut n = 0;
    while t.chars().count() < 5_000 {
        n += 1;
        t.push_str(&format!("[{n:03}] {line}"));
        if n % 10 == 0 {
            t.push('\n');
        }
    }
    t.chars().take(4_999).chain(std::iter::once('.')).collect()
}

#[test]
fn a_big_paste_with_a_big_session_open_arrives_whole_and_in_order() {
    let paste = paste_text();
    assert_eq!(paste.chars().count(), 5_000);
    let mut app = open(generate::session(100_000, 9), "pillar-governance");
    update(&mut app, key(KeyCode::Char('a')));
    update(&mut app, Action::Paste(paste.clone()));
    let shown = draw(&app, 120, 40);
    // The end of the paste is on screen, where the cursor is.
    let segments = paste.matches('[').count();
    assert!(shown.contains(&format!("[{:03}] Warga", segments - 1)), "{shown}");
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(effects, vec![bimtek::app::Effect::Save]);
    let s = &screen(&app).session;
    let e = s.entries.last().expect("the entry was added");
    assert_eq!(s.entries.len(), 100_001);
    assert_eq!(Some(e.text.clone()), clean_text(&paste));
    assert!(e.text.starts_with("[001] Warga") && e.text.ends_with('.'));
    let numbers: Vec<u32> = e
        .text
        .split('[')
        .skip(1)
        .filter_map(|p| p.get(..3)?.parse().ok())
        .collect();
    assert_eq!(
        numbers,
        (1..=u32::try_from(numbers.len()).expect("few")).collect::<Vec<_>>()
    );

    // And so it is in the file.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("paste.ron");
    let mut small = generate::session(50, 1);
    small.entries.push(e.clone());
    store::save(&path, &small).expect("save");
    let back = store::load(&path).expect("load");
    assert_eq!(back.entries.last(), Some(e));
}

#[test]
fn the_fast_save_writes_exactly_what_ron_writes() {
    let sample = store::parse(store::demo::SAMPLE).expect("the sample loads");
    assert_eq!(store::to_ron(&sample), store::save::to_ron_escaped_by_ron(&sample));
    let mut s = generate::session(200, 4);
    let tricky = [
        "tanda \"kutip\" dan \\ garis miring",
        "r#\"mentah\"# dan \"## dan \"#",
        "baris\nbaru\r\ttab\u{1b}[2J escape \u{7f} del",
        "Jum'at, region's, 'kutip tunggal'",
        "é, ñ, — – … 😀 e\u{301} \u{200b} \u{feff} \u{fffd}",
        "#\"#\"##\"###",
        "  spasi  ",
    ];
    for (i, t) in tricky.iter().enumerate() {
        std::sync::Arc::make_mut(&mut s.entries[i]).text = (*t).to_string();
        std::sync::Arc::make_mut(&mut s.entries[i]).proposer = Proposer::Opd((*t).to_string());
    }
    s.title = tricky.concat();
    assert_eq!(store::to_ron(&s), store::save::to_ron_escaped_by_ron(&s));
    assert_eq!(store::parse(&store::to_ron(&s)).expect("parses"), s);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_is_saved_as_ron_saves_it(texts in proptest::collection::vec(any::<String>(), 1..6), name in any::<String>()) {
        let mut s = generate::session(10, 2);
        for (e, t) in s.entries.iter_mut().zip(&texts) {
            std::sync::Arc::make_mut(e).text.clone_from(t);
        }
        s.venue = name;
        prop_assert_eq!(store::to_ron(&s), store::save::to_ron_escaped_by_ron(&s));
    }
}

#[test]
fn a_newer_file_is_still_refused_as_newer() {
    let s = generate::session(3, 1);
    let text = store::to_ron(&s);
    let newer = text.replacen(
        &format!("schema_version: {}", s.schema_version),
        "schema_version: 999",
        1,
    );
    let err = store::parse(&newer).expect_err("newer");
    assert!(err.problem.to_string().contains("newer"), "{}", err.problem.to_string());
    // Even when it has a field this version does not know.
    let with_field = newer.replacen("title:", "future_field: 1,\n    title:", 1);
    let err = store::parse(&with_field).expect_err("newer");
    assert!(err.problem.to_string().contains("newer"), "{}", err.problem.to_string());
}
