//! The imperative shell: the terminal's lifecycle, the event loop, and carrying out `Effect`s.

pub mod console_events;
pub mod present;
pub mod room_link;
pub mod session_end;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use time::OffsetDateTime;

use crate::app::backups::BackupRow;
use crate::app::recovery::RecoveryOffer;
use crate::app::{Action, App, Effect, SessionRow, update};
use crate::domain::{Lang, OsError, Session};
use crate::i18n::{Strings, describe, fill, strings};
use crate::ops::{self, OpError};
pub use crate::ops::{Clock, Start};
use crate::store::writer::{Peek, Report, Watch, Writer};
use crate::store::{self, SessionLock, backup, lock::LockError, recovery};

/// Draws one frame as a synchronized update: a terminal that knows the mode (Windows Terminal,
/// kitty, WezTerm, recent xterm and VTE) shows the frame whole, never half old and half new on
/// the projector; one that does not ignores the two sequences.
pub(crate) fn draw(terminal: &mut DefaultTerminal, app: &App) -> io::Result<()> {
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let drawn = terminal.draw(|f| crate::ui::view(app, f)).map(|_| ());
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    drawn
}

fn scan(dir: &Path, tr: &Strings) -> Vec<SessionRow> {
    store::list::scan(dir)
        .into_iter()
        .map(|(path, summary)| SessionRow {
            path,
            summary: summary.map_err(|e| describe(&e.problem, tr)),
        })
        .collect()
}

struct Shell {
    clock: Clock,
    dir: PathBuf,
    lang: Lang,
    lock: Option<SessionLock>,
    /// Writes the open session off the input path; see `store::writer`.
    writer: Writer,
    /// Actions an effect led to beyond the first (e.g. a session opened, then a message).
    more: Vec<Action>,
    /// The room (phones on the venue network), when it serves.
    room: room_link::RoomLink,
}

/// What the writer thread does with each version: the version on disk is kept as a backup (paced
/// while saves only add, see `backup::BACKUP_GAP`), the new one written atomically.
fn session_writer() -> Box<crate::store::writer::SaveFn> {
    let paced = backup::Paced::default();
    Box::new(move |path: &Path, session: &Session| {
        let text = store::to_ron(session);
        #[cfg(debug_assertions)]
        injected_panic(&text);
        paced.save_over(path, session, &text).map_err(OsError::from)
    })
}

impl Shell {
    fn tr(&self) -> &'static Strings {
        strings(self.lang)
    }

    fn forget(&self) {
        self.writer.forget();
    }

    /// Hands the open session to the writer; the screen says "saved" once it reports.
    fn save(&mut self, app: &App) {
        if let Some(s) = app.session().filter(|s| !s.read_only) {
            self.writer.request(&s.path, &s.session);
        }
    }

    /// Saves the open session and waits until it is on disk.
    fn save_now(&mut self, app: &App) -> Option<Result<OffsetDateTime, OsError>> {
        let s = app.session().filter(|s| !s.read_only)?;
        self.writer.request(&s.path, &s.session);
        let report = self.writer.flush()?;
        Some(report.result.map(|()| self.clock.now()))
    }

    /// The writer's news, if it concerns the newest version (an older version written while
    /// changes kept coming is not news: the screen stays at "saving").
    fn saved(&self, report: Option<Report>) -> Option<Action> {
        let report = report.filter(|r| r.generation == self.writer.latest())?;
        Some(Action::Saved(report.result.map(|()| self.clock.now())))
    }

    /// Waits for the writer before an effect that reads or replaces the session's files, and
    /// returns its news.
    fn settle(&mut self) -> Option<Action> {
        let report = self.writer.flush();
        self.saved(report)
    }

    /// Carries out one effect and returns what it led to.
    fn run(&mut self, app: &App, effect: Effect) -> Option<Action> {
        match effect {
            Effect::Save => {
                self.save(app);
                None
            }
            Effect::ScanSessions => Some(Action::SessionsScanned(scan(&self.dir, self.tr()))),
            Effect::RoomAnswer { ticket, answer } => {
                self.room
                    .answer(ticket, answer, self.writer.latest(), self.writer.written());
                None
            }
            Effect::RoomStart => Some(Action::RoomStarted(
                self.room.start(room_link::writable(app), self.lang),
            )),
            Effect::RoomStop => {
                self.room.stop();
                None
            }
            Effect::Close => {
                self.room.stop();
                self.lock = None;
                self.forget();
                None
            }
            Effect::Open(path) => Some(self.open(path)),
            Effect::OpenReadOnly(path) => Some(match store::load(&path) {
                Ok(session) => Action::SessionOpened {
                    session: Box::new(session),
                    path,
                    read_only: true,
                },
                Err(e) => Action::Failed(e.describe(self.tr())),
            }),
            Effect::ListBackups(session) => {
                let rows = backup::list(&session)
                    .into_iter()
                    .map(|b| BackupRow {
                        path: b.path,
                        written: self.clock.at(b.written),
                        entries: b
                            .summary
                            .map(|s| s.entries)
                            .map_err(|e| describe(&e.problem, self.tr())),
                    })
                    .collect();
                Some(Action::BackupsListed { session, rows })
            }
            Effect::Restore { session, backup: from } => Some(self.restore(&session, &from)),
            Effect::FindRecoveries => {
                let found = match app.session() {
                    Some(s) if s.read_only => Vec::new(),
                    Some(s) => recovery::find_for(&s.path).into_iter().collect(),
                    None => recovery::find_in(&self.dir),
                };
                let offers = found
                    .into_iter()
                    .map(|f| RecoveryOffer {
                        session: f.session,
                        recovery: f.recovery,
                        written: self.clock.at(f.written),
                        entries: f.summary.map(|s| s.entries).map_err(|e| e.describe(self.tr())),
                        current_entries: f.current.map(|s| s.entries),
                    })
                    .collect();
                Some(Action::RecoveryFound(offers))
            }
            Effect::UseRecovery(path) => Some(self.use_recovery(path)),
            Effect::DiscardRecovery(path) => Some(match recovery::discard(&path) {
                Ok(()) => Action::Notice(self.tr().recovery_discarded.clone()),
                Err(e) => Action::Failed(self.write_error(&path, &OsError::of(&e))),
            }),
            Effect::SaveAs(target) => Some(Action::SavedAs(self.save_as(app, target))),
            Effect::SaveConfig => {
                // Settings are a convenience: failing to remember them must not interrupt anything.
                let _ = store::config::remember(&store::config::config_dir(), app.lang, &app.look.theme_name);
                None
            }
            Effect::OpenDemo(stage) => match store::demo::demo_copy(&self.dir, stage, false) {
                Ok(path) => Some(self.open(path)),
                Err(e) => Some(Action::Failed(fill(
                    &self.tr().err_write,
                    &[
                        ("path", &self.dir.display().to_string()),
                        ("error", &self.tr().os_error(&OsError::of(&e))),
                    ],
                ))),
            },
            Effect::Create(spec) => {
                let mut ids = app.ids.clone();
                let id = ids.next(app.now);
                match ops::create(&self.dir, spec, None, id, self.clock.now()) {
                    Ok((_, path)) => Some(self.open(path)),
                    Err(e) => Some(Action::Failed(e.message(self.tr()))),
                }
            }
            Effect::Export { format, replace, book } => app.session().map(|s| {
                Action::Exported(if book {
                    ops::export::book_beside(&s.session, &s.path, format, app.lang, replace)
                } else {
                    ops::export::export_beside(&s.session, &s.path, format, app.lang, replace)
                })
            }),
            Effect::PreviewMerge { target, sources } => Some(Action::MergePreviewed {
                result: ops::merge::preview(&target, &sources).map_err(|e| e.message(self.tr())),
                sources,
            }),
            Effect::Merge { target, sources } => Some(Action::Merged(
                ops::merge::merge(&target, &sources, false, self.clock.now()).map_err(|e| e.message(self.tr())),
            )),
            Effect::CreateFrom { spec, from } => {
                let id = app.ids.clone().next(app.now);
                let now = self.clock.now();
                Some(match ops::carry::from_form(&self.dir, &from, spec, id, now) {
                    Ok((path, carried)) => {
                        let opened = self.open(path);
                        // The status line is short: the file's name says enough.
                        let name = from
                            .file_name()
                            .map_or_else(|| from.display().to_string(), |n| n.to_string_lossy().into_owned());
                        let message = ops::carry::carried_message(self.tr(), &name, carried);
                        self.more.push(Action::Notice(message));
                        opened
                    }
                    Err(e) => Action::Failed(e.message(self.tr())),
                })
            }
        }
    }

    fn write_error(&self, path: &Path, error: &OsError) -> String {
        let tr = self.tr();
        fill(
            &tr.err_write,
            &[("path", &path.display().to_string()), ("error", &tr.os_error(error))],
        )
    }

    fn restore_error(&self, path: &Path, error: &backup::RestoreError) -> String {
        match error {
            backup::RestoreError::Unreadable(e) => e.describe(self.tr()),
            backup::RestoreError::Io(e) => self.write_error(path, e),
        }
    }

    /// Takes a session's lock; a lock someone else holds becomes the question whether to read it.
    fn lock(&self, path: &Path) -> Result<SessionLock, Action> {
        ops::lock(path, self.clock.now()).map_err(|e| self.failed(e))
    }

    /// An operation's error as the screen takes it: a lock someone else holds becomes the
    /// question whether to read the session.
    fn failed(&self, e: OpError) -> Action {
        match &e {
            OpError::Lock(path, LockError::Held { .. }) => Action::LockHeld {
                path: path.clone(),
                message: e.message(self.tr()),
            },
            _ => Action::Failed(e.message(self.tr())),
        }
    }

    fn open(&mut self, path: PathBuf) -> Action {
        let (session, lock) = match ops::open(&path, self.clock.now()) {
            Ok(opened) => opened,
            // A write-protected stick or a read-only share: look at it, and offer "save as".
            Err(OpError::Lock(_, LockError::Io(why))) if why.cannot_write() => {
                let session = match store::load(&path) {
                    Ok(s) => s,
                    Err(e) => return Action::Failed(e.describe(self.tr())),
                };
                self.forget();
                self.more.push(Action::ReadOnlyBecause(why));
                return Action::SessionOpened {
                    session: Box::new(session),
                    path,
                    read_only: true,
                };
            }
            Err(e) => return self.failed(e),
        };
        self.lock = Some(lock);
        self.forget();
        Action::SessionOpened {
            session: Box::new(session),
            path,
            read_only: false,
        }
    }

    fn holds(&self, path: &Path) -> bool {
        self.lock
            .as_ref()
            .is_some_and(|l| l.path == store::lock::lock_path(path))
    }

    fn restore(&mut self, session: &Path, from: &Path) -> Action {
        match ops::restore(session, from, self.holds(session), self.clock.now()) {
            Ok(()) => {
                let time = backup::written(from)
                    .map(|t| self.tr().date_time(self.clock.at(t)))
                    .unwrap_or_default();
                Action::Notice(fill(
                    &self.tr().backups_restored,
                    &[("path", &session.display().to_string()), ("time", &time)],
                ))
            }
            Err(e) => self.failed(e),
        }
    }

    fn use_recovery(&mut self, path: PathBuf) -> Action {
        // On the session screen we hold the lock already; from home it is taken now.
        let new_lock = if self.holds(&path) {
            None
        } else {
            match self.lock(&path) {
                Ok(l) => Some(l),
                Err(action) => return action,
            }
        };
        if let Err(e) = recovery::apply(&path) {
            return Action::Failed(self.restore_error(&path, &e));
        }
        match store::load(&path) {
            Ok(session) => {
                if let Some(l) = new_lock {
                    self.lock = Some(l);
                }
                self.forget();
                self.more.push(Action::Notice(self.tr().recovery_used.clone()));
                Action::SessionOpened {
                    session: Box::new(session),
                    path,
                    read_only: false,
                }
            }
            Err(e) => Action::Failed(e.describe(self.tr())),
        }
    }

    /// Writes the session to `target` and makes it the session's file (with its lock). Never
    /// writes over an existing file.
    fn save_as(&mut self, app: &App, target: PathBuf) -> Result<(PathBuf, OffsetDateTime), String> {
        let tr = self.tr();
        let Some(s) = app.session() else {
            return Err(String::new());
        };
        let here = s.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut target = if target.is_relative() {
            here.join(target)
        } else {
            target
        };
        if target.is_dir()
            && let Some(name) = s.path.file_name()
        {
            target = target.join(name);
        }
        if target.extension().is_none() {
            target.set_extension("ron");
        }
        let shown = target.display().to_string();
        if target == s.path && !s.read_only {
            return match self.save_now(app) {
                Some(Ok(at)) => Ok((target, at)),
                Some(Err(e)) => Err(self.write_error(&target, &e)),
                None => Err(String::new()),
            };
        }
        if target.exists() {
            return Err(fill(&tr.save_as_exists, &[("path", &shown)]));
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            return Err(fill(&tr.save_as_no_folder, &[("path", &parent.display().to_string())]));
        }
        let lock = ops::lock(&target, self.clock.now()).map_err(|e| e.message(tr))?;
        let text = store::to_ron(&s.session);
        store::save::write_atomic(&target, text.as_bytes()).map_err(|e| self.write_error(&target, &OsError::of(&e)))?;
        self.lock = Some(lock);
        // All of it is in the new file; what the writer knew of the old one is settled.
        self.forget();
        Ok((target, self.clock.now()))
    }
}

/// Fault injection for the tests (debug builds only): a save whose text contains the value of
/// `BIMTEK_TEST_PANIC_ON` panics before anything is written, as a bug in the save path would.
#[cfg(debug_assertions)]
fn injected_panic(text: &str) {
    if let Some(marker) = std::env::var_os("BIMTEK_TEST_PANIC_ON")
        && !marker.is_empty()
        && text.contains(marker.to_string_lossy().as_ref())
    {
        panic!("BIMTEK_TEST_PANIC_ON: injected panic while saving");
    }
}

/// Set by SIGTERM or SIGHUP (the window closed, the laptop shutting down, `kill`): the event loop
/// then ends the way `q` does, saving what is unsaved and restoring the terminal.
#[cfg(unix)]
struct Stop {
    flag: Arc<AtomicBool>,
    ids: Vec<signal_hook::SigId>,
}

#[cfg(unix)]
impl Stop {
    fn install() -> Stop {
        let flag = Arc::new(AtomicBool::new(false));
        let ids = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP]
            .into_iter()
            .filter_map(|sig| signal_hook::flag::register(sig, Arc::clone(&flag)).ok())
            .collect();
        Stop { flag, ids }
    }

    fn requested(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }
}

#[cfg(unix)]
impl Drop for Stop {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Windows' console control events (the window closed) and the end of the user's session
/// (logoff, shutdown) do what SIGHUP does; see `console_events` and `session_end`. Dropping
/// `Stop` at the very end of `run` tells a waiting handler that the way out is done, so Windows
/// may end the process.
#[cfg(windows)]
struct Stop {
    flag: Arc<AtomicBool>,
    exit: Arc<console_events::Exit>,
}

#[cfg(windows)]
impl Stop {
    fn install() -> Stop {
        let exit = console_events::Exit::new(Arc::new(AtomicBool::new(false)));
        let exit = console_events::install(Arc::new(exit));
        if let Err(e) = session_end::install(Arc::clone(&exit)) {
            log::warn!("no window for logoff and shutdown messages: {e}");
        }
        Stop {
            flag: Arc::clone(&exit.stop),
            exit,
        }
    }

    fn requested(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }
}

#[cfg(windows)]
impl Drop for Stop {
    fn drop(&mut self) {
        self.exit.finished();
    }
}

#[cfg(not(any(unix, windows)))]
struct Stop {
    flag: Arc<AtomicBool>,
}

#[cfg(not(any(unix, windows)))]
impl Stop {
    fn install() -> Stop {
        Stop {
            flag: Arc::new(AtomicBool::new(false)),
        }
    }

    fn requested(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }
}

/// After the terminal is restored by ratatui's hook, writes what was not saved to a recovery
/// file and says where. Never blocks: if the writer's state is busy, there is nothing safe to
/// write. A panic in the writer thread ends the process, as one in the interface does.
fn install_panic_hook(watch: Watch, dir: PathBuf, lang: Lang) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        previous(info);
        let tr = strings(lang);
        let message = match watch.peek() {
            Peek::Busy => None,
            Peek::Unsaved(u) => Some(match recovery::write(&u.path, &store::to_ron(&u.session), &dir) {
                Ok(p) => fill(&tr.recovery_written, &[("path", &p.display().to_string())]),
                Err(e) => fill(&tr.recovery_write_failed, &[("error", &tr.os_error(&OsError::of(&e)))]),
            }),
            Peek::Clean(path) => path.map(|p| fill(&tr.recovery_not_needed, &[("path", &p.display().to_string())])),
        };
        if let Some(message) = message {
            eprintln!("bimtek: {message}");
        }
        if store::writer::is_writer_thread() {
            std::process::exit(101);
        }
    }));
}

/// crossterm keeps reading a terminal that has hung up (it reads end-of-file in a loop and never
/// returns), so a SIGHUP or SIGTERM arriving then is never seen by the event loop. This thread
/// gives the loop a moment to stop by itself; if it does not, it writes what is unsaved to a
/// recovery file and ends the process, which also releases the session's lock.
fn spawn_watchdog(stop: Arc<AtomicBool>, done: Arc<AtomicBool>, watch: Option<Watch>, dir: PathBuf) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if done.load(Ordering::Relaxed) {
                return;
            }
            if !stop.load(Ordering::Relaxed) {
                continue;
            }
            std::thread::sleep(Duration::from_millis(1500));
            if done.load(Ordering::Relaxed) {
                return;
            }
            if let Some(u) = watch.as_ref().and_then(Watch::unsaved) {
                let _ = recovery::write(&u.path, &store::to_ron(&u.session), &dir);
            }
            std::process::exit(0);
        }
    });
}

/// On the way out: what the writer has in hand is finished; a change that could not be saved is
/// tried once more, and if it still fails, written to a recovery file so it is offered next time.
fn save_on_exit(app: &App, shell: &mut Shell) -> Option<String> {
    let s = app.session().filter(|s| !s.read_only)?;
    shell.writer.flush();
    shell.writer.watch().unsaved()?;
    let error = match shell.save_now(app)? {
        Ok(_) => return None,
        Err(e) => e,
    };
    let text = store::to_ron(&s.session);
    let tr = shell.tr();
    let recovery = match recovery::write(&s.path, &text, &shell.dir) {
        Ok(p) => p.display().to_string(),
        Err(e) => {
            return Some(fill(
                &tr.recovery_write_failed,
                &[("error", &tr.os_error(&OsError::of(&e)))],
            ));
        }
    };
    Some(fill(
        &tr.exit_unsaved,
        &[
            ("path", &s.path.display().to_string()),
            ("error", &tr.os_error(&error)),
            ("recovery", &recovery),
        ],
    ))
}

/// Runs the interactive app until the facilitator quits.
pub fn run(
    lang: Lang,
    dir: PathBuf,
    start: Start,
    clock: Clock,
    look: crate::app::look::Look,
    keys: crate::app::Keymap,
) -> Result<(), String> {
    let seed = u64::try_from(clock.now().unix_timestamp_nanos() & i128::from(u64::MAX)).unwrap_or(1)
        ^ u64::from(std::process::id());
    let mut app = App::new(lang, clock.now(), seed, dir.clone());
    app.look = look;
    app.keys = keys;
    let writer = Writer::spawn(session_writer()).map_err(|e| e.to_string())?;
    let watch = writer.watch();
    let mut shell = Shell {
        clock,
        dir: dir.clone(),
        lang,
        lock: None,
        writer,
        more: Vec::new(),
        room: room_link::RoomLink::default(),
    };
    let mut pending: Vec<Effect> = Vec::new();
    match start {
        Start::Home => pending.push(Effect::ScanSessions),
        Start::Session {
            session,
            path,
            lock,
            why,
            room,
        } => {
            let read_only = lock.is_none();
            shell.lock = lock;
            pending.extend(update(
                &mut app,
                Action::SessionOpened {
                    session,
                    path,
                    read_only,
                },
            ));
            if let Some(why) = why {
                pending.extend(update(&mut app, Action::ReadOnlyBecause(why)));
            }
            if let Some(config) = room {
                shell.room.config = config;
                pending.push(Effect::RoomStart);
            }
        }
    }
    let stop = Stop::install();
    let done = Arc::new(AtomicBool::new(false));
    spawn_watchdog(
        Arc::clone(&stop.flag),
        Arc::clone(&done),
        Some(watch.clone()),
        dir.clone(),
    );
    let mut terminal =
        ratatui::try_init().map_err(|e| fill(&strings(lang).err_terminal, &[("error", &e.to_string())]))?;
    install_panic_hook(watch, dir, lang);
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &mut shell, pending, &stop);
    done.store(true, Ordering::Relaxed);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
    if let Some(message) = save_on_exit(&app, &mut shell) {
        eprintln!("bimtek: {message}");
    }
    shell.forget();
    result
}

/// Time passes for `update` at least this often, even while keys keep coming.
const TICK: Duration = Duration::from_millis(500);

/// How often the loop looks for the writer's report while a save is under way.
const SAVE_POLL: Duration = Duration::from_millis(10);

/// Whether an effect must wait until the writer has finished: everything that reads, replaces
/// or lets go of the session's files. Saving, exporting (from the session in memory) and the
/// settings need not.
fn waits_for_writer(effect: &Effect) -> bool {
    !matches!(
        effect,
        Effect::Save
            | Effect::Export { .. }
            | Effect::SaveConfig
            | Effect::ScanSessions
            | Effect::RoomAnswer { .. }
            | Effect::RoomStart
            | Effect::RoomStop
    )
}

/// Waits up to `wait` for a key; while the room serves, looks every few milliseconds for what
/// phones sent and for answers that may go, and returns early (without a key) for them.
fn wait_for_event(shell: &mut Shell, wait: Duration) -> io::Result<bool> {
    if !shell.room.running() {
        return event::poll(wait);
    }
    let end = Instant::now() + wait;
    loop {
        // Requests waiting (a burst applied a batch at a time): a key if one is there, else on.
        if shell.room.has_news(shell.writer.written()) {
            return event::poll(Duration::ZERO);
        }
        let slice = end.saturating_duration_since(Instant::now()).min(SAVE_POLL);
        if event::poll(slice)? {
            return Ok(true);
        }
        if shell.room.has_news(shell.writer.written()) || Instant::now() >= end {
            return Ok(false);
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    shell: &mut Shell,
    mut pending: Vec<Effect>,
    stop: &Stop,
) -> Result<(), String> {
    let mut last_tick = Instant::now();
    loop {
        if let Some(action) = shell.saved(shell.writer.try_report()) {
            app.now = shell.clock.now();
            pending.extend(update(app, action));
        }
        pending.extend(shell.room.apply_requests(app, shell.clock.now()));
        while !pending.is_empty() {
            let effects = std::mem::take(&mut pending);
            for effect in effects {
                if waits_for_writer(&effect)
                    && let Some(action) = shell.settle()
                {
                    app.now = shell.clock.now();
                    pending.extend(update(app, action));
                }
                if let Some(action) = shell.run(app, effect) {
                    app.now = shell.clock.now();
                    pending.extend(update(app, action));
                }
                for action in std::mem::take(&mut shell.more) {
                    app.now = shell.clock.now();
                    pending.extend(update(app, action));
                }
            }
        }
        shell.room.publish(room_link::writable(app));
        shell.room.settle(shell.writer.written());
        shell.room.announce(app);
        if app.should_quit || stop.requested() {
            return Ok(());
        }
        draw(terminal, app).map_err(|e| e.to_string())?;
        // While a save is under way the loop looks in often, so "saved" shows as soon as it is.
        let wait = if shell.writer.busy() { SAVE_POLL } else { TICK };
        let ready = match wait_for_event(shell, wait) {
            Ok(ready) => ready,
            // A signal arrived during the wait; the loop looks at it next.
            Err(e) if e.kind() == io::ErrorKind::Interrupted => false,
            Err(e) => return Err(e.to_string()),
        };
        let action = if ready {
            match event::read() {
                Ok(Event::Key(k)) => Action::Key(k),
                Ok(Event::Paste(text)) => Action::Paste(text),
                Ok(_) => Action::Tick,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => Action::Tick,
                Err(e) => return Err(e.to_string()),
            }
        } else {
            Action::Tick
        };
        app.now = shell.clock.now();
        if matches!(action, Action::Tick) {
            last_tick = Instant::now();
        }
        pending.extend(update(app, action));
        // The language may have been switched with L.
        shell.lang = app.lang;
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            pending.extend(update(app, Action::Tick));
        }
    }
}
