//! The workshop as data and rules. No terminal, no files, no clock: time is passed in.

pub mod carry;
pub mod catalog;
pub mod codes;
pub mod commitment;
pub mod edit;
pub mod entry;
pub mod entry_ids;
pub mod grouping;
pub mod idea;
pub mod ids;
pub mod merge;
pub mod problem;
pub mod program;
pub mod readiness;
pub mod region;
pub mod session;
pub mod text;
pub mod timer;
pub mod vote;

#[cfg(test)]
pub(crate) mod test_support;

pub use catalog::{AspectDef, Catalog, ElementDef, PillarDef, SubAspectDef};
pub use codes::{Aspect, Kind, Lang, Pillar, Stage};
pub use edit::{Edit, EditError};
pub use entry::{Entry, Proposer};
pub use grouping::{Group, GroupKey};
pub use ids::{CommitmentId, EntryId, IdGen, ParticipantId, RoundId};
pub use problem::{OsError, OsKind, Problem};
pub use session::{Agenda, NewSession, Participant, Role, SCHEMA_VERSION, Session, SessionDate, Step, StepKind};
pub use text::Text;
