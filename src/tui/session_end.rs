//! Logging off and shutting down on Windows. A console program only hears of them through its
//! console handler while it has not loaded user32 — and bimtek has (through its dependencies) —
//! so Windows tells it the way it tells programs with windows: WM_QUERYENDSESSION, then
//! WM_ENDSESSION, sent to every top-level window. bimtek keeps one hidden window on a thread of
//! its own for that. A message-only window would not do: Windows does not send it these.
//!
//! The answer follows Windows' rules for the two messages: the query is answered "yes" at once
//! (the session is already on disk after every change, and if the user then cancels the
//! shutdown, the workshop goes on); when the session really ends, bimtek takes the way out a
//! closed console window takes ([`console_events::handle`]) before it returns, because Windows
//! may end the process as soon as it has.

use std::time::Duration;

use super::console_events::{self, CTRL_LOGOFF, CTRL_SHUTDOWN, Exit};

/// Windows' message codes and flag (winuser.h).
pub const WM_QUERYENDSESSION: u32 = 0x0011;
pub const WM_ENDSESSION: u32 = 0x0016;
pub const ENDSESSION_LOGOFF: u32 = 0x8000_0000;

/// The window procedure's logic, apart from Windows so that it can be tested anywhere:
/// `Some(result)` for the window procedure to return, `None` for the default procedure.
pub fn answer(message: u32, wparam: usize, lparam: isize, exit: &Exit, limit: Duration) -> Option<isize> {
    match message {
        WM_QUERYENDSESSION => Some(1),
        // wparam 0: the shutdown was cancelled after all.
        WM_ENDSESSION if wparam != 0 => {
            // lparam is a set of flags in the low 32 bits; the cast keeps exactly those.
            let event = if lparam as u32 & ENDSESSION_LOGOFF != 0 {
                CTRL_LOGOFF
            } else {
                CTRL_SHUTDOWN
            };
            console_events::handle(event, exit, limit);
            Some(0)
        }
        WM_ENDSESSION => Some(0),
        _ => None,
    }
}

#[cfg(windows)]
mod window {
    use std::sync::{Arc, OnceLock, mpsc};

    use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
    use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
    use windows_sys::Win32::UI::WindowsAndMessaging as wm;

    use super::{Exit, answer};
    use crate::tui::console_events::LIMIT;

    const _: () = assert!(super::WM_QUERYENDSESSION == wm::WM_QUERYENDSESSION);
    const _: () = assert!(super::WM_ENDSESSION == wm::WM_ENDSESSION);
    const _: () = assert!(super::ENDSESSION_LOGOFF == wm::ENDSESSION_LOGOFF);

    static EXIT: OnceLock<Arc<Exit>> = OnceLock::new();

    unsafe extern "system" fn procedure(window: HWND, message: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
        match EXIT.get().and_then(|exit| answer(message, wparam, lparam, exit, LIMIT)) {
            Some(result) => result,
            // SAFETY: the arguments are the ones Windows gave this procedure.
            None => unsafe { wm::DefWindowProcW(window, message, wparam, lparam) },
        }
    }

    /// Makes the hidden window on a thread of its own that answers its messages for the life of
    /// the process (once; later calls keep the first `Exit`). Returns once the window exists;
    /// an error if Windows would not make it (the console handler then still covers a closed
    /// window).
    pub fn install(exit: Arc<Exit>) -> Result<(), String> {
        if EXIT.set(exit).is_err() {
            return Ok(());
        }
        let (made, told) = mpsc::channel();
        std::thread::Builder::new()
            .name("session-end".into())
            .spawn(move || {
                let window = make_window().map(|_| ());
                let ok = window.is_ok();
                let _ = made.send(window);
                if ok {
                    run_messages();
                }
            })
            .map_err(|e| e.to_string())?;
        told.recv().map_err(|e| e.to_string())?
    }

    fn make_window() -> Result<HWND, String> {
        let class: Vec<u16> = "bimtek-session-end\0".encode_utf16().collect();
        // SAFETY: the class name outlives both calls (a class keeps its own copy); the window
        // procedure is a plain function that lives as long as the process; the window is never
        // shown, so it has no taskbar button and takes no focus.
        unsafe {
            let instance = GetModuleHandleW(std::ptr::null());
            let mut description: wm::WNDCLASSW = std::mem::zeroed();
            description.lpfnWndProc = Some(procedure);
            description.hInstance = instance;
            description.lpszClassName = class.as_ptr();
            if wm::RegisterClassW(&description) == 0 {
                return Err(std::io::Error::last_os_error().to_string());
            }
            let window = wm::CreateWindowExW(
                0,
                class.as_ptr(),
                class.as_ptr(),
                wm::WS_OVERLAPPED,
                0,
                0,
                0,
                0,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                instance,
                std::ptr::null(),
            );
            if window.is_null() {
                return Err(std::io::Error::last_os_error().to_string());
            }
            Ok(window)
        }
    }

    fn run_messages() {
        // SAFETY: MSG is plain data that GetMessageW fills in; the loop runs on the thread that
        // made the window, as Windows requires.
        unsafe {
            let mut message: wm::MSG = std::mem::zeroed();
            while wm::GetMessageW(&mut message, std::ptr::null_mut(), 0, 0) > 0 {
                wm::DispatchMessageW(&message);
            }
        }
    }
}

#[cfg(windows)]
pub use window::install;

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::*;

    fn exit() -> Arc<Exit> {
        Arc::new(Exit::new(Arc::new(AtomicBool::new(false))))
    }

    #[test]
    fn the_query_is_answered_yes_and_the_workshop_goes_on() {
        let exit = exit();
        assert_eq!(
            answer(WM_QUERYENDSESSION, 0, 0, &exit, Duration::from_secs(30)),
            Some(1)
        );
        assert_eq!(
            answer(
                WM_QUERYENDSESSION,
                0,
                ENDSESSION_LOGOFF as isize,
                &exit,
                Duration::from_secs(30)
            ),
            Some(1)
        );
        assert!(
            !exit.stop.load(Ordering::Relaxed),
            "a cancelled shutdown must not end the workshop"
        );
    }

    #[test]
    fn a_cancelled_shutdown_leaves_the_workshop_running() {
        let exit = exit();
        assert_eq!(answer(WM_ENDSESSION, 0, 0, &exit, Duration::from_secs(30)), Some(0));
        assert!(!exit.stop.load(Ordering::Relaxed));
    }

    #[test]
    fn the_session_ending_returns_only_after_the_way_out() {
        for lparam in [0, ENDSESSION_LOGOFF as isize] {
            let exit = exit();
            let saved = Arc::new(AtomicBool::new(false));
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
            assert_eq!(
                answer(WM_ENDSESSION, 1, lparam, &exit, Duration::from_secs(30)),
                Some(0)
            );
            // Windows may end the process as soon as the procedure returns.
            assert!(
                saved.load(Ordering::Relaxed),
                "lparam {lparam:#x}: returned before the save"
            );
            app.join().expect("loop");
        }
    }

    #[test]
    fn the_session_ending_waits_no_longer_than_the_limit() {
        let exit = exit();
        assert_eq!(answer(WM_ENDSESSION, 1, 0, &exit, Duration::from_millis(100)), Some(0));
        assert!(exit.stop.load(Ordering::Relaxed));
    }

    #[test]
    fn other_messages_go_to_the_default_procedure() {
        let exit = exit();
        for message in [
            0x0001, /* WM_CREATE */
            0x0010, /* WM_CLOSE */
            0x0002, /* WM_DESTROY */
        ] {
            assert_eq!(answer(message, 0, 0, &exit, Duration::from_secs(30)), None);
        }
        assert!(!exit.stop.load(Ordering::Relaxed));
    }
}
