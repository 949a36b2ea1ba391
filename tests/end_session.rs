//! Logging off and shutting down on Windows: the hidden window hears of it and the way out is
//! done before Windows ends the process. Runs under Wine only (`.ci/run`), where
//! `wineboot --end-session` ends the user's session the way Windows does — WM_QUERYENDSESSION,
//! WM_ENDSESSION, then the process is terminated — without logging anybody off. On real Windows
//! it is skipped with a message: it would end the user's own session.
#![cfg(windows)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bimtek::tui::{console_events::Exit, session_end};

mod support;

use support::wait_until;

/// Set in the process the test starts: it plays bimtek, the test plays Windows.
const CHILD: &str = "BIMTEK_END_SESSION_CHILD";

fn under_wine() -> bool {
    use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};
    let ntdll: Vec<u16> = "ntdll.dll\0".encode_utf16().collect();
    // SAFETY: both names are NUL-terminated; ntdll is loaded in every Windows process.
    unsafe {
        let module = GetModuleHandleW(ntdll.as_ptr());
        !module.is_null() && GetProcAddress(module, c"wine_get_version".as_ptr().cast()).is_some()
    }
}

fn wait_exit(child: &mut Child, within: Duration) -> Option<i32> {
    let end = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().expect("child status") {
            return status.code();
        }
        if Instant::now() >= end {
            let _ = child.kill();
            panic!("the process was not ended within {within:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// bimtek's side: the window, and an event loop that sees the stop flag and takes a while to
/// save, as a save to a slow stick does. Never returns: Windows ends the process.
fn play_bimtek(dir: &Path) -> ! {
    let exit = Arc::new(Exit::new(Arc::new(AtomicBool::new(false))));
    if let Err(e) = session_end::install(Arc::clone(&exit)) {
        std::fs::write(dir.join("failed"), e).expect("write");
        std::process::exit(3);
    }
    let event_loop = {
        let (exit, dir) = (Arc::clone(&exit), dir.to_path_buf());
        std::thread::spawn(move || {
            while !exit.stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(10));
            }
            std::thread::sleep(Duration::from_millis(500));
            std::fs::write(dir.join("saved"), "saved").expect("write");
            exit.finished();
        })
    };
    std::fs::write(dir.join("ready"), "").expect("write");
    std::thread::sleep(Duration::from_secs(60));
    drop(event_loop);
    // Still alive: nobody ended the session.
    std::process::exit(4);
}

#[test]
fn ending_the_session_saves_before_windows_ends_bimtek() {
    if let Some(dir) = std::env::var_os(CHILD) {
        play_bimtek(&PathBuf::from(dir));
    }
    if !under_wine() {
        eprintln!("skipped: ending the session is tried under Wine only (here it would log you off)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bimtek = Command::new(std::env::current_exe().expect("test program"))
        .args([
            "--exact",
            "ending_the_session_saves_before_windows_ends_bimtek",
            "--nocapture",
        ])
        .env(CHILD, dir.path())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start the stand-in for bimtek");
    wait_until(
        "the hidden window",
        Duration::from_secs(60),
        || dir.path().join("ready").exists() || dir.path().join("failed").exists(),
        String::new,
    );
    if let Ok(why) = std::fs::read_to_string(dir.path().join("failed")) {
        let _ = bimtek.kill();
        panic!("no hidden window ({why}); Wine needs a graphics driver, `null` will do (scripts/wine/run sets it)");
    }

    let ended = Command::new("wineboot.exe")
        .arg("--end-session")
        .status()
        .expect("run wineboot");
    assert!(ended.success(), "wineboot --end-session: {ended}");

    // Terminated by Windows (code 0) after the window procedure returned, not by itself.
    assert_eq!(wait_exit(&mut bimtek, Duration::from_secs(30)), Some(0));
    assert!(
        dir.path().join("saved").exists(),
        "Windows ended the process before the way out had saved"
    );
}
