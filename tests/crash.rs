//! Crash safety of the real binary in a pseudo-terminal: killed with SIGKILL at random moments,
//! stopped with SIGTERM or SIGHUP, or stopped by a programming error (panic), no edit that the
//! screen reported saved is ever lost, and the file always loads.
//!
//! `BIMTEK_CRASH_ROUNDS` sets the number of SIGKILL rounds (default 100, about 20–40 s);
//! `BIMTEK_CRASH_SEED` replays a run.
#![cfg(unix)]

mod support;

use std::path::Path;
use std::time::Duration;

use bimtek::store;
use support::{ENTER, Env, Rng, TIMEOUT, Tui, add_entry, to_governance, wait_until};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The texts of the session's entries, as on disk. Panics if the file does not load.
fn entries_on_disk(path: &Path, context: &str) -> Vec<String> {
    match store::load(path) {
        Ok(s) => s.entries.into_iter().map(|e| e.text.clone()).collect(),
        Err(e) => panic!("{context}: the session file does not load: {e}"),
    }
}

/// Every kept version loads too: backups are written as atomically as the file itself.
fn backups_all_load(path: &Path, context: &str) {
    for b in store::backup::list(path) {
        if let Err(e) = b.summary {
            panic!("{context}: backup {} does not load: {e}", b.path.display());
        }
    }
}

/// An edit counts as reported saved once the screen lists it and the status line says
/// "Tersimpan pukul …": the app draws only after the save has returned.
fn reported_saved(screen: &str, text: &str) -> bool {
    screen.contains(&format!("] {text}")) && screen.contains("Tersimpan pukul") && !screen.contains("GAGAL")
}

/// Whether "saved" reached the terminal after `mark`, a length of its output taken just before
/// the edit was entered. A save is reported on screen after the frame that lists the entry, so a
/// frame cut short by a kill can show the new entry beside the previous save's status line,
/// which proves nothing; the status line's "pukul" written after the mark does.
fn reported_saved_since(tui: &Tui, mark: usize, text: &str) -> bool {
    reported_saved(&tui.screen(), text)
        && tui
            .raw()
            .get(mark..)
            .is_some_and(|tail| tail.windows(5).any(|w| w == b"pukul"))
}

/// Opens the add form, types `text`, waits until no save is under way, and returns the output's
/// length just before Enter goes.
fn type_entry(tui: &mut Tui, text: &str) -> usize {
    tui.wait_for("the add form", |s| s.contains("Tambah masukan"));
    tui.send(text);
    tui.wait_for("the text typed, nothing being saved", |s| {
        s.contains(text) && !s.contains("Menyimpan")
    });
    let mark = tui.raw().len();
    tui.send(ENTER);
    mark
}

#[test]
fn sigkill_at_random_moments_never_loses_an_edit_reported_saved() {
    let rounds = env_number("BIMTEK_CRASH_ROUNDS", 100);
    let seed = env_number("BIMTEK_CRASH_SEED", 0x5EED_B1A7);
    eprintln!("crash test: {rounds} rounds, seed {seed} (BIMTEK_CRASH_ROUNDS, BIMTEK_CRASH_SEED)");
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Tahan Banting", "1", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path").to_string();
    let mut rng = Rng::new(seed);
    let mut confirmed: Vec<String> = Vec::new();
    let mut n = 0u64;
    let mut kills_mid_save = 0;

    for round in 0..rounds {
        let context = format!("round {round} (seed {seed})");
        let mut tui: Tui = env.spawn(&["open", &path_arg], 30, 120);
        // Sometimes the kill comes while bimtek is still starting (loading, locking, tidying).
        if rng.below(8) == 0 {
            std::thread::sleep(Duration::from_millis(rng.below(150)));
            tui.signal("KILL");
            tui.wait_exit();
            let on_disk = entries_on_disk(&path, &context);
            for t in &confirmed {
                assert!(on_disk.contains(t), "{context}: '{t}' was reported saved but is lost");
            }
            continue;
        }
        if round == 0 {
            to_governance(&mut tui);
            // The later rounds expect to reopen on this step: it must be on disk first.
            wait_until(
                "the governance step saved",
                TIMEOUT,
                || store::load(&path).is_ok_and(|s| s.current_step == 4),
                || tui.screen(),
            );
        } else {
            tui.wait_for("the session at the governance step", |s| {
                s.contains("Langkah 5 dari") && s.contains("Smart Governance")
            });
        }
        // A few edits that are seen through to "saved".
        for _ in 0..rng.below(3) {
            n += 1;
            let text = format!("Masukan {n} putaran {round}");
            tui.send("a");
            let mark = type_entry(&mut tui, &text);
            let what = format!("'{text}' reported saved");
            wait_until(
                &what,
                TIMEOUT,
                || reported_saved_since(&tui, mark, &text),
                || tui.screen(),
            );
            confirmed.push(text);
        }
        // One more, cut short by SIGKILL somewhere on its way to the disk.
        n += 1;
        let text = format!("Masukan {n} putaran {round}");
        tui.send("a");
        let mut mark = usize::MAX;
        match rng.below(4) {
            0 => {}
            1 => {
                tui.send(&text[..text.len() / 2]);
            }
            _ => {
                mark = type_entry(&mut tui, &text);
                kills_mid_save += 1;
            }
        }
        // From at once to well after the save: the window of a save is a few milliseconds.
        let delay = match rng.below(3) {
            0 => 0,
            1 => rng.below(5),
            _ => rng.below(40),
        };
        std::thread::sleep(Duration::from_millis(delay));
        tui.signal("KILL");
        tui.wait_exit();
        if reported_saved_since(&tui, mark, &text) {
            confirmed.push(text);
        }
        let on_disk = entries_on_disk(&path, &context);
        for t in &confirmed {
            assert!(
                on_disk.contains(t),
                "{context}: '{t}' was reported saved but is lost; on disk: {on_disk:?}"
            );
        }
        backups_all_load(&path, &context);
    }

    // Afterwards the session opens as usual (no stale lock, no litter) and holds everything.
    let mut tui = env.spawn(&["open", &path_arg], 30, 120);
    tui.wait_text("Langkah 5 dari");
    tui.send("q");
    tui.wait_exit_success();
    let on_disk = entries_on_disk(&path, "after all rounds");
    for t in &confirmed {
        assert!(on_disk.contains(t), "'{t}' lost");
    }
    let litter: Vec<String> = std::fs::read_dir(env.sessions())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        litter.is_empty(),
        "temporary files left after a clean start: {litter:?}"
    );
    eprintln!(
        "crash test: {rounds} rounds, {} edits reported saved and all found, {kills_mid_save} kills just after Enter",
        confirmed.len()
    );
}

#[test]
fn quitting_while_a_long_save_is_under_way_waits_for_it() {
    // Large enough that the save is still being written when `q` arrives.
    let env = Env::new();
    let mut session = bimtek::generate::session(20_000, 9);
    session.current_step = session
        .agenda
        .steps
        .iter()
        .position(|s| s.id == "pillar-governance")
        .expect("the governance step");
    let path = env.sessions().join(format!("{}.ron", session.file_stem()));
    store::save(&path, &session).expect("save");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 30, 120);
    tui.wait_text("Smart Governance");
    tui.send("a");
    type_entry(&mut tui, "Ditulis tepat sebelum keluar");
    tui.wait_text("Menyimpan");
    tui.send("q");
    tui.wait_exit_success();
    let on_disk = entries_on_disk(&path, "after quitting");
    assert!(on_disk.contains(&"Ditulis tepat sebelum keluar".to_string()));
    assert_eq!(on_disk.len(), 20_001);
}

fn stop_with(signal: &str) {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Sinyal", "1", "2024-05-06");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 24, 100);
    to_governance(&mut tui);
    add_entry(&mut tui, "Sebelum sinyal");
    tui.wait_for("saved", |s| reported_saved(s, "Sebelum sinyal"));
    assert!(tui.alternate_screen(), "the app draws on the alternate screen");
    tui.signal(signal);
    let code = tui.wait_exit();
    assert_eq!(code, Some(0), "SIG{signal} ends bimtek the way q does");
    assert!(!tui.alternate_screen(), "SIG{signal}: the terminal was not restored");
    let raw = tui.raw();
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).into_owned();
    assert!(
        tail.contains("\x1b[?1049l"),
        "leaves the alternate screen last: {tail:?}"
    );
    assert!(entries_on_disk(&path, signal).contains(&"Sebelum sinyal".to_string()));
    // And the lock went with it.
    let lock = store::SessionLock::acquire(&path, time::OffsetDateTime::now_utc());
    assert!(lock.is_ok(), "the lock is released: {lock:?}");
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_everything() {
    stop_with("TERM");
}

#[test]
fn sighup_restores_the_terminal_and_keeps_everything() {
    stop_with("HUP");
}

#[test]
fn a_panic_writes_a_recovery_file_that_the_next_start_offers() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the injected panic (BIMTEK_TEST_PANIC_ON) exists in debug builds only");
        return;
    }
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Panik", "1", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path");
    let mut tui = env.spawn_with(&["open", path_arg], 24, 100, &[("BIMTEK_TEST_PANIC_ON", "KACAU")]);
    to_governance(&mut tui);
    add_entry(&mut tui, "Tersimpan dengan baik");
    tui.wait_for("saved", |s| reported_saved(s, "Tersimpan dengan baik"));
    // This save panics before anything is written, as a bug in the save path would.
    tui.send("a");
    tui.wait_text("Tambah masukan");
    tui.send("Masukan KACAU yang belum tersimpan");
    tui.wait_text("belum tersimpan");
    tui.send(ENTER);
    let code = tui.wait_exit();
    assert_ne!(code, Some(0), "a panic is a failure");
    assert!(!tui.alternate_screen(), "the panic restored the terminal");
    let recovery = store::recovery::recovery_path(&path);
    let said = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(
        said.contains(&recovery.display().to_string()),
        "the message names the recovery file; output:\n{said}"
    );
    drop(tui);
    let text = std::fs::read_to_string(&recovery).expect("the recovery file");
    assert!(text.contains("Masukan KACAU yang belum tersimpan"), "{text}");
    assert!(!entries_on_disk(&path, "after the panic").contains(&"Masukan KACAU yang belum tersimpan".to_string()));

    // The next start offers it; p uses it.
    let mut tui = env.spawn(&["open", path_arg], 24, 100);
    tui.wait_for("the recovery question", |s| {
        s.contains("Salinan pemulihan ditemukan") && s.contains("2 masukan") && s.contains("1 masukan")
    });
    tui.send("p");
    tui.wait_for("the recovered entry on screen", |s| {
        s.contains("Salinan pemulihan dipakai") && s.contains("] Masukan KACAU yang belum tersimpan")
    });
    tui.send("q");
    tui.wait_exit_success();
    let on_disk = entries_on_disk(&path, "after recovering");
    assert!(on_disk.contains(&"Masukan KACAU yang belum tersimpan".to_string()));
    assert!(on_disk.contains(&"Tersimpan dengan baik".to_string()));
    assert!(!recovery.exists(), "a used recovery file is gone");
    // The version it replaced is kept.
    let kept = store::backup::list(&path);
    assert!(
        kept.iter().any(|b| b.summary.as_ref().is_ok_and(|s| s.entries == 1)),
        "the version before is a backup"
    );
}

#[test]
fn a_recovery_file_can_be_set_aside_from_the_home_screen() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Sisih", "1", "2024-05-06");
    let mut s = store::load(&path).expect("load");
    s.title = "Versi dari salinan pemulihan".into();
    std::fs::write(store::recovery::recovery_path(&path), store::to_ron(&s)).expect("write recovery");

    let mut tui = env.spawn(&[], 24, 100);
    tui.wait_text("Salinan pemulihan ditemukan");
    tui.send("b");
    tui.wait_for("the recovery set aside", |s| {
        s.contains("disisihkan") && !s.contains("Salinan pemulihan ditemukan")
    });
    tui.send("q");
    tui.wait_exit_success();
    assert!(!store::recovery::recovery_path(&path).exists());
    assert_ne!(store::load(&path).expect("load").title, "Versi dari salinan pemulihan");
    let kept = store::backup::list(&path);
    let newest = kept.first().expect("the recovery copy is kept as a backup");
    assert_eq!(
        store::load(&newest.path).expect("load backup").title,
        "Versi dari salinan pemulihan"
    );
}
