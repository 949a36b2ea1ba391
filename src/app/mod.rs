//! The application state and the one function that changes it. `update` does no I/O: it
//! returns `Effect`s that the shell (`tui.rs`) carries out and reports back as `Action`s.

pub mod backups;
pub mod dialog;
pub mod entry_form;
pub mod export_dialog;
pub mod home;
pub mod keymap;
pub mod locked;
pub mod look;
pub mod merge_dialog;
pub mod new_form;
pub mod panels;
pub mod recovery;
pub mod room;
pub mod save_as;
pub mod session_screen;
pub mod step_index;

#[cfg(test)]
mod keymap_tests;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use time::OffsetDateTime;

use crate::domain::{Lang, NewSession, Session};
use crate::i18n::{self, Strings};

pub use crate::domain::IdGen;
pub use dialog::Dialog;
pub use home::{Home, SessionRow};
pub use keymap::{Cmd, Keymap, Scope};
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
    /// First line of the help shown, when it is taller than the screen.
    pub help_scroll: usize,
    pub should_quit: bool,
    pub ids: IdGen,
    /// Where new sessions go, for display.
    pub sessions_dir: PathBuf,
    /// A dialog over the screen (save as, backups, recovery, locked session).
    pub dialog: Option<Dialog>,
    /// After a failed save: when to try again if nothing else changes.
    pub save_retry_at: Option<OffsetDateTime>,
    /// Theme, projector and focus modes, audience view.
    pub look: look::Look,
    /// Which key does what, with the user's rebindings.
    pub keys: Keymap,
    /// The room (phones on the venue network), while it serves.
    pub room: Option<room::RoomInfo>,
}

#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    /// Time passed; nothing else happened.
    Tick,
    SessionsScanned(Vec<SessionRow>),
    /// The audience view read a newer version of the file it follows.
    Follow(Box<Session>),
    /// The audience view learnt that the facilitator's room serves (where, and whether its panel
    /// is open) or stopped.
    FollowRoom(Option<(room::RoomInfo, bool)>),
    SessionOpened {
        session: Box<Session>,
        path: PathBuf,
        read_only: bool,
    },
    /// The open session is read-only because its folder cannot be written (a write-protected
    /// stick, a read-only share): the status line says why and offers "save as".
    ReadOnlyBecause(crate::domain::OsError),
    /// Opening or creating a session failed; the message is ready to show.
    Failed(String),
    Saved(Result<OffsetDateTime, crate::domain::OsError>),
    /// The kept versions of a session, newest first.
    BackupsListed {
        session: PathBuf,
        rows: Vec<backups::BackupRow>,
    },
    /// Recovery files left by a crash, to offer.
    RecoveryFound(Vec<recovery::RecoveryOffer>),
    /// Another bimtek has the session open; the message says who.
    LockHeld {
        path: PathBuf,
        message: String,
    },
    /// "Save as" went well (the new path and when) or not (why).
    SavedAs(Result<(PathBuf, OffsetDateTime), String>),
    /// Something went well (a backup restored, a recovery file set aside); the message says what.
    Notice(String),
    /// How an export from the session screen went.
    Exported(export_dialog::ExportOutcome),
    /// What merging these sources into the dialog's target would bring in, or why it cannot.
    MergePreviewed {
        sources: Vec<PathBuf>,
        result: Result<crate::domain::merge::Report, String>,
    },
    /// How a merge from the home screen went.
    Merged(Result<crate::domain::merge::Report, String>),
    /// A phone sent an idea or a vote.
    Room(Box<room::RoomRequest>),
    /// The room started (its addresses and codes) or could not (why).
    RoomStarted(Result<room::RoomInfo, String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the open session to its file.
    Save,
    ScanSessions,
    Open(PathBuf),
    Create(NewSession),
    /// A copy of the sample of this stage.
    OpenDemo(crate::domain::Stage),
    /// The session screen was left: release its lock.
    Close,
    /// List the kept versions of a session.
    ListBackups(PathBuf),
    /// Put a kept version of a session back (after keeping the current one).
    Restore {
        session: PathBuf,
        backup: PathBuf,
    },
    /// Look for recovery files (of the open session, else in the sessions folder).
    FindRecoveries,
    /// Make the session's recovery file the session file, and open it.
    UseRecovery(PathBuf),
    /// Set the session's recovery file aside as a backup.
    DiscardRecovery(PathBuf),
    /// Open a session without its lock, for reading only.
    OpenReadOnly(PathBuf),
    /// Write the open session to another file and go on with that one.
    SaveAs(PathBuf),
    /// Remember the theme and language in the config file.
    SaveConfig,
    /// Write the open session beside its file in a format (replacing a file of that name only
    /// if asked), and report how it went.
    Export {
        format: crate::export::Format,
        replace: bool,
        /// The book over the whole masterplan, `NAME.buku.EXT`.
        book: bool,
    },
    /// Create the next stage's session from an earlier session file, and open it.
    CreateFrom {
        spec: NewSession,
        from: PathBuf,
    },
    /// Answer a phone, once the session as it is now is on disk (unless it is a refusal).
    RoomAnswer {
        ticket: u64,
        answer: room::RoomAnswer,
    },
    /// Work out what merging `sources` into `target` would bring in, writing nothing.
    PreviewMerge {
        target: PathBuf,
        sources: Vec<PathBuf>,
    },
    /// Fold `sources` into `target` (under its lock, after a backup), as `bimtek merge` does.
    Merge {
        target: PathBuf,
        sources: Vec<PathBuf>,
    },
    /// Start serving the room for the open session.
    RoomStart,
    /// Stop serving the room.
    RoomStop,
}

impl App {
    pub fn new(lang: Lang, now: OffsetDateTime, seed: u64, sessions_dir: PathBuf) -> App {
        App {
            lang,
            now,
            screen: Screen::Home(Home::default()),
            help: false,
            help_scroll: 0,
            should_quit: false,
            ids: IdGen::new(seed),
            sessions_dir,
            dialog: None,
            save_retry_at: None,
            look: look::Look::default(),
            keys: Keymap::default(),
            room: None,
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

    /// Where keys are read now: the innermost open thing.
    pub fn scope(&self) -> Scope {
        if self.help {
            return Scope::Help;
        }
        if let Some(d) = &self.dialog {
            return d.scope();
        }
        if self.look.audience {
            return Scope::Audience;
        }
        match &self.screen {
            Screen::Home(h) => h.scope(),
            Screen::Session(_) if self.look.focus => Scope::Focus,
            Screen::Session(s) => s.scope(),
        }
    }

    /// Whether a text field has the keyboard, so letters are typed rather than taken as commands.
    pub fn typing(&self) -> bool {
        if let Some(d) = &self.dialog {
            return d.typing();
        }
        match &self.screen {
            Screen::Home(h) => h.form.is_some(),
            Screen::Session(s) => s.typing(),
        }
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(key) => on_key(app, key),
        Action::Paste(text) => {
            if app.dialog.is_some() {
                dialog::paste(app, &text);
                return Vec::new();
            }
            if dialog::refuse_long_paste(app, &text) {
                return Vec::new();
            }
            match &mut app.screen {
                Screen::Session(s) => s.paste(&text),
                Screen::Home(h) => h.paste(&text),
            }
        }
        Action::Tick => dialog::tick(app),
        Action::SessionsScanned(rows) => {
            if let Screen::Home(h) = &mut app.screen {
                h.set_rows(rows);
            }
            vec![Effect::FindRecoveries]
        }
        Action::Follow(session) => {
            app.look.waiting = false;
            if let Screen::Session(s) = &mut app.screen {
                s.follow_file(*session);
            }
            Vec::new()
        }
        Action::FollowRoom(room) => {
            app.look.room_card = room.as_ref().is_some_and(|(_, open)| *open);
            app.room = room.map(|(info, _)| info);
            Vec::new()
        }
        Action::SessionOpened {
            session,
            path,
            read_only,
        } => {
            app.screen = Screen::Session(Box::new(SessionScreen::new(*session, path, read_only)));
            app.save_retry_at = None;
            // Changes a crash left unsaved for this session are offered before work goes on.
            if read_only {
                Vec::new()
            } else {
                vec![Effect::FindRecoveries]
            }
        }
        Action::ReadOnlyBecause(why) => {
            if let Screen::Session(s) = &mut app.screen {
                s.read_only = true;
                s.read_only_why = Some(why);
            }
            Vec::new()
        }
        Action::Failed(message) => {
            match &mut app.screen {
                Screen::Home(h) => match &mut h.form {
                    Some(form) => form.failed = Some(message),
                    None => h.message = Some(message),
                },
                Screen::Session(s) => s.flash = Some(session_screen::Flash::Text(message)),
            }
            Vec::new()
        }
        Action::Saved(result) => {
            dialog::saved(app, result);
            Vec::new()
        }
        Action::BackupsListed { session, rows } => {
            dialog::backups_listed(app, session, rows);
            Vec::new()
        }
        Action::RecoveryFound(offers) => {
            dialog::recovery_found(app, offers);
            Vec::new()
        }
        Action::LockHeld { path, message } => {
            dialog::lock_held(app, path, message);
            Vec::new()
        }
        Action::SavedAs(result) => {
            dialog::saved_as(app, result);
            Vec::new()
        }
        Action::Exported(outcome) => {
            dialog::exported(app, outcome);
            Vec::new()
        }
        Action::MergePreviewed { sources, result } => {
            dialog::merge_previewed(app, &sources, result);
            Vec::new()
        }
        Action::Merged(result) => dialog::merged(app, result),
        Action::Room(request) => {
            let screen = match &mut app.screen {
                Screen::Session(s) => Some(&mut **s),
                Screen::Home(_) => None,
            };
            room::on_request(screen, *request, &mut app.ids, app.now)
        }
        Action::RoomStarted(result) => {
            match result {
                Ok(info) => app.room = Some(info),
                Err(message) => {
                    app.room = None;
                    if let Screen::Session(s) = &mut app.screen {
                        s.flash = Some(session_screen::Flash::Text(message));
                    }
                }
            }
            Vec::new()
        }
        Action::Notice(message) => {
            dialog::notice(app, message);
            match app.screen {
                Screen::Home(_) => vec![Effect::ScanSessions],
                Screen::Session(_) => Vec::new(),
            }
        }
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    // A blanked projector comes back with the next key, which does nothing else (as in
    // presentation programs).
    if app.look.blank {
        app.look.blank = false;
        return Vec::new();
    }
    let scope = app.scope();
    let cmd = app.keys.cmd(scope, &key);
    if app.help {
        // Arrows scroll a help taller than the screen; any other key closes it, and q still
        // quits so nobody is trapped.
        match cmd {
            Some(Cmd::Down) => app.help_scroll = app.help_scroll.saturating_add(1),
            Some(Cmd::Up) => app.help_scroll = app.help_scroll.saturating_sub(1),
            Some(Cmd::PageDown) => app.help_scroll = app.help_scroll.saturating_add(10),
            Some(Cmd::PageUp) => app.help_scroll = app.help_scroll.saturating_sub(10),
            Some(Cmd::Quit) => {
                app.help = false;
                app.should_quit = true;
            }
            _ => app.help = false,
        }
        return Vec::new();
    }
    match cmd {
        Some(Cmd::Help) => {
            app.help = true;
            app.help_scroll = 0;
            return Vec::new();
        }
        Some(Cmd::Quit) => {
            app.should_quit = true;
            return Vec::new();
        }
        _ => {}
    }
    if app.dialog.is_some() {
        return dialog::on_key(app, key, cmd);
    }
    if let Some(effects) = dialog::open_by_key(app, cmd) {
        return effects;
    }
    let on_session = matches!(app.screen, Screen::Session(_));
    if let Some(change) = app.look.on_key(cmd, &mut app.lang, on_session) {
        return match change {
            look::LookChange::Remember if !app.look.audience => vec![Effect::SaveConfig],
            _ => Vec::new(),
        };
    }
    if app.look.audience {
        // The audience view only looks: it follows the file and changes nothing.
        return Vec::new();
    }
    if app.look.focus
        && let Screen::Session(s) = &mut app.screen
    {
        if cmd == Some(Cmd::Back) {
            app.look.focus = false;
        } else {
            s.focus_key(cmd);
        }
        return Vec::new();
    }
    if let Some(effects) = room_key(app, cmd) {
        return effects;
    }
    let now = app.now;
    let projector = app.look.projector;
    match &mut app.screen {
        Screen::Home(h) => h.on_key(key, cmd, now),
        Screen::Session(s) => {
            // In projector mode Esc ends the show, as it does in presentation programs; a
            // presenter remote sends it, and it must not close the session.
            if projector && cmd == Some(Cmd::Back) && matches!(s.mode, Mode::Normal) {
                app.look.projector = false;
                return Vec::new();
            }
            if cmd == Some(Cmd::Present) {
                app.look.projector = true;
                return Vec::new();
            }
            let effects = s.on_key(key, cmd, now, &mut app.ids);
            if effects.contains(&Effect::Close) {
                app.screen = Screen::Home(Home::default());
                let mut effects = vec![Effect::Close, Effect::ScanSessions];
                if app.room.take().is_some() {
                    effects.insert(0, Effect::RoomStop);
                }
                return effects;
            }
            effects
        }
    }
}

/// `W` on the session screen starts or stops the room; `w` opens its panel (starting it when it
/// is off); Tab in the room panel puts another of the laptop's addresses in the QR code. Not in a
/// read-only session: the audience view never serves.
fn room_key(app: &mut App, cmd: Option<Cmd>) -> Option<Vec<Effect>> {
    let Screen::Session(s) = &mut app.screen else {
        return None;
    };
    if cmd == Some(Cmd::NextAddress)
        && let Some(room) = &mut app.room
    {
        room.chosen = panels::cycle(room.chosen, room.addresses.len(), true);
        return Some(Vec::new());
    }
    if !matches!(s.mode, Mode::Normal) || !matches!(cmd, Some(Cmd::Room | Cmd::Inbox)) {
        return None;
    }
    if s.read_only {
        s.flash = Some(session_screen::Flash::ReadOnly);
        return Some(Vec::new());
    }
    let running = app.room.is_some();
    if cmd == Some(Cmd::Inbox) {
        s.open_inbox();
        return Some(if running { Vec::new() } else { vec![Effect::RoomStart] });
    }
    if running {
        app.room = None;
        s.flash = Some(session_screen::Flash::RoomStopped);
        Some(vec![Effect::RoomStop])
    } else {
        Some(vec![Effect::RoomStart])
    }
}
