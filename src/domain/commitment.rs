//! Bimtek IV: each OPD commits to programs, signed by its head.

use serde::{Deserialize, Serialize};

use super::{CommitmentId, EntryId, SessionDate};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: CommitmentId,
    pub opd: String,
    /// Ids of the program entries the OPD commits to.
    #[serde(default)]
    pub programs: Vec<EntryId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<SessionDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}
