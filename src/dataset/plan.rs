//! Which sessions go into the dataset and in what order, decided from a first look at every
//! file: the same set of files gives the same dataset whatever order they were named in.
//!
//! - Copies of one session (the same session id in several files, e.g. breakout groups' copies
//!   not yet merged) would give every row twice: the copy changed last is taken (then the one
//!   with more entries, then the first by path) and the others are reported.
//! - A region is keyed by its Kemendagri code when any session of its masterplan has one (the
//!   latest stage's, if they differ), else by its name.
//! - Sessions are ordered by region key, stage, date and id.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use time::OffsetDateTime;

use super::rows::Context;
use crate::domain::{Session, SessionDate};

/// What the plan needs of a session file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub path: PathBuf,
    pub id: String,
    pub masterplan_id: String,
    pub region: String,
    pub region_code: Option<String>,
    pub stage: u8,
    pub date: SessionDate,
    pub updated: OffsetDateTime,
    pub entries: usize,
}

impl Head {
    pub fn of(path: PathBuf, s: &Session) -> Head {
        Head {
            path,
            id: s.id.clone(),
            masterplan_id: s.lineage.first().unwrap_or(&s.id).clone(),
            region: s.region.split_whitespace().collect::<Vec<_>>().join(" "),
            region_code: s.region_code.clone(),
            stage: s.stage.number(),
            date: s.date,
            updated: s.updated,
            entries: s.entries.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub path: PathBuf,
    pub id: String,
    pub context: Context,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub sessions: Vec<Planned>,
    /// Files left out as copies: (left out, the one taken).
    pub copies: Vec<(PathBuf, PathBuf)>,
    pub ids: HashSet<String>,
}

impl Plan {
    pub fn regions(&self) -> usize {
        self.sessions
            .iter()
            .map(|p| p.context.region_key.as_str())
            .collect::<HashSet<_>>()
            .len()
    }
}

pub fn plan(mut heads: Vec<Head>, with_names: bool) -> Plan {
    // Copies: the best of each id first, by a total order, so the choice never depends on input order.
    heads.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then(b.updated.cmp(&a.updated))
            .then(b.entries.cmp(&a.entries))
            .then(a.path.cmp(&b.path))
    });
    let mut kept: Vec<Head> = Vec::new();
    let mut copies = Vec::new();
    for h in heads {
        match kept.last() {
            Some(k) if k.id == h.id => copies.push((h.path, k.path.clone())),
            _ => kept.push(h),
        }
    }
    // The code of each masterplan: that of its latest coded stage.
    let mut codes: BTreeMap<&str, (u8, SessionDate, &str, &str)> = BTreeMap::new();
    for h in &kept {
        if let Some(code) = &h.region_code {
            let candidate = (h.stage, h.date, h.id.as_str(), code.as_str());
            let slot = codes.entry(&h.masterplan_id).or_insert(candidate);
            if candidate > *slot {
                *slot = candidate;
            }
        }
    }
    let mut sessions: Vec<(Head, String)> = kept
        .iter()
        .map(|h| {
            let key = codes
                .get(h.masterplan_id.as_str())
                .map_or_else(|| h.region.clone(), |c| c.3.to_string());
            (h.clone(), key)
        })
        .collect();
    sessions.sort_by(|(a, ka), (b, kb)| {
        ka.cmp(kb)
            .then(a.stage.cmp(&b.stage))
            .then(a.date.cmp(&b.date))
            .then(a.id.cmp(&b.id))
    });
    let ids = sessions.iter().map(|(h, _)| h.id.clone()).collect();
    let sessions = sessions
        .into_iter()
        .map(|(h, region_key)| Planned {
            context: Context {
                masterplan_id: h.masterplan_id,
                region_key,
                file_name: h
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                with_names,
            },
            path: h.path,
            id: h.id,
        })
        .collect();
    copies.sort();
    Plan { sessions, copies, ids }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(path: &str, id: &str, root: &str, code: Option<&str>, stage: u8, minute: i64) -> Head {
        Head {
            path: PathBuf::from(path),
            id: id.into(),
            masterplan_id: root.into(),
            region: "Kabupaten Contoh".into(),
            region_code: code.map(str::to_string),
            stage,
            date: "2021-09-07".parse().expect("date"),
            updated: crate::generate::START + time::Duration::minutes(minute),
            entries: 10,
        }
    }

    #[test]
    fn input_order_does_not_matter_and_copies_are_reported() {
        let heads = vec![
            head("b/one.ron", "S1", "S1", None, 1, 0),
            head("a/two.ron", "S2", "S1", Some("82.03"), 2, 0),
            head("c/copy.ron", "S1", "S1", None, 1, 5),
            head("d/other.ron", "T1", "T1", None, 1, 0),
        ];
        let mut reversed = heads.clone();
        reversed.reverse();
        let p = plan(heads, false);
        assert_eq!(p, plan(reversed, false));
        let order: Vec<(&str, &str)> = p
            .sessions
            .iter()
            .map(|s| (s.path.to_str().unwrap_or(""), s.context.region_key.as_str()))
            .collect();
        // The copy changed last is taken; the masterplan's code keys its first stage too.
        assert_eq!(
            order,
            [
                ("c/copy.ron", "82.03"),
                ("a/two.ron", "82.03"),
                ("d/other.ron", "Kabupaten Contoh")
            ]
        );
        assert_eq!(p.copies, [(PathBuf::from("b/one.ron"), PathBuf::from("c/copy.ron"))]);
        assert_eq!(p.regions(), 2);
    }
}
