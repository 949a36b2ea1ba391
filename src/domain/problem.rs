//! What can be wrong in a session or template file. Each problem is named here with the values
//! it needs; its words come from the UI catalog (`i18n::describe`), so the facilitator reads it
//! in the language of the screen. `Display` gives the English words.

/// What the operating system said went wrong with a file, kept as it came until it is shown:
/// the usual kinds are worded in the screen's language (`Strings::os_error`), the system's own
/// (English) text follows as a detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsError {
    pub kind: OsKind,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OsKind {
    NotFound,
    NoPermission,
    /// A write-protected USB stick, a read-only share or file system.
    ReadOnly,
    DiskFull,
    /// Another program holds the file (Windows sharing violations, busy devices).
    InUse,
    Other,
}

impl OsError {
    pub fn of(e: &std::io::Error) -> OsError {
        use std::io::ErrorKind as K;
        let kind = match e.kind() {
            K::NotFound => OsKind::NotFound,
            K::PermissionDenied => OsKind::NoPermission,
            K::ReadOnlyFilesystem => OsKind::ReadOnly,
            K::StorageFull | K::QuotaExceeded => OsKind::DiskFull,
            K::ResourceBusy | K::ExecutableFileBusy => OsKind::InUse,
            // Windows: ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33).
            _ if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) => OsKind::InUse,
            _ => OsKind::Other,
        };
        OsError {
            kind,
            detail: e.to_string(),
        }
    }
}

impl OsError {
    /// Whether the place cannot be written at all (rather than failing this once).
    pub fn cannot_write(&self) -> bool {
        matches!(self.kind, OsKind::ReadOnly | OsKind::NoPermission)
    }
}

impl From<std::io::Error> for OsError {
    fn from(e: std::io::Error) -> OsError {
        OsError::of(&e)
    }
}

/// A problem of no known kind, in the system's words (what tests and other layers pass on).
impl From<String> for OsError {
    fn from(detail: String) -> OsError {
        OsError {
            kind: OsKind::Other,
            detail,
        }
    }
}

impl From<&str> for OsError {
    fn from(detail: &str) -> OsError {
        OsError::from(detail.to_string())
    }
}

impl std::fmt::Display for OsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

/// A problem found while reading a session or template file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The text is not valid RON; `detail` is the parser's own (English) words.
    Syntax {
        detail: String,
    },
    /// The file could not be read.
    Io(OsError),
    Folder,
    TooBig {
        mib: u64,
        max_mib: u64,
    },
    NotUtf8,
    NewerSchema {
        found: u32,
        supported: u32,
    },
    SchemaZero,
    /// A problem with one entry.
    Entry {
        id: String,
        problem: Box<Problem>,
    },
    ProgramScore {
        field: &'static str,
        value: u8,
    },
    ProgramYear {
        year: u16,
    },
    VoteBudget {
        round: String,
        budget: u32,
        max: u32,
    },
    CurrentStepPast {
        step: usize,
        last: usize,
    },
    ParticipantIdTwice {
        id: String,
    },
    EntryIdEmpty,
    IdTwice {
        id: String,
    },
    EntryNoText,
    EntryTooLong {
        chars: usize,
        max: usize,
    },
    UnknownElement {
        code: String,
    },
    ElementNotOfPillar {
        code: String,
        pillar: String,
    },
    UnknownSubAspect {
        sub: String,
    },
    ScoreRange {
        sub: String,
        score: u8,
    },
    NoSteps,
    ElementBadCode {
        code: String,
        pillars: String,
    },
    ElementTwice {
        code: String,
    },
    ElementNoName {
        code: String,
        pillar: String,
    },
    StepIdEmpty,
    StepIdTwice {
        id: String,
    },
    StepNoTitle {
        id: String,
    },
    StepTooLong {
        id: String,
        minutes: u32,
        max: u32,
    },
    PillarStepNoPillar {
        id: String,
    },
    PillarOnNonPillarStep {
        id: String,
    },
    /// The Kemendagri region code is not of the form `NN` or `NN.NN` with a known province.
    RegionCode {
        code: String,
    },
}

impl Problem {
    /// The problem's key in the catalog's `problems` and the values its words take.
    pub fn parts(&self) -> (&'static str, Vec<(&'static str, String)>) {
        use Problem as P;
        let s = |v: &dyn ToString| v.to_string();
        match self {
            P::Syntax { detail } => ("syntax", vec![("detail", s(detail))]),
            // The system's problem is worded by `i18n::describe`.
            P::Io(_) => ("io", vec![]),
            P::Folder => ("folder", vec![]),
            P::TooBig { mib, max_mib } => ("too_big", vec![("mib", s(mib)), ("max", s(max_mib))]),
            P::NotUtf8 => ("not_utf8", vec![]),
            P::NewerSchema { found, supported } => {
                ("newer_schema", vec![("found", s(found)), ("supported", s(supported))])
            }
            P::SchemaZero => ("schema_zero", vec![]),
            // The inner problem is filled in by `i18n::describe`.
            P::Entry { id, .. } => ("entry", vec![("id", s(id))]),
            P::ProgramScore { field, value } => ("program_score", vec![("field", s(field)), ("value", s(value))]),
            P::ProgramYear { year } => ("program_year", vec![("year", s(year))]),
            P::VoteBudget { round, budget, max } => (
                "vote_budget",
                vec![("round", s(round)), ("budget", s(budget)), ("max", s(max))],
            ),
            P::CurrentStepPast { step, last } => ("current_step_past", vec![("step", s(step)), ("last", s(last))]),
            P::ParticipantIdTwice { id } => ("participant_id_twice", vec![("id", s(id))]),
            P::EntryIdEmpty => ("entry_id_empty", vec![]),
            P::IdTwice { id } => ("id_twice", vec![("id", s(id))]),
            P::EntryNoText => ("entry_no_text", vec![]),
            P::EntryTooLong { chars, max } => ("entry_too_long", vec![("chars", s(chars)), ("max", s(max))]),
            P::UnknownElement { code } => ("unknown_element", vec![("code", s(code))]),
            P::ElementNotOfPillar { code, pillar } => {
                ("element_not_of_pillar", vec![("code", s(code)), ("pillar", s(pillar))])
            }
            P::UnknownSubAspect { sub } => ("unknown_sub_aspect", vec![("sub", s(sub))]),
            P::ScoreRange { sub, score } => ("score_range", vec![("sub", s(sub)), ("score", s(score))]),
            P::NoSteps => ("no_steps", vec![]),
            P::ElementBadCode { code, pillars } => {
                ("element_bad_code", vec![("code", s(code)), ("pillars", s(pillars))])
            }
            P::ElementTwice { code } => ("element_twice", vec![("code", s(code))]),
            P::ElementNoName { code, pillar } => ("element_no_name", vec![("code", s(code)), ("pillar", s(pillar))]),
            P::StepIdEmpty => ("step_id_empty", vec![]),
            P::StepIdTwice { id } => ("step_id_twice", vec![("id", s(id))]),
            P::StepNoTitle { id } => ("step_no_title", vec![("id", s(id))]),
            P::StepTooLong { id, minutes, max } => (
                "step_too_long",
                vec![("id", s(id)), ("minutes", s(minutes)), ("max", s(max))],
            ),
            P::PillarStepNoPillar { id } => ("pillar_step_no_pillar", vec![("id", s(id))]),
            P::PillarOnNonPillarStep { id } => ("pillar_on_non_pillar_step", vec![("id", s(id))]),
            P::RegionCode { code } => ("region_code", vec![("code", s(code))]),
        }
    }

    /// One of each kind, for the test that every kind has words in every catalog.
    pub fn examples() -> Vec<Problem> {
        let t = || "x".to_string();
        vec![
            Problem::Syntax { detail: t() },
            Problem::Io(OsError::from(t())),
            Problem::Folder,
            Problem::TooBig { mib: 70, max_mib: 64 },
            Problem::NotUtf8,
            Problem::NewerSchema { found: 9, supported: 2 },
            Problem::SchemaZero,
            Problem::Entry {
                id: t(),
                problem: Box::new(Problem::EntryNoText),
            },
            Problem::ProgramScore {
                field: "impact",
                value: 9,
            },
            Problem::ProgramYear { year: 1900 },
            Problem::VoteBudget {
                round: t(),
                budget: 0,
                max: 20,
            },
            Problem::CurrentStepPast { step: 9, last: 3 },
            Problem::ParticipantIdTwice { id: t() },
            Problem::EntryIdEmpty,
            Problem::IdTwice { id: t() },
            Problem::EntryNoText,
            Problem::EntryTooLong { chars: 9, max: 1 },
            Problem::UnknownElement { code: t() },
            Problem::ElementNotOfPillar { code: t(), pillar: t() },
            Problem::UnknownSubAspect { sub: t() },
            Problem::ScoreRange { sub: t(), score: 9 },
            Problem::NoSteps,
            Problem::ElementBadCode {
                code: t(),
                pillars: t(),
            },
            Problem::ElementTwice { code: t() },
            Problem::ElementNoName { code: t(), pillar: t() },
            Problem::StepIdEmpty,
            Problem::StepIdTwice { id: t() },
            Problem::StepNoTitle { id: t() },
            Problem::StepTooLong {
                id: t(),
                minutes: 9999,
                max: 1440,
            },
            Problem::PillarStepNoPillar { id: t() },
            Problem::PillarOnNonPillarStep { id: t() },
            Problem::RegionCode { code: t() },
        ]
    }
}
