//! What the room (phones on the venue network) asks of the app, and what the app answers. The
//! server never touches the session: each request arrives here as an `Action`, is applied like a
//! keystroke, and its answer goes back as an `Effect` that the shell holds until the writer has
//! the version containing it on disk.

use time::OffsetDateTime;

use super::panels::vote::{candidates, round_for_step};
use super::{Effect, IdGen, SessionScreen};
use crate::domain::idea::{self, IdeaForm, IdeaRefusal, IdeaStatus, PHONE_VOTER};
use crate::domain::vote::VoteError;
use crate::domain::{Edit, Session};
use crate::template::catalog;

/// A request from a phone, numbered by the server so its answer finds its way back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomRequest {
    pub ticket: u64,
    /// The phone's cookie.
    pub device: String,
    pub body: RoomBody,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomBody {
    Idea(IdeaForm),
    /// One dot on an entry of the current step's round (or taken back).
    Vote {
        entry: String,
        take_back: bool,
    },
}

/// What the phone is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomAnswer {
    /// A new idea, stored under this id. Sent once it is on disk.
    Stored {
        id: String,
        text: String,
    },
    /// The same client id again: stored before, nothing new. Sent once that is on disk.
    Again {
        id: String,
        text: String,
    },
    /// The vote counted; dots left to this device in the round. Sent once it is on disk.
    Voted {
        remaining: u32,
    },
    Refused(Refusal),
}

impl RoomAnswer {
    /// Whether the answer may go only once the session as it is now is on disk.
    pub fn needs_disk(&self) -> bool {
        !matches!(self, RoomAnswer::Refused(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Idea(IdeaRefusal),
    /// No session open for writing.
    Closed,
    /// No voting round on the current step, or its tallies are revealed.
    NoRound,
    OverBudget,
    /// One dot per entry in this round.
    NoStacking,
    NotACandidate,
    NothingToTake,
}

/// Applies a request to the open session; returns the effects (a save, then the answer).
pub fn on_request(
    screen: Option<&mut SessionScreen>,
    request: RoomRequest,
    ids: &mut IdGen,
    now: OffsetDateTime,
) -> Vec<Effect> {
    let ticket = request.ticket;
    let answer = |answer: RoomAnswer| Effect::RoomAnswer { ticket, answer };
    let Some(screen) = screen.filter(|s| !s.read_only) else {
        return vec![answer(RoomAnswer::Refused(Refusal::Closed))];
    };
    let (mut effects, reply) = match request.body {
        RoomBody::Idea(form) => on_idea(screen, &request.device, &form, ids, now),
        RoomBody::Vote { entry, take_back } => on_vote(screen, &request.device, &entry, take_back, now),
    };
    effects.push(answer(reply));
    effects
}

fn on_idea(
    screen: &mut SessionScreen,
    device: &str,
    form: &IdeaForm,
    ids: &mut IdGen,
    now: OffsetDateTime,
) -> (Vec<Effect>, RoomAnswer) {
    if let Some(sent) = screen.session.idea_sent(device, &form.id) {
        let again = RoomAnswer::Again {
            id: sent.id.clone(),
            text: sent.text.clone(),
        };
        return (Vec::new(), again);
    }
    let new = match idea::check(form, device, &screen.session, catalog(), ids.next(now), now) {
        Ok(i) => i,
        Err(e) => return (Vec::new(), RoomAnswer::Refused(Refusal::Idea(e))),
    };
    let stored = RoomAnswer::Stored {
        id: new.id.clone(),
        text: new.text.clone(),
    };
    let edit = if screen.session.room.straight {
        let entry = idea::to_entry(&new, &screen.session, catalog(), ids.next(now), now);
        let accepted = idea::Idea {
            status: IdeaStatus::Accepted,
            entry: Some(entry.id.clone()),
            ..new
        };
        Edit::Batch(vec![Edit::AddEntry(entry), Edit::PutIdea(accepted)])
    } else {
        Edit::PutIdea(new)
    };
    match screen.apply_from_room(edit, now) {
        Ok(effects) => (effects, stored),
        // An id clash with the session's own ids; the phone may try again.
        Err(_) => (Vec::new(), RoomAnswer::Refused(Refusal::Closed)),
    }
}

/// The voter a device is in the session's ballots.
pub fn phone_voter(device: &str) -> String {
    format!("{PHONE_VOTER}{device}")
}

fn on_vote(
    screen: &mut SessionScreen,
    device: &str,
    entry: &str,
    take_back: bool,
    now: OffsetDateTime,
) -> (Vec<Effect>, RoomAnswer) {
    if screen.session.room.blocked.iter().any(|d| d == device) {
        return (Vec::new(), RoomAnswer::Refused(Refusal::Idea(IdeaRefusal::Blocked)));
    }
    let session: &Session = &screen.session;
    let Some(round) = round_for_step(session).filter(|r| !r.revealed) else {
        return (Vec::new(), RoomAnswer::Refused(Refusal::NoRound));
    };
    let is_candidate = candidates(session).iter().any(|&i| session.entries[i].id == entry);
    if !is_candidate {
        return (Vec::new(), RoomAnswer::Refused(Refusal::NotACandidate));
    }
    let voter = phone_voter(device);
    let mut round = round.clone();
    let result = if take_back {
        round.remove(entry, Some(&voter))
    } else {
        round.add(entry, Some(&voter), true)
    };
    if let Err(e) = result {
        let refusal = match e {
            VoteError::OverBudget { .. } => Refusal::OverBudget,
            VoteError::NoStacking => Refusal::NoStacking,
            VoteError::NothingToTake => Refusal::NothingToTake,
            VoteError::NoSuchEntry | VoteError::BadBudget(_) => Refusal::NotACandidate,
        };
        return (Vec::new(), RoomAnswer::Refused(refusal));
    }
    let remaining = round.budget.saturating_sub(round.spent(&voter));
    match screen.apply_from_room(Edit::PutRound(round), now) {
        Ok(effects) => (effects, RoomAnswer::Voted { remaining }),
        Err(_) => (Vec::new(), RoomAnswer::Refused(Refusal::NoRound)),
    }
}

/// Where the room is served, as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomInfo {
    /// `http://192.168.43.1:8080` for each address the laptop serves on, the likeliest first.
    pub addresses: Vec<String>,
    /// The address the QR code and the link use (the facilitator may pick another).
    pub chosen: usize,
    /// The secret part of the link.
    pub token: String,
    /// What a phone types on the landing page instead of the token.
    pub join_code: String,
}

impl RoomInfo {
    /// The short address to type: `http://192.168.43.1:8080`.
    pub fn address(&self) -> &str {
        self.addresses.get(self.chosen).map_or("", String::as_str)
    }

    /// The full link, with the token: what the QR code holds.
    pub fn link(&self) -> String {
        format!("{}/{}", self.address(), self.token)
    }

    /// The address without `http://`, as it is typed into a phone's browser.
    pub fn short(&self) -> &str {
        self.address().trim_start_matches("http://")
    }
}
