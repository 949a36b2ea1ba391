//! Windows' console control events: the console window closed, the user logging off, the
//! laptop shutting down. They are Windows' SIGHUP and SIGTERM, and bimtek answers them the same
//! way: the event loop stops as `q` stops it, waits for the writer and, if the last save failed,
//! writes the recovery file.
//!
//! The difference is timing. Windows calls the handler on a thread of its own and ends the
//! process as soon as the handler returns, or after a few seconds (five for a closed window)
//! if it does not. So the handler raises the stop flag and then waits until the way out is done
//! ([`Exit::finished`]), but never longer than [`LIMIT`], which stays inside Windows' time.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How long the handler waits for the way out: under the five seconds Windows gives a closed
/// console window before it ends the process anyway.
pub const LIMIT: Duration = Duration::from_millis(4500);

/// Windows' codes for the events (wincon.h).
pub const CTRL_C: u32 = 0;
pub const CTRL_BREAK: u32 = 1;
pub const CTRL_CLOSE: u32 = 2;
pub const CTRL_LOGOFF: u32 = 5;
pub const CTRL_SHUTDOWN: u32 = 6;

/// What the event loop and the handler share.
#[derive(Debug)]
pub struct Exit {
    /// Raised by the handler; the event loop stops when it sees it.
    pub stop: Arc<AtomicBool>,
    finished: Mutex<bool>,
    cond: Condvar,
}

impl Exit {
    pub fn new(stop: Arc<AtomicBool>) -> Exit {
        Exit {
            stop,
            finished: Mutex::new(false),
            cond: Condvar::new(),
        }
    }

    /// Called once the session is on disk (or in its recovery file) and the terminal restored:
    /// the handler may now return and let Windows end the process.
    pub fn finished(&self) {
        let mut done = self.finished.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *done = true;
        self.cond.notify_all();
    }

    /// Waits until [`Exit::finished`] or `limit`; whether it finished.
    fn wait(&self, limit: Duration) -> bool {
        let done = self.finished.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (done, _) = self
            .cond
            .wait_timeout_while(done, limit, |done| !*done)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *done
    }
}

/// The handler's logic, apart from Windows so that it can be tested anywhere. Returns whether
/// the event was handled (Windows then ends the process; for the others it goes on to the next
/// handler, which for Ctrl-C outside the screen ends the process at once, as on Linux).
pub fn handle(event: u32, exit: &Exit, limit: Duration) -> bool {
    match event {
        CTRL_CLOSE | CTRL_LOGOFF | CTRL_SHUTDOWN | CTRL_BREAK => {
            exit.stop.store(true, Ordering::Relaxed);
            exit.wait(limit);
            true
        }
        // On the screen Ctrl-C is a key (raw mode); elsewhere the default is right.
        _ => false,
    }
}

#[cfg(windows)]
mod windows {
    use std::sync::{Arc, OnceLock};

    use windows_sys::Win32::Foundation::{FALSE, TRUE};
    use windows_sys::Win32::System::Console::SetConsoleCtrlHandler;
    use windows_sys::core::BOOL;

    use super::{Exit, LIMIT, handle};

    static EXIT: OnceLock<Arc<Exit>> = OnceLock::new();

    unsafe extern "system" fn on_event(event: u32) -> BOOL {
        match EXIT.get() {
            Some(exit) if handle(event, exit, LIMIT) => TRUE,
            _ => FALSE,
        }
    }

    /// Installs the handler for the process (once; later calls keep the first `Exit`).
    pub fn install(exit: Arc<Exit>) -> Arc<Exit> {
        let exit = Arc::clone(EXIT.get_or_init(|| exit));
        // SAFETY: `on_event` is a plain function that lives as long as the process and only
        // reads the static above.
        unsafe {
            SetConsoleCtrlHandler(Some(on_event), TRUE);
        }
        exit
    }
}

#[cfg(windows)]
pub use windows::install;

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn exit() -> Arc<Exit> {
        Arc::new(Exit::new(Arc::new(AtomicBool::new(false))))
    }

    #[test]
    fn closing_the_window_stops_the_loop_and_waits_for_the_way_out() {
        for event in [CTRL_CLOSE, CTRL_LOGOFF, CTRL_SHUTDOWN] {
            let exit = exit();
            let saved = Arc::new(AtomicBool::new(false));
            // The event loop: sees the flag, saves, says it has finished.
            let app = {
                let (exit, saved) = (Arc::clone(&exit), Arc::clone(&saved));
                std::thread::spawn(move || {
                    while !exit.stop.load(Ordering::Relaxed) {
                        std::thread::yield_now();
                    }
                    std::thread::sleep(Duration::from_millis(50));
                    saved.store(true, Ordering::Relaxed);
                    exit.finished();
                })
            };
            assert!(
                handle(event, &exit, Duration::from_secs(30)),
                "event {event} is handled"
            );
            // Windows ends the process as soon as the handler returns: the save must be done.
            assert!(saved.load(Ordering::Relaxed), "event {event}: returned before the save");
            app.join().expect("loop");
        }
    }

    #[test]
    fn the_handler_gives_up_within_windows_time_if_the_loop_never_finishes() {
        let exit = exit();
        let start = Instant::now();
        assert!(handle(CTRL_CLOSE, &exit, Duration::from_millis(100)));
        assert!(exit.stop.load(Ordering::Relaxed));
        assert!(start.elapsed() >= Duration::from_millis(100));
        const { assert!(LIMIT.as_millis() < 5000, "Windows ends a closed console after 5 s") };
    }

    #[test]
    fn ctrl_c_is_left_to_the_default() {
        let exit = exit();
        assert!(!handle(CTRL_C, &exit, Duration::from_secs(30)));
        assert!(!exit.stop.load(Ordering::Relaxed));
    }

    #[test]
    fn once_finished_the_handler_returns_at_once() {
        let exit = exit();
        exit.finished();
        let start = Instant::now();
        assert!(handle(CTRL_SHUTDOWN, &exit, Duration::from_secs(30)));
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}
