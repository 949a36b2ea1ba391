//! The room's inbox: ideas sent from phones wait here until the facilitator accepts, edits,
//! merges or rejects them. Each of those is one edit, so `u` undoes it.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome, line_input, line_text, step_cursor, type_into};
use crate::app::session_screen::Flash;
use crate::app::{Cmd, Scope};
use crate::domain::EntryId;
use crate::domain::grouping::groups;
use crate::domain::idea::{self, Idea, IdeaStatus};
use crate::domain::{Edit, Session};
use crate::template::catalog;

#[derive(Debug, Clone, Default)]
pub struct InboxPanel {
    /// Index into `pending()`.
    pub cursor: usize,
    /// The selected idea's text being edited before it is accepted.
    pub edit: Option<TextArea<'static>>,
    /// Choosing the entry the selected idea repeats: index into `merge_targets()`.
    pub merge: Option<usize>,
}

/// The ideas waiting, oldest first (indices into `session.ideas`).
pub fn pending(session: &Session) -> Vec<usize> {
    (0..session.ideas.len())
        .filter(|&i| session.ideas[i].status == IdeaStatus::Pending)
        .collect()
}

/// The entries an idea may be merged into: those its step shows, in recording order.
pub fn merge_targets(session: &Session, idea: &Idea) -> Vec<usize> {
    let Some(step) = session.agenda.steps.iter().find(|s| s.id == idea.step) else {
        return Vec::new();
    };
    let mut shown: Vec<usize> = groups(step, session, catalog())
        .into_iter()
        .flat_map(|g| g.entries)
        .collect();
    shown.sort_unstable();
    shown
}

/// The edit that accepts an idea (with its text replaced, if given): the new entry and the
/// idea marked as having become it.
fn accept(session: &Session, idea: &Idea, text: Option<String>, ctx: &mut Ctx) -> Vec<Edit> {
    let mut entry = idea::to_entry(idea, session, catalog(), ctx.ids.next(ctx.now), ctx.now);
    if let Some(t) = text {
        entry.text = t;
    }
    let done = Idea {
        status: IdeaStatus::Accepted,
        entry: Some(entry.id.clone()),
        ..idea.clone()
    };
    vec![Edit::AddEntry(entry), Edit::PutIdea(done)]
}

fn with_status(idea: &Idea, status: IdeaStatus, entry: Option<EntryId>) -> Edit {
    Edit::PutIdea(Idea {
        status,
        entry,
        ..idea.clone()
    })
}

impl InboxPanel {
    pub fn typing(&self) -> bool {
        self.edit.is_some()
    }

    /// Where keys are read: the text being edited, the entry to merge into, else the list.
    pub fn scope(&self) -> Scope {
        if self.edit.is_some() {
            Scope::InboxEdit
        } else if self.merge.is_some() {
            Scope::InboxMerge
        } else {
            Scope::Inbox
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(t) = &mut self.edit {
            t.insert_str(text);
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, mut ctx: Ctx) -> Outcome {
        let session = ctx.session;
        let waiting = pending(session);
        self.cursor = self.cursor.min(waiting.len().saturating_sub(1));
        let selected = waiting.get(self.cursor).map(|&i| &session.ideas[i]);
        if let Some(text) = &mut self.edit {
            return match cmd {
                Some(Cmd::Back) => {
                    self.edit = None;
                    Outcome::Stay
                }
                Some(Cmd::Save) => {
                    let typed = line_text(text);
                    self.edit = None;
                    match (selected, crate::domain::entry::clean_text(&typed)) {
                        (Some(idea), Some(t)) => Outcome::apply(
                            Edit::Batch(accept(session, idea, Some(t), &mut ctx)),
                            Flash::IdeaAccepted,
                        ),
                        _ => Outcome::Stay,
                    }
                }
                _ => {
                    type_into(text, key);
                    Outcome::Stay
                }
            };
        }
        if let Some(m) = self.merge {
            let Some(idea) = selected else {
                self.merge = None;
                return Outcome::Stay;
            };
            let targets = merge_targets(session, idea);
            return match cmd {
                Some(Cmd::Back) => {
                    self.merge = None;
                    Outcome::Stay
                }
                Some(Cmd::Save) => {
                    self.merge = None;
                    match targets.get(m) {
                        Some(&e) => {
                            let target = session.entries[e].id.clone();
                            Outcome::apply(
                                with_status(idea, IdeaStatus::Duplicate, Some(target)),
                                Flash::IdeaMerged,
                            )
                        }
                        None => Outcome::Stay,
                    }
                }
                _ => {
                    self.merge = Some(step_cursor(m, targets.len(), cmd));
                    Outcome::Stay
                }
            };
        }
        match cmd {
            Some(Cmd::Back) => return Outcome::Close,
            Some(Cmd::Straight) => {
                let mut room = session.room.clone();
                room.straight = !room.straight;
                let flash = if room.straight {
                    Flash::StraightOn
                } else {
                    Flash::StraightOff
                };
                return Outcome::apply(Edit::SetRoom(room), flash);
            }
            Some(Cmd::AcceptAll) => {
                if waiting.is_empty() {
                    return Outcome::Refuse(Flash::NoIdea);
                }
                let edits = waiting
                    .iter()
                    .flat_map(|&i| accept(session, &session.ideas[i], None, &mut ctx))
                    .collect();
                return Outcome::apply(Edit::Batch(edits), Flash::IdeasAccepted(waiting.len()));
            }
            _ => {}
        }
        let Some(idea) = selected else {
            return match cmd {
                Some(Cmd::Accept | Cmd::Edit | Cmd::Reject | Cmd::MergeIdea | Cmd::BlockDevice) => {
                    Outcome::Refuse(Flash::NoIdea)
                }
                _ => Outcome::Stay,
            };
        };
        match cmd {
            Some(Cmd::Accept) => {
                Outcome::apply(Edit::Batch(accept(session, idea, None, &mut ctx)), Flash::IdeaAccepted)
            }
            Some(Cmd::Edit) => {
                self.edit = Some(line_input(&idea.text));
                Outcome::Stay
            }
            Some(Cmd::MergeIdea) => {
                if merge_targets(session, idea).is_empty() {
                    return Outcome::Refuse(Flash::NothingToMerge);
                }
                self.merge = Some(0);
                Outcome::Stay
            }
            Some(Cmd::Reject) => Outcome::apply(with_status(idea, IdeaStatus::Rejected, None), Flash::IdeaRejected),
            Some(Cmd::BlockDevice) => {
                let mut room = session.room.clone();
                if !room.blocked.contains(&idea.device) {
                    room.blocked.push(idea.device.clone());
                }
                // The device's waiting ideas go with it (rejected, still in the file).
                let mut edits = vec![Edit::SetRoom(room)];
                edits.extend(
                    waiting
                        .iter()
                        .map(|&i| &session.ideas[i])
                        .filter(|i| i.device == idea.device)
                        .map(|i| with_status(i, IdeaStatus::Rejected, None)),
                );
                Outcome::apply(Edit::Batch(edits), Flash::DeviceBlocked)
            }
            _ => {
                self.cursor = step_cursor(self.cursor, waiting.len(), cmd);
                Outcome::Stay
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::IdGen;
    use crate::domain::idea::IdeaForm;
    use crate::domain::test_support::{catalog as test_catalog, now, session};
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn with_idea() -> Session {
        let mut s = session();
        s.current_step = s
            .agenda
            .steps
            .iter()
            .position(|st| !st.collects.is_empty())
            .expect("a step that collects");
        let form = IdeaForm {
            id: "c1".into(),
            text: "Satu data kependudukan".into(),
            ..IdeaForm::default()
        };
        let idea = idea::check(&form, "d1", &s, &test_catalog(), "i1".into(), now()).expect("idea");
        s.ideas.push(idea);
        s
    }

    fn press(p: &mut InboxPanel, s: &mut Session, code: KeyCode, ids: &mut IdGen) -> Option<Edit> {
        let ctx = Ctx {
            session: s,
            now: now(),
            ids,
        };
        let k = key(code);
        let cmd = crate::app::Keymap::default().cmd(p.scope(), &k);
        match p.on_key(k, cmd, ctx) {
            Outcome::Apply { edit, .. } => {
                let inverse = edit.apply(s).expect("applies");
                Some(inverse)
            }
            _ => None,
        }
    }

    #[test]
    fn accepting_makes_a_phone_entry_and_undo_puts_the_idea_back() {
        let mut s = with_idea();
        let mut ids = IdGen::new(1);
        let mut p = InboxPanel::default();
        let inverse = press(&mut p, &mut s, KeyCode::Enter, &mut ids).expect("accepted");
        let e = s.entries.last().expect("an entry");
        assert!(e.from_phone);
        assert_eq!(e.text, "Satu data kependudukan");
        assert_eq!(s.ideas[0].status, IdeaStatus::Accepted);
        assert_eq!(s.ideas[0].entry.as_deref(), Some(e.id.as_str()));
        inverse.apply(&mut s).expect("undo");
        assert!(s.entries.is_empty());
        assert_eq!(s.ideas[0].status, IdeaStatus::Pending);
    }

    #[test]
    fn reject_keeps_the_idea_and_block_rejects_the_device() {
        let mut s = with_idea();
        let mut ids = IdGen::new(1);
        let mut p = InboxPanel::default();
        press(&mut p, &mut s, KeyCode::Char('B'), &mut ids).expect("blocked");
        assert_eq!(s.room.blocked, ["d1"]);
        assert_eq!(s.ideas[0].status, IdeaStatus::Rejected);
        assert_eq!(s.ideas.len(), 1, "nothing is dropped");
    }

    #[test]
    fn edit_then_accept_stores_the_edited_text() {
        let mut s = with_idea();
        let mut ids = IdGen::new(1);
        let mut p = InboxPanel::default();
        assert!(press(&mut p, &mut s, KeyCode::Char('e'), &mut ids).is_none());
        for _ in 0..13 {
            press(&mut p, &mut s, KeyCode::Backspace, &mut ids);
        }
        press(&mut p, &mut s, KeyCode::Char('!'), &mut ids);
        press(&mut p, &mut s, KeyCode::Enter, &mut ids).expect("accepted");
        assert_eq!(s.entries.last().map(|e| e.text.as_str()), Some("Satu data!"));
    }
}
