//! The words for each status-line message.

use crate::app::session_screen::{Change, Flash};
use crate::domain::EditError;
use crate::domain::vote::{MAX_BUDGET, VoteError};
use crate::i18n::{Strings, fill};

pub fn text(tr: &Strings, f: &Flash) -> String {
    let s = |x: &String| x.clone();
    match f {
        Flash::Added => s(&tr.flash_added),
        Flash::Updated => s(&tr.flash_updated),
        Flash::Deleted => s(&tr.flash_deleted),
        Flash::Undone(c) => fill(&tr.flash_undone_what, &[("what", &change(tr, c))]),
        Flash::Redone(c) => fill(&tr.flash_redone_what, &[("what", &change(tr, c))]),
        Flash::NothingToUndo => s(&tr.flash_nothing_undo),
        Flash::NothingToRedo => s(&tr.flash_nothing_redo),
        Flash::ReadOnly => s(&tr.flash_read_only),
        Flash::Refused(r) => fill(&tr.flash_refused, &[("reason", r)]),
        Flash::Text(t) => t.clone(),
        Flash::Edit(e) => edit_error(tr, e),
        Flash::Vote(e) => vote_error(tr, e),
        Flash::ScoreSaved => s(&tr.flash_score_saved),
        Flash::ScoreCleared => s(&tr.flash_score_cleared),
        Flash::ScoreRange => s(&tr.flash_score_range),
        Flash::ScoreFirst => s(&tr.flash_score_first),
        Flash::VoteAdded => s(&tr.flash_vote_added),
        Flash::VoteRemoved => s(&tr.flash_vote_removed),
        Flash::VotesRevealed => s(&tr.flash_votes_revealed),
        Flash::VotesHidden => s(&tr.flash_votes_hidden),
        Flash::VoteRulesChanged => s(&tr.flash_vote_rules),
        Flash::VoteNewRound => s(&tr.flash_vote_new_round),
        Flash::ProgramSaved => s(&tr.flash_program_saved),
        Flash::NotAProgram => s(&tr.flash_not_a_program),
        Flash::QuickWinMarked => s(&tr.flash_quick_win_on),
        Flash::QuickWinUnmarked => s(&tr.flash_quick_win_off),
        Flash::NameRequired => s(&tr.flash_name_required),
        Flash::ParticipantSaved => s(&tr.flash_participant_saved),
        Flash::ParticipantRemoved => s(&tr.flash_participant_removed),
        Flash::BadYear => s(&tr.flash_bad_year),
        Flash::BadCost => s(&tr.flash_bad_cost),
        Flash::BadDate => s(&tr.flash_bad_date),
        Flash::OpdRequired => s(&tr.flash_opd_required),
        Flash::CommitmentSaved => s(&tr.flash_commitment_saved),
        Flash::CommitmentDeleted => s(&tr.flash_commitment_deleted),
        Flash::TimerStarted => s(&tr.flash_timer_started),
        Flash::TimerPaused => s(&tr.flash_timer_paused),
        Flash::MinutesChanged => s(&tr.flash_minutes_changed),
        Flash::StepCollectsNothing => s(&tr.flash_step_collects_nothing),
        Flash::VoteNothing => s(&tr.flash_vote_nothing),
        Flash::AllPresent => s(&tr.flash_all_present),
        Flash::NoteSaved => s(&tr.flash_note_saved),
        Flash::TallySet(n) => fill(&tr.flash_tally_set, &[("n", &n.to_string())]),
        Flash::QuickWinOutside { impact, effort } => {
            let score = |v: &Option<u8>| v.map_or_else(|| "–".to_string(), |v| v.to_string());
            fill(
                &tr.flash_quick_win_outside,
                &[("impact", &score(impact)), ("effort", &score(effort))],
            )
        }
        Flash::IdeaAccepted => s(&tr.flash_idea_accepted),
        Flash::IdeasAccepted(n) => fill(&tr.flash_ideas_accepted, &[("n", &n.to_string())]),
        Flash::IdeaRejected => s(&tr.flash_idea_rejected),
        Flash::IdeaMerged => s(&tr.flash_idea_merged),
        Flash::NoIdea => s(&tr.flash_no_idea),
        Flash::NothingToMerge => s(&tr.flash_nothing_to_merge),
        Flash::StraightOn => s(&tr.flash_straight_on),
        Flash::StraightOff => s(&tr.flash_straight_off),
        Flash::DeviceBlocked => s(&tr.flash_device_blocked),
        Flash::RoomStopped => s(&tr.flash_room_stopped),
    }
}

/// Whether the message reports something refused (drawn as a warning, not as news).
pub fn is_refusal(f: &Flash) -> bool {
    matches!(
        f,
        Flash::Refused(_)
            | Flash::Edit(_)
            | Flash::Vote(_)
            | Flash::ReadOnly
            | Flash::NoIdea
            | Flash::NothingToMerge
            | Flash::ScoreRange
            | Flash::ScoreFirst
            | Flash::NotAProgram
            | Flash::NameRequired
            | Flash::BadYear
            | Flash::BadCost
            | Flash::BadDate
            | Flash::OpdRequired
            | Flash::NothingToUndo
            | Flash::NothingToRedo
            | Flash::StepCollectsNothing
            | Flash::VoteNothing
            | Flash::QuickWinOutside { .. }
    )
}

pub fn edit_error(tr: &Strings, e: &EditError) -> String {
    match e {
        EditError::DuplicateId(id) | EditError::NoSuchEntry(id) | EditError::NoSuchItem(id) => {
            fill(&tr.err_edit_missing, &[("id", id)])
        }
        EditError::EmptyText => tr.form_empty.clone(),
        EditError::BadScore(_) => tr.flash_score_range.clone(),
        EditError::BadMinutes(m) => fill(&tr.err_edit_minutes, &[("n", &m.to_string())]),
        EditError::NoSuchStep(i) => fill(&tr.err_edit_missing, &[("id", &(i + 1).to_string())]),
    }
}

/// A change named for the status line; an entry by the start of its text.
fn change(tr: &Strings, c: &Change) -> String {
    let quote = |t: &str| crate::ui::text::truncate(t, 24);
    match c {
        Change::EntryAdded(t) => fill(&tr.change_entry_added, &[("text", &quote(t))]),
        Change::EntryRemoved(t) => fill(&tr.change_entry_removed, &[("text", &quote(t))]),
        Change::EntryChanged(t) => fill(&tr.change_entry_changed, &[("text", &quote(t))]),
        Change::Participant(n) => fill(&tr.change_participant, &[("name", &quote(n))]),
        Change::Presence => tr.change_presence.clone(),
        Change::Score => tr.change_score.clone(),
        Change::Vote => tr.change_vote.clone(),
        Change::Commitment(o) => fill(&tr.change_commitment, &[("opd", &quote(o))]),
        Change::Minutes => tr.change_minutes.clone(),
        Change::Timer => tr.change_timer.clone(),
        Change::Room => tr.change_room.clone(),
    }
}

fn vote_error(tr: &Strings, e: &VoteError) -> String {
    match e {
        VoteError::OverBudget { budget } => fill(&tr.err_vote_budget, &[("budget", &budget.to_string())]),
        VoteError::NoStacking => tr.err_vote_stacking.clone(),
        VoteError::NothingToTake => tr.err_vote_nothing.clone(),
        VoteError::NoSuchEntry => tr.err_vote_gone.clone(),
        VoteError::BadBudget(b) => fill(
            &tr.err_vote_bad_budget,
            &[("n", &b.to_string()), ("max", &MAX_BUDGET.to_string())],
        ),
    }
}
