//! Tools the facilitator opens over the session screen: readiness scoring, dot voting, the
//! impact/effort matrix, the roster, find, program details and commitments. Each is its own
//! module with its own state and keys; they change the session only by returning an `Edit`.

pub mod commitments;
pub mod find;
pub mod inbox;
pub mod matrix;
pub mod program_form;
pub mod readiness;
pub mod roster;
pub mod vote;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use time::OffsetDateTime;

use super::session_screen::Flash;
use super::{Cmd, IdGen, Scope};
use crate::domain::EntryId;
use crate::domain::{Edit, Session};

#[derive(Debug, Clone)]
pub enum Panel {
    Readiness(Box<readiness::ReadinessPanel>),
    Vote(vote::VotePanel),
    Matrix(matrix::MatrixPanel),
    Roster(Box<roster::RosterPanel>),
    Find(Box<find::FindPanel>),
    Program(Box<program_form::ProgramForm>),
    Commitment(Box<commitments::CommitmentForm>),
    /// The room: its link and QR code, and the ideas phones sent.
    Inbox(Box<inbox::InboxPanel>),
}

/// What a key in a panel led to.
#[derive(Debug)]
pub enum Outcome {
    Stay,
    Close,
    /// Apply the edit; keep the panel open unless `close`.
    Apply {
        edit: Box<Edit>,
        flash: Flash,
        close: bool,
    },
    /// Close and show this entry on its step.
    Jump {
        entry: EntryId,
    },
    /// Refused, with the reason for the status line; nothing changed.
    Refuse(Flash),
}

impl Outcome {
    pub fn apply(edit: Edit, flash: Flash) -> Outcome {
        Outcome::Apply {
            edit: Box::new(edit),
            flash,
            close: false,
        }
    }
}

/// What panels may read while handling a key.
pub struct Ctx<'a> {
    pub session: &'a Session,
    pub now: OffsetDateTime,
    pub ids: &'a mut IdGen,
}

impl Panel {
    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, ctx: Ctx) -> Outcome {
        match self {
            Panel::Readiness(p) => p.on_key(key, cmd, ctx),
            Panel::Vote(p) => p.on_key(key, cmd, ctx),
            Panel::Matrix(p) => p.on_key(key, cmd, ctx),
            Panel::Roster(p) => p.on_key(key, cmd, ctx),
            Panel::Find(p) => p.on_key(key, cmd, ctx),
            Panel::Program(p) => p.on_key(key, cmd, ctx),
            Panel::Commitment(p) => p.on_key(key, cmd, ctx),
            Panel::Inbox(p) => p.on_key(key, cmd, ctx),
        }
    }

    /// Where keys are read while this panel is open.
    pub fn scope(&self) -> Scope {
        match self {
            Panel::Readiness(p) if p.note.is_some() => Scope::Note,
            Panel::Readiness(_) => Scope::Readiness,
            Panel::Vote(v) if v.picking.is_some() => Scope::VotePick,
            Panel::Vote(_) => Scope::Vote,
            Panel::Matrix(_) => Scope::Matrix,
            Panel::Roster(r) if r.confirm.is_some() => Scope::Confirm,
            Panel::Roster(r) if r.form.is_some() => Scope::RosterForm,
            Panel::Roster(_) => Scope::Roster,
            Panel::Find(_) => Scope::Find,
            Panel::Program(_) => Scope::Program,
            Panel::Commitment(_) => Scope::CommitmentForm,
            Panel::Inbox(p) => p.scope(),
        }
    }

    pub fn paste(&mut self, text: &str) {
        let line = text.replace(['\r', '\n'], " ");
        match self {
            Panel::Find(p) => {
                p.query.insert_str(line);
            }
            Panel::Roster(p) => p.paste(&line),
            Panel::Program(p) => p.paste(&line),
            Panel::Commitment(p) => p.paste(&line),
            Panel::Readiness(p) => p.paste(&line),
            Panel::Inbox(p) => p.paste(&line),
            Panel::Vote(_) | Panel::Matrix(_) => {}
        }
    }

    /// Whether a text field has the keyboard (so `q` and `?` are typed, not commands).
    pub fn typing(&self) -> bool {
        match self {
            Panel::Find(_) | Panel::Program(_) | Panel::Commitment(_) => true,
            Panel::Roster(p) => p.form.is_some(),
            Panel::Readiness(p) => p.note.is_some(),
            Panel::Vote(p) => p.picking.is_some(),
            Panel::Matrix(_) => false,
            Panel::Inbox(p) => p.typing(),
        }
    }
}

/// A one-line text input holding `text`, cursor at the end.
pub fn line_input(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.replace(['\r', '\n'], " ")]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

pub fn line_text(t: &TextArea) -> String {
    t.lines().join(" ").trim().to_string()
}

/// Feeds a key to a one-line input, keeping Enter and Ctrl-M/J from splitting the line.
pub fn type_into(t: &mut TextArea<'static>, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if key.code == KeyCode::Enter || (ctrl && matches!(key.code, KeyCode::Char('m' | 'j'))) {
        return false;
    }
    t.input(key)
}

/// Moves an index through `len` items with wrap-around.
pub fn cycle(index: usize, len: usize, forward: bool) -> usize {
    if len == 0 {
        0
    } else if forward {
        (index + 1) % len
    } else {
        (index + len - 1) % len
    }
}

/// Moves a cursor within `len` items without wrapping.
pub fn step_cursor(cursor: usize, len: usize, cmd: Option<Cmd>) -> usize {
    match cmd {
        Some(Cmd::Up) => cursor.saturating_sub(1),
        Some(Cmd::Down) => (cursor + 1).min(len.saturating_sub(1)),
        Some(Cmd::Top) => 0,
        Some(Cmd::Bottom) => len.saturating_sub(1),
        Some(Cmd::PageUp) => cursor.saturating_sub(10),
        Some(Cmd::PageDown) => (cursor + 10).min(len.saturating_sub(1)),
        _ => cursor,
    }
}
