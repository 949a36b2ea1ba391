//! The imperative shell: the terminal's lifecycle, the event loop, and carrying out `Effect`s.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use time::{OffsetDateTime, UtcOffset};

use crate::app::{Action, App, Effect, SessionRow, update};
use crate::domain::{Lang, NewSession, Session};
use crate::i18n::{Strings, fill, strings};
use crate::store::{self, SessionLock, lock::LockError};

/// The wall clock in the laptop's own time zone (found once at start, before any thread).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    offset: UtcOffset,
}

impl Clock {
    pub fn local() -> Clock {
        Clock {
            offset: UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC),
        }
    }

    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc().to_offset(self.offset)
    }
}

pub enum Start {
    Home,
    /// A session already loaded and locked by the caller.
    Session {
        session: Box<Session>,
        path: PathBuf,
        lock: SessionLock,
    },
}

/// The message for a lock that someone else holds.
pub fn lock_message(tr: &Strings, path: &Path, err: &LockError) -> String {
    let p = path.display().to_string();
    match err {
        LockError::Held { holder: Some(h) } => fill(
            &tr.err_locked,
            &[("path", &p), ("pid", &h.pid), ("host", &h.host), ("since", &h.since)],
        ),
        LockError::Held { holder: None } => fill(&tr.err_locked_unknown, &[("path", &p)]),
        LockError::Io(e) => fill(&tr.err_write, &[("path", &p), ("error", e)]),
    }
}

/// Loads and locks a session for editing.
pub fn open_session(path: &Path, clock: Clock, tr: &Strings) -> Result<(Session, SessionLock), String> {
    let session = store::load(path).map_err(|e| e.to_string())?;
    let lock = SessionLock::acquire(path, clock.now()).map_err(|e| lock_message(tr, path, &e))?;
    Ok((session, lock))
}

/// Creates a new session file from the built-in agenda of its stage (or a given one). Refuses to
/// replace a file that exists.
pub fn create_session(
    dir: &Path,
    spec: NewSession,
    agenda: Option<crate::domain::Agenda>,
    id: String,
    clock: Clock,
    tr: &Strings,
) -> Result<(Session, PathBuf), String> {
    let agenda = agenda.unwrap_or_else(|| crate::template::builtin(spec.stage));
    let session = Session::new(id, spec, agenda, clock.now());
    let path = dir.join(format!("{}.ron", session.file_stem()));
    let fail = |e: io::Error| {
        fill(
            &tr.err_write,
            &[("path", &path.display().to_string()), ("error", &e.to_string())],
        )
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    if path.exists() {
        return Err(fill(&tr.err_exists, &[("path", &path.display().to_string())]));
    }
    store::save(&path, &session).map_err(fail)?;
    Ok((session, path))
}

fn scan(dir: &Path) -> Vec<SessionRow> {
    store::list::scan(dir)
        .into_iter()
        .map(|(path, summary)| SessionRow {
            path,
            summary: summary.map_err(|e| e.message),
        })
        .collect()
}

struct Shell {
    clock: Clock,
    dir: PathBuf,
    lang: Lang,
    lock: Option<SessionLock>,
}

impl Shell {
    fn tr(&self) -> &'static Strings {
        strings(self.lang)
    }

    /// Carries out one effect and returns what it led to.
    fn run(&mut self, app: &App, effect: Effect) -> Option<Action> {
        match effect {
            Effect::Save => {
                let s = app.session()?;
                if s.read_only {
                    return None;
                }
                let result = store::save(&s.path, &s.session)
                    .map(|()| self.clock.now())
                    .map_err(|e| e.to_string());
                Some(Action::Saved(result))
            }
            Effect::ScanSessions => Some(Action::SessionsScanned(scan(&self.dir))),
            Effect::Close => {
                self.lock = None;
                None
            }
            Effect::Open(path) => Some(self.open(path)),
            Effect::OpenDemo => match store::demo::demo_copy(&self.dir, false) {
                Ok(path) => Some(self.open(path)),
                Err(e) => Some(Action::Failed(fill(
                    &self.tr().err_write,
                    &[("path", &self.dir.display().to_string()), ("error", &e.to_string())],
                ))),
            },
            Effect::Create(spec) => {
                let mut ids = app.ids.clone();
                let id = ids.next(app.now);
                match create_session(&self.dir, spec, None, id, self.clock, self.tr()) {
                    Ok((_, path)) => Some(self.open(path)),
                    Err(e) => Some(Action::Failed(e)),
                }
            }
        }
    }

    fn open(&mut self, path: PathBuf) -> Action {
        match open_session(&path, self.clock, self.tr()) {
            Ok((session, lock)) => {
                self.lock = Some(lock);
                Action::SessionOpened {
                    session: Box::new(session),
                    path,
                    read_only: false,
                }
            }
            Err(e) => Action::Failed(e),
        }
    }
}

/// Runs the interactive app until the facilitator quits.
pub fn run(lang: Lang, dir: PathBuf, start: Start, clock: Clock) -> Result<(), String> {
    let seed = u64::try_from(clock.now().unix_timestamp_nanos() & i128::from(u64::MAX)).unwrap_or(1)
        ^ u64::from(std::process::id());
    let mut app = App::new(lang, clock.now(), seed, dir.clone());
    let mut shell = Shell {
        clock,
        dir,
        lang,
        lock: None,
    };
    let mut pending: Vec<Effect> = Vec::new();
    match start {
        Start::Home => pending.push(Effect::ScanSessions),
        Start::Session { session, path, lock } => {
            shell.lock = Some(lock);
            update(
                &mut app,
                Action::SessionOpened {
                    session,
                    path,
                    read_only: false,
                },
            );
        }
    }
    let mut terminal =
        ratatui::try_init().map_err(|e| fill(&strings(lang).err_terminal, &[("error", &e.to_string())]))?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &mut shell, pending);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    shell: &mut Shell,
    mut pending: Vec<Effect>,
) -> Result<(), String> {
    loop {
        while !pending.is_empty() {
            let effects = std::mem::take(&mut pending);
            for effect in effects {
                if let Some(action) = shell.run(app, effect) {
                    app.now = shell.clock.now();
                    pending.extend(update(app, action));
                }
            }
        }
        if app.should_quit {
            return Ok(());
        }
        terminal.draw(|f| crate::ui::view(app, f)).map_err(|e| e.to_string())?;
        let action = if event::poll(Duration::from_millis(500)).map_err(|e| e.to_string())? {
            match event::read().map_err(|e| e.to_string())? {
                Event::Key(k) => Action::Key(k),
                Event::Paste(text) => Action::Paste(text),
                _ => Action::Tick,
            }
        } else {
            Action::Tick
        };
        app.now = shell.clock.now();
        pending.extend(update(app, action));
    }
}
