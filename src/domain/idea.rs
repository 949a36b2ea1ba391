//! Ideas sent from phones in the room. Each waits in the session's inbox until the facilitator
//! accepts it (it becomes an entry), merges it into an entry it repeats, or rejects it. Nothing
//! is ever dropped: pending and rejected ideas stay in the session file.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::grouping::{GroupKey, group_keys, place_entry};
use super::{Catalog, Entry, EntryId, Kind, Proposer, Session, Step};

/// The longest text a phone may send, in characters (shown on the phone page).
pub const MAX_IDEA_CHARS: usize = 1000;
/// The longest name or OPD a phone may send, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Ballots from phones name their voter so: `phone:<device id>`.
pub const PHONE_VOTER: &str = "phone:";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdeaStatus {
    #[default]
    Pending,
    /// Became the entry `Idea::entry`.
    Accepted,
    /// Repeats the entry `Idea::entry`, which was already there.
    Duplicate,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Idea {
    /// Our id (a ULID like an entry's).
    pub id: String,
    /// The id the phone chose, so a retry is recognised and stored once.
    pub client_id: String,
    /// The phone (its cookie), for blocking and for a retry.
    pub device: String,
    /// The agenda step the phone was answering.
    pub step: String,
    pub kind: Kind,
    /// The heading chosen on the phone: an element, aspect or dimension code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opd: String,
    #[serde(with = "time::serde::rfc3339")]
    pub received: OffsetDateTime,
    #[serde(default)]
    pub status: IdeaStatus,
    /// The entry it became or repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<EntryId>,
}

/// The room's settings for one session.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomSettings {
    /// Ideas become entries as they arrive, without the inbox.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub straight: bool,
    /// Devices whose ideas and votes are refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocked: Vec<String>,
}

impl RoomSettings {
    pub fn is_default(&self) -> bool {
        *self == RoomSettings::default()
    }
}

/// What a phone sends, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct IdeaForm {
    pub id: String,
    pub text: String,
    pub kind: String,
    pub element: String,
    pub name: String,
    pub opd: String,
    /// The step the phone showed; the current step when empty.
    pub step: String,
}

/// Why an idea from a phone is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdeaRefusal {
    NoId,
    NoText,
    TooLong,
    /// The step collects no such kind, or the heading is not one of the step's.
    BadKind,
    BadHeading,
    /// The step takes no ideas (or is gone).
    Closed,
    Blocked,
}

/// A heading's code as the phone knows it; `None` for the general heading.
pub fn heading_code(key: &GroupKey) -> Option<String> {
    match key {
        GroupKey::Element(c) => Some(c.clone()),
        GroupKey::Aspect(a) => Some(a.code().to_string()),
        GroupKey::Pillar(p) => Some(p.code().to_string()),
        GroupKey::PillarGeneral(_) | GroupKey::General => None,
    }
}

fn clip(s: &str, max: usize) -> String {
    s.trim().chars().take(max).collect()
}

/// Checks what a phone sent against the session and makes the idea of it.
pub fn check(
    form: &IdeaForm,
    device: &str,
    session: &Session,
    catalog: &Catalog,
    id: String,
    now: OffsetDateTime,
) -> Result<Idea, IdeaRefusal> {
    if session.room.blocked.iter().any(|d| d == device) {
        return Err(IdeaRefusal::Blocked);
    }
    let client_id = form.id.trim();
    if client_id.is_empty() || client_id.len() > 64 {
        return Err(IdeaRefusal::NoId);
    }
    let text = super::entry::clean_text(&form.text).ok_or(IdeaRefusal::NoText)?;
    if text.chars().count() > MAX_IDEA_CHARS {
        return Err(IdeaRefusal::TooLong);
    }
    let step = if form.step.trim().is_empty() {
        session.step()
    } else {
        session.agenda.steps.iter().find(|s| s.id == form.step.trim())
    }
    .ok_or(IdeaRefusal::Closed)?;
    let kind = match form.kind.trim() {
        "" => *step.collects.first().ok_or(IdeaRefusal::Closed)?,
        code => Kind::from_code(code)
            .filter(|k| step.collects.contains(k))
            .ok_or(IdeaRefusal::BadKind)?,
    };
    let heading = match form.element.trim() {
        "" => None,
        code => {
            let known = group_keys(step, session, catalog)
                .iter()
                .any(|k| heading_code(k).as_deref() == Some(code));
            if !known {
                return Err(IdeaRefusal::BadHeading);
            }
            Some(code.to_string())
        }
    };
    Ok(Idea {
        id,
        client_id: client_id.to_string(),
        device: device.to_string(),
        step: step.id.clone(),
        kind,
        heading,
        text,
        name: clip(&form.name, MAX_NAME_CHARS),
        opd: clip(&form.opd, MAX_NAME_CHARS),
        received: now,
        status: IdeaStatus::Pending,
        entry: None,
    })
}

impl Session {
    /// The idea a device already sent with this client id (a retry).
    pub fn idea_sent(&self, device: &str, client_id: &str) -> Option<&Idea> {
        self.ideas
            .iter()
            .rev()
            .find(|i| i.client_id == client_id.trim() && i.device == device)
    }

    pub fn pending_ideas(&self) -> usize {
        self.ideas.iter().filter(|i| i.status == IdeaStatus::Pending).count()
    }
}

/// The entry an idea becomes: placed under its heading on its step, attributed to who sent it,
/// marked as sent from a phone.
pub fn to_entry(idea: &Idea, session: &Session, catalog: &Catalog, id: EntryId, now: OffsetDateTime) -> Entry {
    let mut entry = Entry::new(id, idea.kind, idea.text.clone(), now);
    let step: Option<&Step> = session.agenda.steps.iter().find(|s| s.id == idea.step);
    if let Some(step) = step {
        let keys = group_keys(step, session, catalog);
        let key = keys
            .iter()
            .find(|k| heading_code(k).is_some() && heading_code(k) == idea.heading);
        place_entry(&mut entry, step, key);
    }
    entry.proposer = Proposer::from_fields(&idea.name, &idea.opd);
    entry.from_phone = true;
    entry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{catalog, now, session};

    fn form(text: &str) -> IdeaForm {
        IdeaForm {
            id: "c1".into(),
            text: text.into(),
            ..IdeaForm::default()
        }
    }

    #[test]
    fn an_idea_takes_the_current_step_and_its_first_kind() {
        let mut s = session();
        let step = s
            .agenda
            .steps
            .iter()
            .position(|st| !st.collects.is_empty())
            .expect("a step that collects");
        s.current_step = step;
        let idea = check(
            &form("  Aplikasi antrean puskesmas "),
            "d1",
            &s,
            &catalog(),
            "i1".into(),
            now(),
        )
        .expect("accepted");
        assert_eq!(idea.text, "Aplikasi antrean puskesmas");
        assert_eq!(idea.kind, s.agenda.steps[step].collects[0]);
        assert_eq!(idea.step, s.agenda.steps[step].id);
        let entry = to_entry(&idea, &s, &catalog(), "e1".into(), now());
        assert!(entry.from_phone);
        assert_eq!(entry.text, idea.text);
    }

    #[test]
    fn refusals_name_the_problem() {
        let mut s = session();
        s.current_step = s
            .agenda
            .steps
            .iter()
            .position(|st| !st.collects.is_empty())
            .expect("a step that collects");
        let c = catalog();
        let check = |f: &IdeaForm, d: &str, s: &Session| check(f, d, s, &c, "i".into(), now());
        assert_eq!(check(&form("   "), "d", &s), Err(IdeaRefusal::NoText));
        assert_eq!(check(&form(&"x".repeat(1001)), "d", &s), Err(IdeaRefusal::TooLong));
        let mut f = form("ok");
        f.id.clear();
        assert_eq!(check(&f, "d", &s), Err(IdeaRefusal::NoId));
        let mut f = form("ok");
        f.element = "../etc".into();
        assert_eq!(check(&f, "d", &s), Err(IdeaRefusal::BadHeading));
        let mut f = form("ok");
        f.kind = "nonsense".into();
        assert_eq!(check(&f, "d", &s), Err(IdeaRefusal::BadKind));
        s.room.blocked.push("d".into());
        assert_eq!(check(&form("ok"), "d", &s), Err(IdeaRefusal::Blocked));
    }
}
