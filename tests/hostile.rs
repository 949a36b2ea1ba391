//! Hostile input: random bytes, truncated and mutated session files never make the loader panic
//! and always give a session or an error with a place (line and column from 1); size and nesting
//! limits give clear messages; escape sequences in entries never reach the terminal; file names
//! made from a region never leave the sessions folder.

mod support;

use std::path::PathBuf;

use bimtek::app::{Action, App, Mode, Screen, update};
use bimtek::domain::entry::MAX_ENTRY_CHARS;
use bimtek::domain::{Edit, Entry, Kind, Lang};
use bimtek::store::{self, demo::SAMPLE};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Parses like the loader (bytes that are not UTF-8 are refused before parsing; here they are
/// replaced so that the parser sees them too) and checks the outcome is a session or a located
/// error.
fn parses_or_points(bytes: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    match store::parse(&text) {
        Ok(_) => Ok(()),
        Err(e) if e.line >= 1 && e.col >= 1 && !e.problem.to_string().is_empty() => Ok(()),
        Err(e) => Err(format!("an error without a place or a message: {e:?}")),
    }
}

#[test]
fn the_sample_loads() {
    assert!(store::parse(SAMPLE).is_ok());
}

#[test]
fn every_truncation_class_is_refused_with_a_place() {
    let bytes = SAMPLE.as_bytes();
    // Every length up to 512, then every 61st: the start of the file, every field and every
    // depth of nesting is cut somewhere.
    let lengths = (0..512.min(bytes.len())).chain((512..bytes.len()).step_by(61));
    for len in lengths {
        if let Err(e) = parses_or_points(&bytes[..len]) {
            panic!("cut at {len}: {e}");
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [100usize, 10_000, 1_000_000] {
        for (open, close) in [("[", "]"), ("(", ")"), ("Some(", ")"), ("{\"a\":", "}")] {
            for field in ["schema_version", "agenda", "extra"] {
                let text = format!(
                    "(schema_version: 1, {field}: {}1{})",
                    open.repeat(depth),
                    close.repeat(depth)
                );
                let e = store::parse(&text).expect_err("refused");
                assert!(e.line >= 1 && e.col >= 1, "{e:?}");
            }
        }
    }
}

#[test]
fn an_entry_over_the_limit_is_refused_on_load_with_its_place() {
    let mut s = store::parse(SAMPLE).expect("sample");
    let now = s.updated;
    let mut e = Entry::new(
        "01HZZZZZZZZZZZZZZZZZZZZZZZ".into(),
        Kind::Note,
        "x".repeat(MAX_ENTRY_CHARS + 1),
        now,
    );
    e.pillar = None;
    Edit::AddEntry(e).apply(&mut s).expect("add");
    let text = store::to_ron(&s);
    let err = store::parse(&text).expect_err("too long");
    assert!(err.problem.to_string().contains("100000"), "{err:?}");
    let line = text.lines().nth(err.line - 1).expect("the line exists");
    assert!(
        line.contains("01HZZZZZZZZZZZZZZZZZZZZZZZ"),
        "points at the entry: {line}"
    );

    // Exactly at the limit is fine.
    let mut s = store::parse(SAMPLE).expect("sample");
    let e = Entry::new(
        "01HZZZZZZZZZZZZZZZZZZZZZZZ".into(),
        Kind::Note,
        "y".repeat(MAX_ENTRY_CHARS),
        now,
    );
    Edit::AddEntry(e).apply(&mut s).expect("add");
    assert!(store::parse(&store::to_ron(&s)).is_ok());
}

#[test]
fn a_file_over_64_mib_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("besar.ron");
    let f = std::fs::File::create(&path).expect("create");
    // Sparse: nothing is written, yet the size is there.
    f.set_len(store::load::MAX_FILE_BYTES + 1).expect("set_len");
    let e = store::load(&path).expect_err("refused");
    assert_eq!(e.position, None);
    assert!(e.problem.to_string().contains("64 MiB"), "{e}");
}

fn app_with_sample() -> App {
    let session = store::parse(SAMPLE).expect("sample");
    let now = session.updated;
    let mut app = App::new(Lang::Id, now, 7, PathBuf::from("/tmp"));
    update(
        &mut app,
        Action::SessionOpened {
            session: Box::new(session),
            path: PathBuf::from("/tmp/contoh.ron"),
            read_only: false,
        },
    );
    app.dialog = None;
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<bimtek::app::Effect> {
    update(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn a_paste_or_an_entry_over_the_limit_is_refused_with_a_message() {
    let mut app = app_with_sample();
    key(&mut app, KeyCode::Char('a'));
    let Screen::Session(s) = &app.screen else {
        panic!("the session screen");
    };
    assert!(matches!(s.mode, Mode::Form(_)), "the form is open");
    // One paste over the limit: refused whole, with a message.
    update(&mut app, Action::Paste("a".repeat(MAX_ENTRY_CHARS + 1)));
    let Screen::Session(s) = &app.screen else {
        panic!("the session screen");
    };
    let Mode::Form(form) = &s.mode else {
        panic!("the form stays open");
    };
    assert!(form.text.lines().join("").is_empty(), "nothing was pasted");
    assert!(
        matches!(&s.flash, Some(bimtek::app::session_screen::Flash::Text(t)) if t.contains("terlalu panjang")),
        "{:?}",
        s.flash
    );
    // Two pastes under the limit that add up to more: Enter refuses, the text stays.
    let half = "b".repeat(MAX_ENTRY_CHARS / 2 + 1);
    update(&mut app, Action::Paste(half.clone()));
    update(&mut app, Action::Paste(half));
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "nothing saved: {effects:?}");
    let Screen::Session(s) = &app.screen else {
        panic!("the session screen");
    };
    let Mode::Form(form) = &s.mode else {
        panic!("the form stays open");
    };
    assert!(matches!(
        form.error,
        Some(bimtek::app::entry_form::FormError::TooLong(_))
    ));
    assert_eq!(form.text.lines().join("").chars().count(), MAX_ENTRY_CHARS + 2);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        prop_assert_eq!(parses_or_points(&bytes), Ok(()));
    }

    #[test]
    fn random_ron_like_text_never_panics(text in "[()\\[\\]{}:,\"a-z0-9_ \n/*-]{0,400}") {
        prop_assert_eq!(parses_or_points(format!("(schema_version: 1, {text}").as_bytes()), Ok(()));
    }

    #[test]
    fn truncations_never_panic(cut in 0usize..SAMPLE.len()) {
        prop_assert_eq!(parses_or_points(&SAMPLE.as_bytes()[..cut]), Ok(()));
    }

    #[test]
    fn mutations_of_the_sample_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..12)
    ) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for (at, byte, how) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                2 => bytes.insert(i, byte),
                // A structural character where it hurts most.
                _ => bytes[i] = b"()[]{},:\"'"[usize::from(byte) % 10],
            }
        }
        prop_assert_eq!(parses_or_points(&bytes), Ok(()));
    }
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rusak.ron");
    let mut bytes = SAMPLE.as_bytes().to_vec();
    let at = SAMPLE.find("region").expect("a region field");
    bytes[at] = 0xFF;
    std::fs::write(&path, &bytes).expect("write");
    let e = store::load(&path).expect_err("refused");
    let (line, col) = e.position.expect("a place");
    assert!(line > 1 && col >= 1, "{e}");
}

#[cfg(unix)]
#[test]
fn escape_sequences_in_an_entry_are_drawn_harmlessly() {
    use support::{Env, to_governance};
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Escape", "1", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path");
    let csv = env.tmp.path().join("jahat.csv");
    std::fs::write(
        &csv,
        "pillar,element,kind,text,proposer,opd\ngovernance,,problem,\"awal\x1b[2J\x1b]0;pwned\x07akhir\",,\n",
    )
    .expect("csv");
    let out = env
        .plain(&["import", path_arg, "--csv", csv.to_str().expect("utf-8")])
        .output()
        .expect("import");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut tui = env.spawn(&["open", path_arg], 24, 110);
    to_governance(&mut tui);
    // The rest of the screen is still there: nothing was cleared.
    tui.wait_for("the entry among the others", |s| {
        s.contains("awal") && s.contains("akhir") && s.contains("Smart Governance") && s.contains("Agenda")
    });
    tui.send("q");
    tui.wait_exit_success();
    let raw = tui.raw();
    let window = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    // Each control character went out as a visible U+FFFD.
    assert!(
        window("awal\u{fffd}[2J\u{fffd}]0;pwned\u{fffd}akhir".as_bytes()),
        "drawn as visible symbols"
    );
    assert!(!window(b"\x1b]0;pwned"), "the title escape reached the terminal");
    assert!(!window(b"pwned\x07"), "the bell reached the terminal");
    assert!(!window(b"awal\x1b[2J"), "the clear-screen escape reached the terminal");
}

#[test]
fn file_names_from_a_region_never_leave_the_sessions_folder() {
    use support::Env;
    let env = Env::new();
    for (i, region) in [
        "../../../etc/passwd",
        "..",
        "/",
        "C:\\Windows\\System32\\drivers",
        "..\\..\\boot.ini",
        "~/.ssh/authorized_keys",
        "CON",
        "Kota\u{202e}gnp.exe",
        ".hidden",
    ]
    .iter()
    .enumerate()
    {
        let date = format!("2024-05-{:02}", i + 1);
        let out = env
            .plain(&["new", "--region", region, "--stage", "1", "--date", &date])
            .output()
            .expect("run new");
        if !out.status.success() {
            // Refusing is fine too (e.g. a NUL in an argument); escaping is not.
            continue;
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let path = PathBuf::from(stdout.lines().last().expect("a path"));
        assert_eq!(
            path.parent(),
            Some(env.sessions().as_path()),
            "{region:?} gave {path:?}"
        );
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "{region:?} gave a hidden file {name}");
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
            "{region:?} gave {name}"
        );
    }
    // Nothing at all was written outside the sessions folder.
    let outside: Vec<String> = std::fs::read_dir(env.tmp.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "sessions" && n != "home")
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
}
