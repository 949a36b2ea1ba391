//! The roster: who is in the room, for which agency, in which role, and present or not.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome, cycle, line_input, line_text, step_cursor, type_into};
use crate::app::Cmd;
use crate::app::session_screen::Flash;
use crate::domain::ParticipantId;
use crate::domain::{Edit, Participant, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterField {
    Name,
    Institution,
    Role,
}

#[derive(Debug, Clone)]
pub struct ParticipantForm {
    /// `None` for a new participant.
    pub id: Option<ParticipantId>,
    pub name: TextArea<'static>,
    pub institution: TextArea<'static>,
    pub role: Role,
    pub present: bool,
    pub field: RosterField,
}

#[derive(Debug, Clone, Default)]
pub struct RosterPanel {
    pub cursor: usize,
    pub form: Option<ParticipantForm>,
    /// Waiting for `y` to remove this participant.
    pub confirm: Option<ParticipantId>,
}

impl RosterPanel {
    pub fn paste(&mut self, text: &str) {
        if let Some(f) = &mut self.form {
            match f.field {
                RosterField::Name => f.name.insert_str(text),
                RosterField::Institution => f.institution.insert_str(text),
                RosterField::Role => false,
            };
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, ctx: Ctx) -> Outcome {
        let people = &ctx.session.participants;
        if let Some(id) = self.confirm.take() {
            match cmd {
                Some(Cmd::Yes) => {
                    self.cursor = self.cursor.min(people.len().saturating_sub(2));
                    return Outcome::apply(Edit::RemoveParticipant { id }, Flash::ParticipantRemoved);
                }
                Some(Cmd::No) => {}
                // A stray key is no answer: the question stays.
                _ => self.confirm = Some(id),
            }
            return Outcome::Stay;
        }
        if let Some(form) = &mut self.form {
            let on_role = form.field == RosterField::Role;
            match cmd {
                Some(Cmd::Back) => self.form = None,
                Some(Cmd::NextField) => {
                    form.field = match form.field {
                        RosterField::Name => RosterField::Institution,
                        RosterField::Institution => RosterField::Role,
                        RosterField::Role => RosterField::Name,
                    }
                }
                Some(Cmd::PrevField) => {
                    form.field = match form.field {
                        RosterField::Name => RosterField::Role,
                        RosterField::Institution => RosterField::Name,
                        RosterField::Role => RosterField::Institution,
                    }
                }
                Some(Cmd::Save) => {
                    let name = line_text(&form.name);
                    if name.is_empty() {
                        form.field = RosterField::Name;
                        return Outcome::Refuse(Flash::NameRequired);
                    }
                    let p = Participant {
                        id: form.id.clone().unwrap_or_else(|| ctx.ids.next(ctx.now)),
                        name,
                        institution: line_text(&form.institution),
                        role: form.role,
                        present: form.present,
                        from_stage: None,
                        // Editing a name or an agency records no attendance.
                        unrecorded: form
                            .id
                            .as_ref()
                            .and_then(|id| people.iter().find(|p| &p.id == id))
                            .is_some_and(|p| p.unrecorded && p.present == form.present),
                    };
                    let new = form.id.is_none();
                    self.form = None;
                    if new {
                        self.cursor = people.len();
                    }
                    return Outcome::apply(Edit::PutParticipant(p), Flash::ParticipantSaved);
                }
                Some(Cmd::ChoicePrev | Cmd::ChoiceNext) if on_role => {
                    let i = Role::ALL.iter().position(|r| *r == form.role).unwrap_or(0);
                    form.role = Role::ALL[cycle(i, Role::ALL.len(), cmd == Some(Cmd::ChoiceNext))];
                }
                _ if on_role => {}
                _ => {
                    let input = if form.field == RosterField::Name {
                        &mut form.name
                    } else {
                        &mut form.institution
                    };
                    type_into(input, key);
                }
            }
            return Outcome::Stay;
        }
        let selected = people.get(self.cursor);
        match cmd {
            Some(Cmd::Back) => Outcome::Close,
            Some(Cmd::Add) => {
                self.form = Some(ParticipantForm {
                    id: None,
                    name: line_input(""),
                    institution: line_input(""),
                    role: Role::Staff,
                    present: true,
                    field: RosterField::Name,
                });
                Outcome::Stay
            }
            Some(Cmd::Edit) => {
                if let Some(p) = selected {
                    self.form = Some(ParticipantForm {
                        id: Some(p.id.clone()),
                        name: line_input(&p.name),
                        institution: line_input(&p.institution),
                        role: p.role,
                        present: p.present,
                        field: RosterField::Name,
                    });
                }
                Outcome::Stay
            }
            Some(Cmd::Attendance) => match selected {
                Some(p) => {
                    let p = Participant {
                        present: !p.present,
                        unrecorded: false,
                        ..p.clone()
                    };
                    Outcome::apply(Edit::PutParticipant(p), Flash::ParticipantSaved)
                }
                None => Outcome::Stay,
            },
            Some(Cmd::AllPresent) => {
                // Everyone present at once (one change, one undo): the usual start of a day.
                let absent: Vec<(ParticipantId, bool)> = people
                    .iter()
                    .filter(|p| !p.present)
                    .map(|p| (p.id.clone(), true))
                    .collect();
                if absent.is_empty() {
                    return Outcome::Stay;
                }
                Outcome::apply(Edit::SetPresence(absent), Flash::AllPresent)
            }
            Some(Cmd::Delete) => {
                self.confirm = selected.map(|p| p.id.clone());
                Outcome::Stay
            }
            _ => {
                self.cursor = step_cursor(self.cursor, people.len(), cmd);
                Outcome::Stay
            }
        }
    }
}
