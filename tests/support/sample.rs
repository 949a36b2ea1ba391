//! The Bimtek I sample as tests start from it.

use bimtek::domain::Session;

/// The sample as `bimtek demo` opens it.
pub fn as_shipped() -> Session {
    bimtek::store::parse(bimtek::store::demo::SAMPLE).expect("the sample loads")
}

/// The sample's participants, agenda and entries, without the scores, votes, program details and
/// time spent it shows off, so that a test adds exactly what it checks.
pub fn bare() -> Session {
    let mut s = as_shipped();
    s.readiness.clear();
    s.votes.clear();
    for step in &mut s.agenda.steps {
        step.spent_seconds = 0;
    }
    for e in &mut s.entries {
        std::sync::Arc::make_mut(e).program = None;
    }
    s
}
