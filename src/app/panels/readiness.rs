//! Scoring the readiness sub-aspects 1–5 with a note, for the region or one pillar.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome, cycle, line_input, line_text, step_cursor, type_into};
use crate::app::Cmd;
use crate::app::session_screen::Flash;
use crate::domain::readiness::{self, Score};
use crate::domain::{Edit, Pillar};
use crate::template::catalog;

#[derive(Debug, Clone, Default)]
pub struct ReadinessPanel {
    /// Index into `sub_aspects()`.
    pub cursor: usize,
    /// `None`: the region as a whole.
    pub pillar: Option<Pillar>,
    pub note: Option<TextArea<'static>>,
}

/// The nine sub-aspect codes in catalog order.
pub fn sub_aspects() -> Vec<&'static str> {
    catalog()
        .aspects
        .iter()
        .flat_map(|a| a.subs.iter().map(|s| s.code.as_str()))
        .collect()
}

impl ReadinessPanel {
    pub fn paste(&mut self, text: &str) {
        if let Some(n) = &mut self.note {
            n.insert_str(text);
        }
    }

    fn scopes() -> Vec<Option<Pillar>> {
        std::iter::once(None)
            .chain(Pillar::ALL.iter().map(|p| Some(*p)))
            .collect()
    }

    /// Sets (or with `None` clears) the score of `sub` in the panel's scope.
    fn set(&self, sub: String, score: Option<Score>, flash: Flash) -> Outcome {
        Outcome::apply(
            Edit::SetScore {
                sub,
                pillar: self.pillar,
                score,
            },
            flash,
        )
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, ctx: Ctx) -> Outcome {
        let subs = sub_aspects();
        let Some(sub) = subs.get(self.cursor).map(|s| s.to_string()) else {
            return Outcome::Close;
        };
        let current = readiness::find(&ctx.session.readiness, &sub, self.pillar).cloned();
        if let Some(note) = &mut self.note {
            match cmd {
                Some(Cmd::Back) => self.note = None,
                Some(Cmd::Save) => {
                    let text = line_text(note);
                    self.note = None;
                    let Some(mut score) = current else {
                        return Outcome::Refuse(Flash::ScoreFirst);
                    };
                    score.note = text;
                    return self.set(sub, Some(score), Flash::NoteSaved);
                }
                _ => {
                    type_into(note, key);
                }
            }
            return Outcome::Stay;
        }
        match cmd {
            Some(Cmd::Back) => return Outcome::Close,
            Some(Cmd::Digit) => {
                let value = match key.code {
                    KeyCode::Char(c @ '1'..='5') => c as u8 - b'0',
                    _ => return Outcome::Refuse(Flash::ScoreRange),
                };
                let note = current.map(|s| s.note).unwrap_or_default();
                let score = Score {
                    sub: sub.clone(),
                    pillar: self.pillar,
                    score: value,
                    note,
                    from_stage: None,
                };
                return self.set(sub, Some(score), Flash::ScoreSaved);
            }
            Some(Cmd::Clear) if current.is_some() => {
                return self.set(sub, None, Flash::ScoreCleared);
            }
            Some(Cmd::Note) => {
                if current.is_none() {
                    return Outcome::Refuse(Flash::ScoreFirst);
                }
                self.note = Some(line_input(current.as_ref().map_or("", |s| s.note.as_str())));
            }
            Some(Cmd::ScopePrev | Cmd::ScopeNext) => {
                let scopes = Self::scopes();
                let i = scopes.iter().position(|s| *s == self.pillar).unwrap_or(0);
                self.pillar = scopes[cycle(i, scopes.len(), cmd == Some(Cmd::ScopeNext))];
            }
            _ => self.cursor = step_cursor(self.cursor, subs.len(), cmd),
        }
        Outcome::Stay
    }
}
