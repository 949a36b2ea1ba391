//! `bimtek present PATH`: the audience view for the projector's window. It follows the session
//! file as the facilitator's bimtek saves it — a file watcher wakes it at once, a check of the
//! file's size and time every quarter second catches what the watcher misses (network drives,
//! some USB sticks) — and never writes the file or takes its lock. A file that is briefly
//! unreadable (replaced mid-read, half written by hand) leaves the last good state on screen
//! with a small "waiting" mark. While the facilitator's room serves, the note it leaves beside
//! the file (`store::room_notice`) lets this view show the room's QR code, address and join code.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use notify::{RecursiveMode, Watcher};
use ratatui::crossterm::event::{self, Event};

use super::{Clock, Stop};
use crate::app::look::Look;
use crate::app::room::RoomInfo;
use crate::app::{Action, App, update};
use crate::domain::Lang;
use crate::i18n::{fill, strings};
use crate::store;

/// How often the file is looked at when no event came.
const POLL: Duration = Duration::from_millis(250);

/// What identifies a version of the file without reading it.
fn signature(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

fn room_info(n: store::room_notice::RoomNotice) -> (RoomInfo, bool) {
    let info = RoomInfo {
        addresses: n.addresses,
        chosen: n.chosen,
        token: n.token,
        join_code: n.join_code,
    };
    (info, n.panel_open)
}

pub fn run(lang: Lang, path: PathBuf, clock: Clock, mut look: Look, keys: crate::app::Keymap) -> Result<(), String> {
    let session = store::load(&path).map_err(|e| e.describe(strings(lang)))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut app = App::new(lang, clock.now(), 1, dir.clone());
    look.audience = true;
    look.projector = true;
    app.look = look;
    app.keys = keys;
    update(
        &mut app,
        Action::SessionOpened {
            session: Box::new(session),
            path: path.clone(),
            read_only: true,
        },
    );

    // The watcher is a help, not a need: without it the polling still follows the file.
    let (tx, rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |_res: notify::Result<notify::Event>| {
        let _ = tx.send(());
    })
    .ok();
    if let Some(w) = watcher.as_mut() {
        let watched = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir.as_path()
        };
        let _ = w.watch(watched, RecursiveMode::NonRecursive);
    }

    let stop = Stop::install();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    super::spawn_watchdog(
        std::sync::Arc::clone(&stop.flag),
        std::sync::Arc::clone(&done),
        None,
        dir.clone(),
    );
    let mut terminal =
        ratatui::try_init().map_err(|e| fill(&strings(lang).err_terminal, &[("error", &e.to_string())]))?;
    let mut seen = signature(&path);
    let mut room: Option<store::room_notice::RoomNotice> = None;
    let result = (|| -> Result<(), String> {
        loop {
            if app.should_quit || stop.requested() {
                return Ok(());
            }
            app.now = clock.now();
            super::draw(&mut terminal, &app).map_err(|e| e.to_string())?;
            if event::poll(POLL).map_err(|e| e.to_string())?
                && let Event::Key(k) = event::read().map_err(|e| e.to_string())?
            {
                update(&mut app, Action::Key(k));
            }
            // The facilitator's bimtek says where its room serves; this view never serves.
            let now_room = store::room_notice::read(&path);
            if now_room != room {
                room = now_room;
                update(&mut app, Action::FollowRoom(room.clone().map(room_info)));
            }
            let woken = rx.try_iter().count() > 0;
            let now_sig = signature(&path);
            // Re-read on any sign of change, and keep trying while the last read failed.
            if woken || now_sig != seen || app.look.waiting {
                match store::load(&path) {
                    Ok(s) => {
                        seen = now_sig;
                        update(&mut app, Action::Follow(Box::new(s)));
                    }
                    Err(_) => app.look.waiting = true,
                }
            }
        }
    })();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    drop(watcher);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}
