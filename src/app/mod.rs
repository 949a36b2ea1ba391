//! The application state and the one function that changes it. `update` does no I/O: it
//! returns `Effect`s that the shell (`tui.rs`) carries out and reports back as `Action`s.

pub mod entry_form;
pub mod home;
pub mod ids;
pub mod new_form;
pub mod session_screen;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use time::OffsetDateTime;

use crate::domain::{Lang, NewSession, Session};
use crate::i18n::{self, Strings};

pub use home::{Home, SessionRow};
pub use ids::IdGen;
pub use session_screen::{Mode, Pane, SaveState, SessionScreen};

#[derive(Debug, Clone)]
pub enum Screen {
    Home(Home),
    Session(Box<SessionScreen>),
}

#[derive(Debug, Clone)]
pub struct App {
    pub lang: Lang,
    /// The wall clock as of the last event, set by the shell.
    pub now: OffsetDateTime,
    pub screen: Screen,
    pub help: bool,
    pub should_quit: bool,
    pub ids: IdGen,
    /// Where new sessions go, for display.
    pub sessions_dir: PathBuf,
}

#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    /// Time passed; nothing else happened.
    Tick,
    SessionsScanned(Vec<SessionRow>),
    SessionOpened {
        session: Box<Session>,
        path: PathBuf,
        read_only: bool,
    },
    /// Opening or creating a session failed; the message is ready to show.
    Failed(String),
    Saved(Result<OffsetDateTime, String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the open session to its file.
    Save,
    ScanSessions,
    Open(PathBuf),
    Create(NewSession),
    OpenDemo,
    /// The session screen was left: release its lock.
    Close,
}

impl App {
    pub fn new(lang: Lang, now: OffsetDateTime, seed: u64, sessions_dir: PathBuf) -> App {
        App {
            lang,
            now,
            screen: Screen::Home(Home::default()),
            help: false,
            should_quit: false,
            ids: IdGen::new(seed),
            sessions_dir,
        }
    }

    pub fn tr(&self) -> &'static Strings {
        i18n::strings(self.lang)
    }

    pub fn session(&self) -> Option<&SessionScreen> {
        match &self.screen {
            Screen::Session(s) => Some(s),
            Screen::Home(_) => None,
        }
    }

    /// Whether a text field has the keyboard, so letters are typed rather than taken as commands.
    pub fn typing(&self) -> bool {
        match &self.screen {
            Screen::Home(h) => h.form.is_some(),
            Screen::Session(s) => matches!(s.mode, Mode::Form(_)),
        }
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(key) => on_key(app, key),
        Action::Paste(text) => match &mut app.screen {
            Screen::Session(s) => s.paste(&text),
            Screen::Home(h) => h.paste(&text),
        },
        Action::Tick => Vec::new(),
        Action::SessionsScanned(rows) => {
            if let Screen::Home(h) = &mut app.screen {
                h.set_rows(rows);
            }
            Vec::new()
        }
        Action::SessionOpened {
            session,
            path,
            read_only,
        } => {
            app.screen = Screen::Session(Box::new(SessionScreen::new(*session, path, read_only)));
            Vec::new()
        }
        Action::Failed(message) => {
            match &mut app.screen {
                Screen::Home(h) => h.message = Some(message),
                Screen::Session(s) => s.flash = Some(session_screen::Flash::Text(message)),
            }
            Vec::new()
        }
        Action::Saved(result) => {
            if let Screen::Session(s) = &mut app.screen {
                s.save = match result {
                    Ok(at) => SaveState::Saved(at),
                    Err(e) => SaveState::Failed(e),
                };
            }
            Vec::new()
        }
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        app.should_quit = true;
        return Vec::new();
    }
    if app.help {
        // Any key closes help; q still quits so nobody is trapped.
        app.help = false;
        if key.code == KeyCode::Char('q') {
            app.should_quit = true;
        }
        return Vec::new();
    }
    if key.code == KeyCode::F(1) || (!app.typing() && key.code == KeyCode::Char('?')) {
        app.help = true;
        return Vec::new();
    }
    if !app.typing() && key.code == KeyCode::Char('q') && !awaiting_answer(app) {
        app.should_quit = true;
        return Vec::new();
    }
    let now = app.now;
    let lang = app.lang;
    match &mut app.screen {
        Screen::Home(h) => h.on_key(key, now),
        Screen::Session(s) => {
            let effects = s.on_key(key, now, lang, &mut app.ids);
            if effects.contains(&Effect::Close) {
                app.screen = Screen::Home(Home::default());
                return vec![Effect::Close, Effect::ScanSessions];
            }
            effects
        }
    }
}

/// A yes/no question is on screen; `q` answers it (as "no") rather than quitting.
fn awaiting_answer(app: &App) -> bool {
    matches!(&app.screen, Screen::Session(s) if matches!(s.mode, Mode::ConfirmDelete(_)))
}
