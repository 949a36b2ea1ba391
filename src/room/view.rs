//! What phones are shown of the session: the current step, its headings and kinds, and the
//! step's voting round. Built by the shell from the session after each change and handed to the
//! server, which never sees the session itself.

use std::collections::HashMap;

use serde::Serialize;

use crate::app::panels::vote::{candidates, ordered, round_for_step};
use crate::domain::grouping::{group_keys, group_title};
use crate::domain::idea::{PHONE_VOTER, heading_code};
use crate::domain::vote::ranking;
use crate::domain::{Lang, Session};
use crate::i18n::strings;
use crate::template::catalog;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub id: String,
    pub text: String,
    /// Only once the tallies are revealed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub votes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundView {
    pub id: String,
    pub budget: u32,
    pub stacking: bool,
    pub revealed: bool,
    /// Recording order while hidden, by rank once revealed.
    pub candidates: Vec<Candidate>,
    /// Dots each phone has put on each entry (by device), for its own page only.
    #[serde(skip)]
    pub mine: HashMap<String, HashMap<String, u32>>,
}

impl RoundView {
    pub fn spent(&self, device: &str) -> u32 {
        self.mine.get(device).map_or(0, |m| m.values().sum())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhoneView {
    pub step: String,
    pub title: String,
    pub question: String,
    /// Whether the step takes ideas.
    pub open: bool,
    /// The headings to choose; the general one has an empty code.
    pub headings: Vec<Choice>,
    pub kinds: Vec<Choice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundView>,
}

/// The view in each language, Bahasa Indonesia first.
pub type Views = [PhoneView; 2];

pub fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Id => 0,
        Lang::En => 1,
    }
}

pub fn views(session: &Session) -> Views {
    [view(session, Lang::Id), view(session, Lang::En)]
}

pub fn view(session: &Session, lang: Lang) -> PhoneView {
    let tr = strings(lang);
    let Some(step) = session.step() else {
        return PhoneView {
            step: String::new(),
            title: String::new(),
            question: String::new(),
            open: false,
            headings: Vec::new(),
            kinds: Vec::new(),
            round: None,
        };
    };
    let mut headings: Vec<Choice> = group_keys(step, session, catalog())
        .iter()
        .map(|k| Choice {
            code: heading_code(k).unwrap_or_default(),
            name: group_title(k, session, catalog(), lang, &tr.phone_general),
        })
        .collect();
    headings.dedup_by(|a, b| a.code == b.code);
    let kinds = step
        .collects
        .iter()
        .map(|k| Choice {
            code: k.code().to_string(),
            name: tr.kind(*k).to_string(),
        })
        .collect();
    PhoneView {
        step: step.id.clone(),
        title: step.title.get(lang).to_string(),
        question: step.prompt.get(lang).to_string(),
        open: !step.collects.is_empty(),
        headings,
        kinds,
        round: round_view(session),
    }
}

fn round_view(session: &Session) -> Option<RoundView> {
    let round = round_for_step(session)?;
    let list = ordered(session, round);
    let ranks = if round.revealed {
        let ids: Vec<&str> = candidates(session)
            .iter()
            .map(|&i| session.entries[i].id.as_str())
            .collect();
        ranking(round, &ids)
    } else {
        Vec::new()
    };
    let candidates = list
        .iter()
        .map(|&i| {
            let e = &session.entries[i];
            let r = ranks.iter().find(|r| r.entry == e.id);
            Candidate {
                id: e.id.to_string(),
                text: e.text.clone(),
                votes: r.map(|r| r.votes),
                rank: r.map(|r| r.rank),
            }
        })
        .collect();
    let mut mine: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for b in &round.ballots {
        if let Some(device) = b.participant.as_deref().and_then(|p| p.strip_prefix(PHONE_VOTER)) {
            *mine
                .entry(device.to_string())
                .or_default()
                .entry(b.entry.to_string())
                .or_default() += b.count;
        }
    }
    Some(RoundView {
        id: round.id.to_string(),
        budget: round.budget,
        stacking: round.stacking,
        revealed: round.revealed,
        candidates,
        mine,
    })
}
