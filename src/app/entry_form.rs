//! Adding or editing one entry: its text, kind, place (element or aspect), proposer and OPD.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};
use time::OffsetDateTime;

use super::Cmd;
use crate::domain::EntryId;
use crate::domain::entry::clean_text;
use crate::domain::grouping::{self, GroupKey};
use crate::domain::{Entry, Kind, Proposer, Session, Step};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Kind,
    Place,
    Proposer,
    Opd,
}

impl Field {
    const ORDER: [Field; 5] = [Field::Text, Field::Kind, Field::Place, Field::Proposer, Field::Opd];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    EmptyText,
    /// Longer than `MAX_ENTRY_CHARS`: refused, and the form stays open with the text.
    TooLong(usize),
}

#[derive(Debug, Clone)]
pub struct EntryForm {
    /// The entry being edited; `None` for a new one.
    pub editing: Option<EntryId>,
    pub text: TextArea<'static>,
    pub kinds: Vec<Kind>,
    pub kind: usize,
    pub places: Vec<GroupKey>,
    pub place: usize,
    pub proposer: TextArea<'static>,
    pub opd: TextArea<'static>,
    pub field: Field,
    /// The roster match picked with ↑/↓ in the proposer field.
    pub suggestion: Option<usize>,
    pub error: Option<FormError>,
    /// The proposer as it was, kept when the name is left unchanged.
    original_proposer: Proposer,
    /// The place the edited entry had, so an unchanged place keeps its exact element.
    initial_place: Option<usize>,
    /// Esc was pressed with typed text: `y` discards it, any other key goes back to the form.
    pub asking_discard: bool,
    /// Text, proposer and OPD as the form opened, to tell whether anything was typed.
    initial: [String; 3],
}

pub enum Outcome {
    Continue,
    Cancel,
    Save(Box<Entry>),
}

fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut t = TextArea::new(lines);
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl EntryForm {
    fn base(step: &Step, session: &Session, place: Option<&GroupKey>) -> EntryForm {
        // Only the kinds the step shows, so an entry never lands on a step out of sight, and in
        // one order on every step.
        let mut kinds: Vec<Kind> = Kind::ALL
            .iter()
            .copied()
            .filter(|k| step.collects.contains(k))
            .collect();
        if kinds.is_empty() {
            kinds.push(Kind::Note);
        }
        let places = grouping::group_keys(step, session, crate::template::catalog());
        let place = place.and_then(|k| places.iter().position(|p| p == k)).unwrap_or(0);
        EntryForm {
            editing: None,
            text: text_area(""),
            kinds,
            kind: 0,
            places,
            place,
            proposer: text_area(""),
            opd: text_area(""),
            field: Field::Text,
            suggestion: None,
            error: None,
            original_proposer: Proposer::Anonymous,
            initial_place: None,
            asking_discard: false,
            initial: Default::default(),
        }
    }

    fn typed(&self) -> [String; 3] {
        [&self.text, &self.proposer, &self.opd].map(|t| t.lines().join("\n"))
    }

    /// Whether something was typed since the form opened.
    pub fn dirty(&self) -> bool {
        self.typed() != self.initial
    }

    pub fn new_entry(step: &Step, session: &Session, place: Option<&GroupKey>, last_kind: Option<Kind>) -> EntryForm {
        let mut f = EntryForm::base(step, session, place);
        // The kind last recorded on this step, else the step's first (its default).
        let start = last_kind
            .filter(|k| step.collects.contains(k))
            .or_else(|| step.collects.first().copied());
        if let Some(k) = start {
            f.kind = f.kinds.iter().position(|x| *x == k).unwrap_or(0);
        }
        f
    }

    pub fn edit(step: &Step, session: &Session, entry: &Entry, place: Option<&GroupKey>) -> EntryForm {
        let mut f = EntryForm::base(step, session, place);
        f.editing = Some(entry.id.clone());
        f.text = text_area(&entry.text);
        if !f.kinds.contains(&entry.kind) {
            // An entry of a kind the step does not take (made elsewhere) keeps its kind.
            f.kinds.push(entry.kind);
            f.kinds.sort_by_key(|k| Kind::ALL.iter().position(|x| x == k));
        }
        f.kind = f.kinds.iter().position(|k| *k == entry.kind).unwrap_or(0);
        if let Some(p) = place
            && !f.places.contains(p)
        {
            f.places.push(p.clone());
            f.place = f.places.len() - 1;
        }
        f.proposer = text_area(entry.proposer.name().unwrap_or(""));
        f.opd = text_area(entry.proposer.opd().unwrap_or(""));
        f.original_proposer = entry.proposer.clone();
        f.initial_place = Some(f.place);
        f.initial = f.typed();
        f
    }

    pub fn kind(&self) -> Kind {
        self.kinds.get(self.kind).copied().unwrap_or(Kind::Note)
    }

    pub fn place(&self) -> Option<&GroupKey> {
        self.places.get(self.place)
    }

    pub fn proposer_query(&self) -> String {
        self.proposer.lines().join(" ")
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        match self.field {
            Field::Text => Some(&mut self.text),
            Field::Proposer => Some(&mut self.proposer),
            Field::Opd => Some(&mut self.opd),
            Field::Kind | Field::Place => None,
        }
    }

    pub fn paste(&mut self, text: &str) {
        let multi_line = self.field == Field::Text;
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if multi_line { text } else { text.replace('\n', " ") };
        if self.field == Field::Kind || self.field == Field::Place {
            self.field = Field::Text;
        }
        if let Some(t) = self.input() {
            t.insert_str(text);
        }
        self.error = None;
    }

    fn step_field(&mut self, forward: bool) {
        let i = Field::ORDER.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = Field::ORDER.len();
        self.field = Field::ORDER[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    fn cycle(index: &mut usize, len: usize, forward: bool) {
        if len > 0 {
            *index = if forward {
                (*index + 1) % len
            } else {
                (*index + len - 1) % len
            };
        }
    }

    pub fn on_key(
        &mut self,
        key: KeyEvent,
        cmd: Option<Cmd>,
        session: &Session,
        step: &Step,
        id: EntryId,
        now: OffsetDateTime,
    ) -> Outcome {
        if self.asking_discard {
            // The answer to "discard what was typed?": only `y` discards; the key is not typed.
            self.asking_discard = false;
            return if cmd == Some(Cmd::Yes) {
                Outcome::Cancel
            } else {
                Outcome::Continue
            };
        }
        let choice = matches!(self.field, Field::Kind | Field::Place);
        match cmd {
            Some(Cmd::Back) if self.dirty() => self.asking_discard = true,
            Some(Cmd::Back) => return Outcome::Cancel,
            Some(Cmd::Newline) => {
                if self.field == Field::Text {
                    self.text.insert_newline();
                }
            }
            Some(Cmd::Save) => return self.submit(session, step, id, now),
            Some(Cmd::NextField) => self.step_field(true),
            Some(Cmd::PrevField) => self.step_field(false),
            Some(Cmd::ChoicePrev | Cmd::Up) if choice => self.choose(false),
            Some(Cmd::ChoiceNext | Cmd::Down) if choice => self.choose(true),
            Some(Cmd::Up | Cmd::Down) if self.field == Field::Proposer => {
                let n = session.find_participants(&self.proposer_query()).len();
                let down = cmd == Some(Cmd::Down);
                self.suggestion = match (self.suggestion, down) {
                    (_, _) if n == 0 => None,
                    (None, true) => Some(0),
                    (Some(i), true) => Some((i + 1).min(n - 1)),
                    (Some(0), false) | (None, false) => None,
                    (Some(i), false) => Some(i - 1),
                };
            }
            _ if choice => {}
            _ => {
                let is_proposer = self.field == Field::Proposer;
                if let Some(t) = self.input()
                    && t.input(key)
                {
                    self.error = None;
                    if is_proposer {
                        self.suggestion = None;
                    }
                }
            }
        }
        Outcome::Continue
    }

    /// The next (or previous) kind or section, on whichever of the two has the cursor.
    fn choose(&mut self, forward: bool) {
        let (index, len) = if self.field == Field::Kind {
            (&mut self.kind, self.kinds.len())
        } else {
            (&mut self.place, self.places.len())
        };
        Self::cycle(index, len, forward);
    }

    /// The proposer the form stands for: a picked roster match, an exact name from the roster,
    /// the original one if the name was not touched, or what was typed.
    pub fn proposer(&self, session: &Session) -> Proposer {
        let name = self.proposer_query().trim().to_string();
        let opd = self.opd.lines().join(" ").trim().to_string();
        let matches = session.find_participants(&name);
        let picked = self
            .suggestion
            .and_then(|i| matches.get(i).copied())
            .or_else(|| matches.iter().copied().find(|p| p.name.eq_ignore_ascii_case(&name)));
        if let Some(p) = picked {
            // What the user typed wins; the roster only fills an empty OPD.
            let opd = if opd.is_empty() { p.institution.clone() } else { opd };
            return Proposer::Person {
                id: Some(p.id.clone()),
                name: p.name.clone(),
                opd: (!opd.is_empty()).then_some(opd),
            };
        }
        if let Proposer::Person { id, name: old, .. } = &self.original_proposer
            && *old == name
        {
            return Proposer::Person {
                id: id.clone(),
                name,
                opd: (!opd.is_empty()).then_some(opd),
            };
        }
        Proposer::from_fields(&name, &opd)
    }

    fn submit(&mut self, session: &Session, step: &Step, id: EntryId, now: OffsetDateTime) -> Outcome {
        let Some(text) = clean_text(&self.text.lines().join("\n")) else {
            self.error = Some(FormError::EmptyText);
            self.field = Field::Text;
            return Outcome::Continue;
        };
        let chars = text.chars().count();
        if chars > crate::domain::entry::MAX_ENTRY_CHARS {
            self.error = Some(FormError::TooLong(chars));
            self.field = Field::Text;
            return Outcome::Continue;
        }
        let mut entry = match self.editing.as_deref().and_then(|id| session.entry(id)) {
            Some(old) => {
                let mut e = old.clone();
                e.updated = now;
                e
            }
            None => Entry::new(id, self.kind(), "", now),
        };
        entry.text = text;
        entry.kind = self.kind();
        entry.proposer = self.proposer(session);
        let keep_place = self.editing.is_some() && self.initial_place == Some(self.place);
        if !keep_place {
            grouping::place_entry(&mut entry, step, self.place());
        }
        Outcome::Save(Box::new(entry))
    }
}
