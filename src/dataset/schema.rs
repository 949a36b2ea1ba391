//! The tables of the dataset: columns, types, keys. The one description that the Parquet and CSV
//! writers, `datapackage.json` and the README in the output folder are all made from.

/// A column's type, as Frictionless names it. In Parquet: `String` is a UTF-8 byte array,
/// `Integer` a 64-bit integer, `Date` a date (days), `Timestamp` microseconds in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
    Boolean,
    Date,
    Timestamp,
}

impl Type {
    /// The Frictionless Table Schema type.
    pub fn frictionless(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Boolean => "boolean",
            Type::Date => "date",
            Type::Timestamp => "datetime",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    /// Never empty (null).
    pub required: bool,
    pub description: &'static str,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ForeignKey {
    pub fields: &'static [&'static str],
    pub table: &'static str,
    pub reference: &'static [&'static str],
}

#[derive(Debug, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub description: &'static str,
    pub fields: &'static [Field],
    pub primary_key: &'static [&'static str],
    pub foreign_keys: &'static [ForeignKey],
}

impl Table {
    pub fn index(&self, field: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == field)
    }
}

const fn req(name: &'static str, ty: Type, description: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        description,
    }
}

const fn opt(name: &'static str, ty: Type, description: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        description,
    }
}

use Type::{Boolean as B, Date as D, Integer as I, String as S, Timestamp as T};

const SESSION_ID: Field = req("session_id", S, "The session's id (a ULID from its file).");
const TO_SESSION: ForeignKey = ForeignKey {
    fields: &["session_id"],
    table: "sessions",
    reference: &["session_id"],
};
const TO_ENTRY: ForeignKey = ForeignKey {
    fields: &["session_id", "entry_id"],
    table: "entries",
    reference: &["session_id", "entry_id"],
};
const FROM_STAGE: Field = opt(
    "from_stage",
    I,
    "The stage (1-4) this row was carried over from; empty when recorded in this session.",
);

pub const SESSIONS: Table = Table {
    name: "sessions",
    description: "One row per workshop session (one Bimtek of one region).",
    fields: &[
        SESSION_ID,
        req(
            "masterplan_id",
            S,
            "The first session of the masterplan this one continues (its lineage root); the stages of one region's masterplan share it.",
        ),
        req(
            "region_key",
            S,
            "The region: its Kemendagri code where this session or another stage of its masterplan has one, else its name.",
        ),
        opt(
            "region_code",
            S,
            "The Kemendagri code recorded in this session: 82.03 (regency/city) or 82 (province).",
        ),
        req("region_name", S, "The regency or city as written in the session."),
        opt("province_code", S, "The province part of the region key's code (82)."),
        opt("province_name", S, "The province's name for that code (Maluku Utara)."),
        req("stage", I, "Bimtek stage, 1 to 4."),
        req("date", D, "The day of the session."),
        req("title", S, "The session's title."),
        opt("venue", S, "Where it was held."),
        req("agenda", S, "The name of the agenda template."),
        req("entries", I, "Number of entries (rows in entries)."),
        req("participants", I, "Number of participants on the roster."),
        req("created", T, "When the session file was created (UTC)."),
        req("updated", T, "When it was last changed (UTC)."),
        req("file_name", S, "The session file's name (without its folder)."),
    ],
    primary_key: &["session_id"],
    foreign_keys: &[],
};

pub const PARTICIPANTS: Table = Table {
    name: "participants",
    description: "The roster of each session.",
    fields: &[
        SESSION_ID,
        req(
            "participant_id",
            S,
            "The participant's id; the same person keeps it in later stages.",
        ),
        req(
            "person",
            S,
            "Pseudonym of the person's name: a keyed hash, the same for one name across the stages of one masterplan, different in another.",
        ),
        opt(
            "name",
            S,
            "The name; empty unless the dataset was made with --with-names.",
        ),
        opt("institution", S, "The agency (OPD) or institution."),
        req(
            "role",
            S,
            "leader, mentor, facilitator, council, team, staff or observer.",
        ),
        req("present", B, "Marked present."),
        FROM_STAGE,
    ],
    primary_key: &["session_id", "participant_id"],
    foreign_keys: &[TO_SESSION],
};

pub const ENTRIES: Table = Table {
    name: "entries",
    description: "Everything the room said: problems, potentials, program ideas, SWOT, vision keywords, notes, commitments.",
    fields: &[
        SESSION_ID,
        req(
            "entry_id",
            S,
            "The entry's id; an entry carried into a later stage keeps it, so (session_id, entry_id) is the key.",
        ),
        req(
            "kind",
            S,
            "strength, weakness, opportunity, threat, strategy_so, strategy_wo, strategy_st, strategy_wt, problem, potential, program, vision, note or commitment.",
        ),
        opt(
            "pillar",
            S,
            "Smart City dimension: governance, branding, economy, living, society, environment.",
        ),
        opt("element", S, "Element of the dimension, e.g. governance.service."),
        opt(
            "aspect",
            S,
            "Readiness aspect of a SWOT entry: struktur, infrastruktur, suprastruktur.",
        ),
        req("text", S, "What was said."),
        req("proposer_type", S, "anonymous, opd (an agency as a whole) or person."),
        opt(
            "proposer_participant_id",
            S,
            "The proposer on this session's roster, if linked.",
        ),
        opt(
            "proposer_person",
            S,
            "Pseudonym of the proposer's name (see participants.person).",
        ),
        opt(
            "proposer_name",
            S,
            "The proposer's name; empty unless made with --with-names.",
        ),
        opt("opd", S, "The agency (OPD) the proposer spoke for."),
        FROM_STAGE,
        req(
            "example",
            B,
            "Illustrative content (the sample session), not said by a room.",
        ),
        req("created", T, "When it was recorded (UTC)."),
        req("updated", T, "When it was last changed (UTC)."),
    ],
    primary_key: &["session_id", "entry_id"],
    foreign_keys: &[
        TO_SESSION,
        ForeignKey {
            fields: &["session_id", "proposer_participant_id"],
            table: "participants",
            reference: &["session_id", "participant_id"],
        },
    ],
};

pub const PROGRAMS: Table = Table {
    name: "programs",
    description: "Details of every program idea (entries of kind program); the title is entries.text.",
    fields: &[
        SESSION_ID,
        req("entry_id", S, "The program's entry."),
        opt("pillar", S, "Its dimension (as in entries)."),
        opt("description", S, "Longer description."),
        opt("opd", S, "The agency (OPD) in charge."),
        opt("horizon", S, "Roadmap horizon: short (1 year), medium (5), long (10)."),
        opt("target_year", I, "Target year."),
        opt("budget", S, "Budget source: apbd, apbn, csr, kpbu, other."),
        opt("plan_link", S, "The RPJMD program or Renstra item it serves."),
        opt("innovation", S, "program, produk, metode, konseptual, teknologi."),
        opt("impact", I, "Impact, 1-5."),
        opt("effort", I, "Effort, 1-5."),
        req("quick_win", B, "Chosen as a quick win."),
        opt("status", S, "idea, chosen, planned, running, done, dropped."),
        req("votes", I, "Dots it received, summed over the session's voting rounds."),
    ],
    primary_key: &["session_id", "entry_id"],
    foreign_keys: &[TO_SESSION, TO_ENTRY],
};

pub const VOTES: Table = Table {
    name: "votes",
    description: "Dot voting: one row per round and entry voted for.",
    fields: &[
        SESSION_ID,
        req("round_id", S, "The voting round."),
        req("entry_id", S, "The entry voted for."),
        opt("step_id", S, "The agenda step the round was held on."),
        req("votes", I, "All dots on the entry in the round."),
        req("voters", I, "Participants who put a dot on it."),
        req(
            "tally",
            I,
            "Dots counted without a voter (paper dots, a show of hands).",
        ),
        req("budget", I, "Dots each participant had."),
        req("revealed", B, "Whether the ranking was shown to the room."),
    ],
    primary_key: &["session_id", "round_id", "entry_id"],
    foreign_keys: &[
        TO_SESSION,
        TO_ENTRY,
        ForeignKey {
            fields: &["session_id", "step_id"],
            table: "agenda",
            reference: &["session_id", "step_id"],
        },
    ],
};

pub const READINESS: Table = Table {
    name: "readiness",
    description: "Readiness self-assessment: a 1-5 score per sub-aspect, for the region or one dimension (the workshop's own scale, not an official one).",
    fields: &[
        SESSION_ID,
        req(
            "sub_aspect",
            S,
            "e.g. struktur.sdm, infrastruktur.digital, suprastruktur.regulasi.",
        ),
        req("scope", S, "region (the region as a whole) or a dimension code."),
        req("aspect", S, "struktur, infrastruktur or suprastruktur."),
        opt("pillar", S, "The dimension, when scope is one."),
        req("score", I, "1 to 5."),
        opt("note", S, "Why."),
        FROM_STAGE,
    ],
    primary_key: &["session_id", "sub_aspect", "scope"],
    foreign_keys: &[TO_SESSION],
};

pub const COMMITMENTS: Table = Table {
    name: "commitments",
    description: "Bimtek IV commitments: one row per OPD commitment and program committed to.",
    fields: &[
        SESSION_ID,
        req("commitment_id", S, "The commitment (one per OPD signature)."),
        req(
            "line",
            I,
            "1, 2, ... for each program of the commitment; 1 for a commitment with no program.",
        ),
        req("opd", S, "The agency (OPD) committing."),
        opt("entry_id", S, "The program entry committed to."),
        opt("signer_person", S, "Pseudonym of the signer's name."),
        opt("signer", S, "The signer's name; empty unless made with --with-names."),
        opt("signed", D, "Date of signing."),
        opt("note", S, "Note."),
    ],
    primary_key: &["session_id", "commitment_id", "line"],
    foreign_keys: &[TO_SESSION, TO_ENTRY],
};

pub const AGENDA: Table = Table {
    name: "agenda",
    description: "Each session's agenda: steps in order with planned and actual time.",
    fields: &[
        SESSION_ID,
        req("step_id", S, "The step's id within the agenda."),
        req("position", I, "1, 2, ... in agenda order."),
        req(
            "kind",
            S,
            "info, pillars, readiness, pillar, review, summary or commitments.",
        ),
        opt("pillar", S, "The dimension of a pillar step."),
        req("title", S, "Title in Bahasa Indonesia."),
        opt("title_en", S, "Title in English."),
        req("planned_minutes", I, "Planned duration."),
        req(
            "actual_seconds",
            I,
            "Time recorded on the step's timer (a run still going is not counted).",
        ),
        req("actual_minutes", I, "The same, rounded to whole minutes."),
    ],
    primary_key: &["session_id", "step_id"],
    foreign_keys: &[TO_SESSION],
};

pub const LINEAGE: Table = Table {
    name: "lineage",
    description: "Stage links: the sessions each session was carried forward from, oldest first.",
    fields: &[
        SESSION_ID,
        req(
            "position",
            I,
            "1 for the oldest (the masterplan's first session), up to the direct predecessor.",
        ),
        req("ancestor_id", S, "The earlier session's id."),
        req("parent", B, "The direct predecessor (the session it was made from)."),
        req(
            "in_dataset",
            B,
            "Whether that earlier session is in this dataset (then it is a sessions.session_id).",
        ),
    ],
    primary_key: &["session_id", "position"],
    foreign_keys: &[TO_SESSION],
};

/// Every table, in the order the files are listed and described.
pub const TABLES: [&Table; 9] = [
    &SESSIONS,
    &PARTICIPANTS,
    &ENTRIES,
    &PROGRAMS,
    &VOTES,
    &READINESS,
    &COMMITMENTS,
    &AGENDA,
    &LINEAGE,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_columns_that_exist_and_are_required() {
        for t in TABLES {
            for k in t.primary_key {
                let i = t.index(k).unwrap_or_else(|| panic!("{}.{k}", t.name));
                assert!(t.fields[i].required, "{}.{k} is a key but may be empty", t.name);
            }
            for fk in t.foreign_keys {
                let other = TABLES.iter().find(|o| o.name == fk.table).expect("referenced table");
                assert_eq!(fk.reference, other.primary_key, "{} → {}", t.name, fk.table);
                for f in fk.fields {
                    assert!(t.index(f).is_some(), "{}.{f}", t.name);
                }
            }
        }
    }
}
