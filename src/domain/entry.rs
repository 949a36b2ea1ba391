use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Aspect, EntryId, Kind, ParticipantId, Pillar};

/// Who said it. A person is kept by name as well as by roster id, so that an entry stays
/// attributed after the participant leaves the roster.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Proposer {
    #[default]
    Anonymous,
    /// An agency (OPD) speaking as a whole.
    Opd(String),
    Person {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<ParticipantId>,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        opd: Option<String>,
    },
}

impl Proposer {
    /// Builds a proposer from the two free-text fields a form or a CSV row has.
    pub fn from_fields(name: &str, opd: &str) -> Proposer {
        let (name, opd) = (name.trim(), opd.trim());
        match (name.is_empty(), opd.is_empty()) {
            (true, true) => Proposer::Anonymous,
            (true, false) => Proposer::Opd(opd.to_string()),
            (false, _) => Proposer::Person {
                id: None,
                name: name.to_string(),
                opd: (!opd.is_empty()).then(|| opd.to_string()),
            },
        }
    }

    pub fn name(&self) -> Option<&str> {
        match self {
            Proposer::Person { name, .. } => Some(name),
            _ => None,
        }
    }

    pub fn opd(&self) -> Option<&str> {
        match self {
            Proposer::Opd(o) => Some(o),
            Proposer::Person { opd, .. } => opd.as_deref(),
            Proposer::Anonymous => None,
        }
    }

    /// "Name (OPD)", "OPD" or nothing, for one line on screen.
    pub fn label(&self) -> Option<String> {
        match self {
            Proposer::Anonymous => None,
            Proposer::Opd(o) => Some(o.clone()),
            Proposer::Person { name, opd: Some(o), .. } => Some(format!("{name} ({o})")),
            Proposer::Person { name, opd: None, .. } => Some(name.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: EntryId,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pillar: Option<Pillar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect: Option<Aspect>,
    pub text: String,
    #[serde(default)]
    pub proposer: Proposer,
    /// Program details (schema 2); only program entries carry them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<super::program::ProgramInfo>,
    /// The stage this entry was carried over from (schema 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_stage: Option<super::Stage>,
    /// The agenda step (its id) a general entry, of no pillar and no aspect, was recorded on,
    /// so that a note of the opening does not also show on every other step that takes notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Illustrative content (the sample session), not something a room said.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    /// Sent from a phone in the room (accepted from the inbox).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_phone: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
}

impl Entry {
    pub fn new(id: EntryId, kind: Kind, text: impl Into<String>, now: OffsetDateTime) -> Entry {
        Entry {
            id,
            kind,
            pillar: None,
            element: None,
            aspect: None,
            text: text.into(),
            proposer: Proposer::Anonymous,
            program: None,
            from_stage: None,
            step: None,
            example: false,
            from_phone: false,
            created: now,
            updated: now,
        }
    }
}

/// The longest text one entry may have, in characters. A spoken remark is a few hundred; the
/// limit only stops a stray paste of a whole document from freezing the screen or the file.
pub const MAX_ENTRY_CHARS: usize = 100_000;

/// Text as it will be stored: line ends normalised, trailing blanks trimmed. `None` when nothing
/// but whitespace is left, since an empty entry is never saved.
pub fn clean_text(raw: &str) -> Option<String> {
    let joined = raw.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = joined.lines().map(str::trim_end).collect();
    let text = lines.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposer_from_fields() {
        assert_eq!(Proposer::from_fields(" ", ""), Proposer::Anonymous);
        assert_eq!(Proposer::from_fields("", "Bappeda"), Proposer::Opd("Bappeda".into()));
        let p = Proposer::from_fields("Ani", "Dinas Kominfo");
        assert_eq!(p.label().as_deref(), Some("Ani (Dinas Kominfo)"));
        assert_eq!(p.opd(), Some("Dinas Kominfo"));
    }

    #[test]
    fn clean_text_keeps_lines_and_rejects_blank() {
        assert_eq!(clean_text("  \n\t "), None);
        assert_eq!(clean_text("a  \r\nb\r\n\n").as_deref(), Some("a\nb"));
    }
}
