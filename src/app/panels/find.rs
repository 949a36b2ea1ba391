//! `/`: find entries anywhere in the session by words of their text, pillar, kind or OPD.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome, line_input, line_text, step_cursor, type_into};
use crate::app::Cmd;
use crate::domain::{Lang, Session};
use crate::i18n::strings;
use crate::template::catalog;

#[derive(Debug, Clone)]
pub struct FindPanel {
    pub query: TextArea<'static>,
    pub cursor: usize,
}

impl Default for FindPanel {
    fn default() -> Self {
        FindPanel {
            query: line_input(""),
            cursor: 0,
        }
    }
}

/// Results are capped: past this, the facilitator should type more words.
pub const MAX_RESULTS: usize = 200;

/// Entries whose text, pillar (code or name), kind (code or name, either language) or OPD
/// contain every word of the query, case-insensitive. Returns indices into `session.entries`.
pub fn matches(session: &Session, query: &str) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, e) in session.entries.iter().enumerate() {
        let mut hay = e.text.to_lowercase();
        for part in [
            e.pillar.map(|p| p.code().to_string()),
            e.pillar.map(|p| catalog().pillar_name(p, Lang::Id)),
            Some(e.kind.code().to_string()),
            Some(strings(Lang::Id).kind(e.kind).to_string()),
            Some(strings(Lang::En).kind(e.kind).to_string()),
            e.proposer.label(),
            e.program.as_ref().map(|p| p.opd.clone()),
        ]
        .into_iter()
        .flatten()
        {
            hay.push('\n');
            hay.push_str(&part.to_lowercase());
        }
        if words.iter().all(|w| hay.contains(w.as_str())) {
            out.push(i);
            if out.len() >= MAX_RESULTS {
                break;
            }
        }
    }
    out
}

impl FindPanel {
    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, ctx: Ctx) -> Outcome {
        let found = matches(ctx.session, &line_text(&self.query));
        match cmd {
            Some(Cmd::Back) => Outcome::Close,
            Some(Cmd::Open) => match found.get(self.cursor) {
                Some(&i) => Outcome::Jump {
                    entry: ctx.session.entries[i].id.clone(),
                },
                None => Outcome::Stay,
            },
            Some(Cmd::Up | Cmd::Down | Cmd::PageUp | Cmd::PageDown) => {
                self.cursor = step_cursor(self.cursor, found.len(), cmd);
                Outcome::Stay
            }
            _ => {
                if type_into(&mut self.query, key) {
                    self.cursor = 0;
                }
                Outcome::Stay
            }
        }
    }
}
