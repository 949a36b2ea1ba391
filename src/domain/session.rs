use std::fmt;
use std::str::FromStr;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::commitment::Commitment;
use super::readiness::Score;
use super::vote::VoteRound;
use super::{ElementDef, Entry, Kind, ParticipantId, Pillar, Stage, Text};

/// The version of the session file this build writes.
pub const SCHEMA_VERSION: u32 = 3;

/// A calendar date written as `YYYY-MM-DD` in files and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SessionDate(pub Date);

const DATE_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl FromStr for SessionDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Date::parse(s.trim(), DATE_FORMAT)
            .map(SessionDate)
            .map_err(|_| format!("'{s}' is not a date of the form YYYY-MM-DD"))
    }
}

impl TryFrom<String> for SessionDate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<SessionDate> for String {
    fn from(d: SessionDate) -> String {
        d.to_string()
    }
}

impl fmt::Display for SessionDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Region head, deputy, Sekda: the leadership of the region.
    Leader,
    Mentor,
    Facilitator,
    /// Dewan Smart City.
    Council,
    /// Tim Pelaksana.
    Team,
    #[default]
    Staff,
    Observer,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Leader,
        Role::Mentor,
        Role::Facilitator,
        Role::Council,
        Role::Team,
        Role::Staff,
        Role::Observer,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    /// The agency (OPD) or institution the person speaks for.
    #[serde(default)]
    pub institution: String,
    #[serde(default)]
    pub role: Role,
    #[serde(default = "yes")]
    pub present: bool,
    /// The stage this participant was carried over from (schema 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_stage: Option<Stage>,
    /// Carried from an earlier stage and nobody has taken this stage's attendance of them yet:
    /// neither present nor absent. Marking attendance clears it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unrecorded: bool,
}

fn yes() -> bool {
    true
}

/// What a step of the agenda is for; each has its own way of grouping what the room says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// Opening, objectives, presentations: a prompt and notes.
    Info,
    /// The six pillars at a glance.
    Pillars,
    /// Readiness analysis: entries grouped by Struktur / Infrastruktur / Suprastruktur.
    Readiness,
    /// One pillar: entries grouped by its elements.
    Pillar,
    /// Looking back across pillars (choosing ideas, reviewing programs): grouped by pillar.
    Review,
    /// Counts of what was recorded.
    Summary,
    /// Bimtek IV: each OPD's commitments (schema 2).
    Commitments,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable within the agenda, e.g. `pillar-governance`.
    pub id: String,
    pub kind: StepKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pillar: Option<Pillar>,
    pub title: Text,
    #[serde(default)]
    pub prompt: Text,
    /// For the facilitator's eyes only.
    #[serde(default)]
    pub notes: Text,
    /// Planned duration.
    pub minutes: u32,
    /// The kinds of entry this step records, the first being the default.
    #[serde(default)]
    pub collects: Vec<Kind>,
    /// Time actually spent on the step, not counting a run still going (see
    /// `Session::timer_started`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub spent_seconds: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// The template the agenda came from.
    pub name: Text,
    /// Elements the region added to the standard eighteen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<ElementDef>,
    pub steps: Vec<Step>,
}

impl Agenda {
    pub fn planned_minutes(&self) -> u32 {
        self.steps.iter().map(|s| s.minutes).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub schema_version: u32,
    pub id: String,
    pub title: String,
    pub region: String,
    /// The Kemendagri code of the region, `82.03` (see `domain::region`); the national dataset
    /// keys regions by it. Optional: older files and regions not yet coded have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    pub stage: Stage,
    pub date: SessionDate,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub facilitators: Vec<String>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    pub agenda: Agenda,
    #[serde(default)]
    pub current_step: usize,
    /// Each entry behind its own `Arc`, so that handing the session to the writer thread is a
    /// copy of pointers rather than of every text (see `store::writer`).
    #[serde(default)]
    pub entries: Vec<Arc<Entry>>,
    /// The readiness self-assessment (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readiness: Vec<Score>,
    /// Dot-voting rounds (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<VoteRound>,
    /// OPD commitments, Bimtek IV (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
    /// When the current step's timer was started; `None` while it is paused (schema 2).
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub timer_started: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
    /// Ids of the sessions this one was carried forward from, oldest first (schema 2). Copies of
    /// one file share its `id`; sessions that share an id or an ancestor may be merged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<String>,
    /// Ideas sent from phones in the room, whatever became of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ideas: Vec<super::idea::Idea>,
    /// The room's settings (ideas straight on screen, blocked devices).
    #[serde(default, skip_serializing_if = "super::idea::RoomSettings::is_default")]
    pub room: super::idea::RoomSettings,
}

/// What `bimtek new` and the home screen's form ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub region: String,
    pub stage: Stage,
    pub date: SessionDate,
    pub venue: String,
    pub title: Option<String>,
    /// The ministry mentors (tim pembimbing) who guide the session.
    pub mentors: Vec<String>,
    /// Already checked (`domain::region::check`).
    pub region_code: Option<String>,
}

impl Session {
    pub fn new(id: String, spec: NewSession, agenda: Agenda, now: OffsetDateTime) -> Session {
        let title = spec
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| default_title(&spec.region, spec.stage));
        Session {
            schema_version: SCHEMA_VERSION,
            id,
            title,
            region: spec.region.trim().to_string(),
            region_code: spec.region_code,
            stage: spec.stage,
            date: spec.date,
            venue: spec.venue.trim().to_string(),
            facilitators: spec
                .mentors
                .iter()
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect(),
            participants: Vec::new(),
            agenda,
            current_step: 0,
            entries: Vec::new(),
            readiness: Vec::new(),
            votes: Vec::new(),
            commitments: Vec::new(),
            timer_started: None,
            created: now,
            updated: now,
            lineage: Vec::new(),
            ideas: Vec::new(),
            room: super::idea::RoomSettings::default(),
        }
    }

    pub fn step(&self) -> Option<&Step> {
        self.agenda.steps.get(self.current_step)
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id).map(|e| &**e)
    }

    pub fn entry_index(&self, id: &str) -> Option<usize> {
        // From the end: the entries edited, deleted and undone most are the recent ones.
        self.entries.iter().rposition(|e| e.id == id)
    }

    /// The file name a new session gets: a slug of region, stage and date.
    pub fn file_stem(&self) -> String {
        file_stem(&self.region, self.stage, self.date)
    }
}

pub fn default_title(region: &str, stage: Stage) -> String {
    format!("Bimtek {} Masterplan Smart City {}", stage.roman(), region.trim())
}

/// `kabupaten-halmahera-utara-bimtek-1-2021-09-07`. Only ASCII letters, digits and dashes, so the
/// name can never leave the sessions folder or trip over a file system's rules.
pub fn file_stem(region: &str, stage: Stage, date: SessionDate) -> String {
    let mut slug = String::new();
    for c in region.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "sesi" } else { slug };
    format!("{slug}-bimtek-{}-{date}", stage.number())
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> SessionDate {
        s.parse().expect("valid date")
    }

    #[test]
    fn file_stem_is_a_safe_slug() {
        let s = Stage::new(1).expect("stage");
        assert_eq!(
            file_stem("Kabupaten Halmahera Utara", s, date("2021-09-07")),
            "kabupaten-halmahera-utara-bimtek-1-2021-09-07"
        );
        assert_eq!(
            file_stem("../../etc/passwd", s, date("2021-09-07")),
            "etc-passwd-bimtek-1-2021-09-07"
        );
        assert_eq!(file_stem("///", s, date("2021-09-07")), "sesi-bimtek-1-2021-09-07");
        assert_eq!(
            file_stem("Kota Baubau", s, date("2021-09-07")),
            "kota-baubau-bimtek-1-2021-09-07"
        );
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(date("2021-09-07").to_string(), "2021-09-07");
        assert!("2021-13-01".parse::<SessionDate>().is_err());
        assert!("7/9/2021".parse::<SessionDate>().is_err());
    }
}

impl Session {
    /// Participants whose name or institution contains `query` (case-insensitive), best first:
    /// names that start with it, then the rest.
    pub fn find_participants(&self, query: &str) -> Vec<&Participant> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u8, &Participant)> = self
            .participants
            .iter()
            .filter_map(|p| {
                let name = p.name.to_lowercase();
                if name.starts_with(&q) {
                    Some((0, p))
                } else if name.contains(&q) || p.institution.to_lowercase().contains(&q) {
                    Some((1, p))
                } else {
                    None
                }
            })
            .collect();
        found.sort_by_key(|(rank, _)| *rank);
        found.into_iter().map(|(_, p)| p).collect()
    }
}

#[cfg(test)]
mod roster_tests {
    use crate::domain::test_support::session;
    use crate::domain::{Participant, Role};

    #[test]
    fn participants_are_found_by_part_of_name_or_agency() {
        let mut s = session();
        for (id, name, inst) in [("1", "Deky Tawaris", "Dinas Kominfo"), ("2", "Ani Kominfo", "Bappeda")] {
            s.participants.push(Participant {
                id: id.into(),
                name: name.into(),
                institution: inst.into(),
                role: Role::Staff,
                present: true,
                from_stage: None,
                unrecorded: false,
            });
        }
        let names = |q: &str| {
            s.find_participants(q)
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("deky"), ["Deky Tawaris"]);
        assert_eq!(names("ani"), ["Ani Kominfo"]);
        assert_eq!(names("kominfo"), ["Deky Tawaris", "Ani Kominfo"]);
        assert_eq!(names("bappeda"), ["Ani Kominfo"]);
        assert!(names("  ").is_empty());
    }
}

/// What the home screen and `bimtek list` show of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    pub title: String,
    pub region: String,
    pub stage: Stage,
    pub date: SessionDate,
    pub entries: usize,
    pub participants: usize,
    pub steps: usize,
    pub updated: OffsetDateTime,
    /// The session's id and the ids it was carried from: what tells whether two sessions
    /// come from the same one and may be merged (see `merge::related`).
    pub origins: Vec<String>,
}

impl SessionSummary {
    /// Whether the two sessions come from the same session (share an id or an ancestor).
    pub fn related(&self, other: &SessionSummary) -> bool {
        self.origins.iter().any(|o| other.origins.contains(o))
    }
}

impl Session {
    pub fn summary(&self) -> SessionSummary {
        SessionSummary {
            title: self.title.clone(),
            region: self.region.clone(),
            stage: self.stage,
            date: self.date,
            entries: self.entries.len(),
            participants: self.participants.len(),
            steps: self.agenda.steps.len(),
            updated: self.updated,
            origins: std::iter::once(self.id.clone())
                .chain(self.lineage.iter().cloned())
                .collect(),
        }
    }
}
