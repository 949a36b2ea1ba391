//! Bimtek IV commitments: per OPD, the programs it commits to, who signed and when.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome, cycle, line_input, line_text, type_into};
use crate::app::Cmd;
use crate::app::session_screen::Flash;
use crate::domain::commitment::Commitment;
use crate::domain::{CommitmentId, EntryId};
use crate::domain::{Edit, Kind, SessionDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Opd,
    Signer,
    Date,
    Programs,
}

const FIELDS: [Field; 4] = [Field::Opd, Field::Signer, Field::Date, Field::Programs];

#[derive(Debug, Clone)]
pub struct CommitmentForm {
    pub id: Option<CommitmentId>,
    pub opd: TextArea<'static>,
    pub signer: TextArea<'static>,
    pub date: TextArea<'static>,
    pub programs: Vec<EntryId>,
    pub field: usize,
    /// Index into the session's program entries, for ticking.
    pub cursor: usize,
}

/// Indices of all program entries, the candidates for a commitment.
pub fn program_entries(session: &crate::domain::Session) -> Vec<usize> {
    session
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Program)
        .map(|(i, _)| i)
        .collect()
}

impl CommitmentForm {
    pub fn new(existing: Option<&Commitment>, today: SessionDate) -> CommitmentForm {
        CommitmentForm {
            id: existing.map(|c| c.id.clone()),
            opd: line_input(existing.map_or("", |c| c.opd.as_str())),
            signer: line_input(existing.map_or("", |c| c.signer.as_str())),
            date: line_input(
                &existing
                    .map_or(Some(today), |c| c.signed)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            programs: existing.map(|c| c.programs.clone()).unwrap_or_default(),
            field: 0,
            cursor: 0,
        }
    }

    pub fn field(&self) -> Field {
        FIELDS[self.field.min(FIELDS.len() - 1)]
    }

    pub fn paste(&mut self, text: &str) {
        match self.field() {
            Field::Opd => self.opd.insert_str(text),
            Field::Signer => self.signer.insert_str(text),
            Field::Date => self.date.insert_str(text),
            Field::Programs => false,
        };
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, ctx: Ctx) -> Outcome {
        let programs = program_entries(ctx.session);
        let on_programs = self.field() == Field::Programs;
        match cmd {
            Some(Cmd::Back) => return Outcome::Close,
            Some(Cmd::NextField) => self.field = cycle(self.field, FIELDS.len(), true),
            Some(Cmd::PrevField) => self.field = cycle(self.field, FIELDS.len(), false),
            Some(Cmd::Save) => return self.submit(ctx),
            Some(Cmd::Up) if on_programs => self.cursor = self.cursor.saturating_sub(1),
            Some(Cmd::Down) if on_programs => self.cursor = (self.cursor + 1).min(programs.len().saturating_sub(1)),
            Some(Cmd::Toggle) if on_programs => {
                if let Some(&i) = programs.get(self.cursor) {
                    let id = &ctx.session.entries[i].id;
                    match self.programs.iter().position(|p| p == id) {
                        Some(at) => {
                            self.programs.remove(at);
                        }
                        None => self.programs.push(id.clone()),
                    }
                }
            }
            _ => {
                let input = match self.field() {
                    Field::Opd => &mut self.opd,
                    Field::Signer => &mut self.signer,
                    Field::Date => &mut self.date,
                    Field::Programs => return Outcome::Stay,
                };
                type_into(input, key);
            }
        }
        Outcome::Stay
    }

    fn submit(&mut self, ctx: Ctx) -> Outcome {
        let opd = line_text(&self.opd);
        if opd.is_empty() {
            self.field = 0;
            return Outcome::Refuse(Flash::OpdRequired);
        }
        let date = line_text(&self.date);
        let signed = if date.is_empty() {
            None
        } else {
            match date.parse::<SessionDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    self.field = 2;
                    return Outcome::Refuse(Flash::BadDate);
                }
            }
        };
        let c = Commitment {
            id: self.id.clone().unwrap_or_else(|| ctx.ids.next(ctx.now)),
            opd,
            programs: self.programs.clone(),
            signer: line_text(&self.signer),
            signed,
            note: self
                .id
                .as_ref()
                .and_then(|id| ctx.session.commitments.iter().find(|c| &c.id == id))
                .map(|c| c.note.clone())
                .unwrap_or_default(),
        };
        Outcome::Apply {
            edit: Box::new(Edit::PutCommitment(c)),
            flash: Flash::CommitmentSaved,
            close: true,
        }
    }
}
