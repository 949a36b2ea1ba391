//! Peak memory with a big session open: a child process loads a generated session file the way
//! `bimtek open` does, puts it on screen and draws one frame at 240×67, adds an entry and saves
//! it through the writer thread as the app does (backup, new text, fsync), then reports its peak
//! resident size (VmHWM, what `/usr/bin/time -v` calls "Maximum resident set size").
//! Linux only; elsewhere it says so and does nothing. Run with `cargo bench --bench memory`.

use std::path::{Path, PathBuf};
use std::process::Command;

use bimtek::app::{Action, App, Effect, update};
use bimtek::domain::Lang;
use bimtek::generate;
use bimtek::store::writer::Writer;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "common/peak.rs"]
mod peak;
use peak::peak_kib;

const ENTRIES: [usize; 3] = [1_000, 10_000, 100_000];

/// In the child: open and draw, then print the peak.
fn measure(path: &Path) {
    let session = bimtek::store::load(path).expect("the session loads");
    let mut app = App::new(Lang::Id, generate::START, 1, PathBuf::from("/tmp"));
    update(
        &mut app,
        Action::SessionOpened {
            session: Box::new(session),
            path: path.to_path_buf(),
            read_only: false,
        },
    );
    let mut term = Terminal::new(TestBackend::new(240, 67)).expect("test terminal");
    term.draw(|f| bimtek::ui::view(&app, f)).expect("draw");
    let key = |c| Action::Key(KeyEvent::new(c, KeyModifiers::NONE));
    update(&mut app, key(KeyCode::Right));
    update(&mut app, key(KeyCode::Char('a')));
    update(&mut app, Action::Paste("Masukan baru".into()));
    let effects = update(&mut app, key(KeyCode::Enter));
    assert!(effects.contains(&Effect::Save), "the entry was added");
    term.draw(|f| bimtek::ui::view(&app, f)).expect("draw");
    let mut writer = Writer::spawn(Box::new(|path, session| {
        bimtek::store::backup::save_over(path, &bimtek::store::to_ron(session)).map_err(bimtek::domain::OsError::from)
    }))
    .expect("writer thread");
    if let Some(s) = app.session() {
        writer.request(path, &s.session);
    }
    assert_eq!(writer.flush().map(|r| r.result), Some(Ok(())), "saved");
    std::hint::black_box(&term);
    println!("{}", peak_kib().unwrap_or(0));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        measure(Path::new(&args[i + 1]));
        return;
    }
    if args.iter().any(|a| a == "--list") {
        // `cargo bench -- --list` asks every bench for its names; this one has no criterion names.
        return;
    }
    if peak_kib().is_none() {
        println!("memory: /proc/self/status not available here; skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let me = std::env::current_exe().expect("own path");
    for n in ENTRIES {
        let session = generate::session(n, 42);
        let path = dir.path().join(format!("bench-{n}.ron"));
        bimtek::store::save(&path, &session).expect("save");
        drop(session);
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let out = Command::new(&me)
            .arg("--child")
            .arg(&path)
            .output()
            .expect("child runs");
        let kib: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0);
        println!(
            "memory/open_draw_add_save/{n:>6} entries: peak resident {:.1} MiB (file {:.1} MiB)",
            kib as f64 / 1024.0,
            bytes as f64 / (1024.0 * 1024.0)
        );
    }
}
