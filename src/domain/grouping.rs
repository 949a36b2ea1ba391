//! Which entries a step shows, and under which heading. One pass over the entries, so the cost
//! of a frame grows linearly with the session and nothing is cloned.

use super::{Aspect, Catalog, Entry, Lang, Pillar, Session, Step, StepKind};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupKey {
    /// One element of a pillar.
    Element(String),
    /// Entries about a pillar that name no element (or one the agenda does not know).
    PillarGeneral(Pillar),
    /// A readiness aspect.
    Aspect(Aspect),
    /// One pillar, on a step that looks across pillars.
    Pillar(Pillar),
    /// A step's own entries that belong to no pillar or aspect.
    General,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub key: GroupKey,
    /// Indices into `session.entries`, in recording order.
    pub entries: Vec<usize>,
}

/// The headings a step shows, in order, even the empty ones: the room should see what is still
/// missing.
pub fn group_keys(step: &Step, session: &Session, catalog: &Catalog) -> Vec<GroupKey> {
    match step.kind {
        StepKind::Pillar => {
            let Some(p) = step.pillar else {
                return vec![GroupKey::General];
            };
            let mut keys: Vec<GroupKey> = element_codes(p, session, catalog)
                .into_iter()
                .map(GroupKey::Element)
                .collect();
            keys.push(GroupKey::PillarGeneral(p));
            keys
        }
        StepKind::Readiness => {
            let mut keys: Vec<GroupKey> = Aspect::ALL.iter().map(|a| GroupKey::Aspect(*a)).collect();
            keys.push(GroupKey::General);
            keys
        }
        StepKind::Review => Pillar::ALL.iter().map(|p| GroupKey::Pillar(*p)).collect(),
        StepKind::Commitments => Vec::new(),
        StepKind::Info | StepKind::Summary | StepKind::Pillars => {
            if step.collects.is_empty() {
                Vec::new()
            } else {
                vec![GroupKey::General]
            }
        }
    }
}

/// Element codes of a pillar: the standard ones, then those the agenda added.
pub fn element_codes(p: Pillar, session: &Session, catalog: &Catalog) -> Vec<String> {
    let standard = catalog
        .pillar(p)
        .into_iter()
        .flat_map(|d| d.elements.iter().map(|e| e.code.clone()));
    let extra = session
        .agenda
        .elements
        .iter()
        .filter(|e| e.pillar() == Some(p))
        .map(|e| e.code.clone());
    standard.chain(extra).collect()
}

/// The heading under which a step shows an entry, if it shows it at all: its place in `keys`.
pub fn key_for(step: &Step, keys: &[GroupKey], e: &Entry) -> Option<usize> {
    let find = |k: &GroupKey| keys.iter().position(|x| x == k);
    match step.kind {
        StepKind::Pillar => {
            if e.pillar != step.pillar {
                return None;
            }
            let by_element = e
                .element
                .as_ref()
                .and_then(|code| keys.iter().position(|k| matches!(k, GroupKey::Element(c) if c == code)));
            by_element.or_else(|| e.pillar.and_then(|p| find(&GroupKey::PillarGeneral(p))))
        }
        StepKind::Readiness => {
            if let Some(a) = e.aspect {
                find(&GroupKey::Aspect(a))
            } else if e.pillar.is_none() && step.collects.contains(&e.kind) && recorded_on(e, step) {
                find(&GroupKey::General)
            } else {
                None
            }
        }
        StepKind::Commitments => None,
        StepKind::Review => {
            let p = e.pillar?;
            step.collects.contains(&e.kind).then(|| find(&GroupKey::Pillar(p)))?
        }
        StepKind::Info | StepKind::Summary | StepKind::Pillars => {
            let general =
                e.pillar.is_none() && e.aspect.is_none() && step.collects.contains(&e.kind) && recorded_on(e, step);
            general.then(|| find(&GroupKey::General))?
        }
    }
}

/// Whether a general entry belongs to this step: the step it was recorded on, or any step that
/// takes its kind when it names none (an entry of an older file before `settle_general`).
fn recorded_on(e: &Entry, step: &Step) -> bool {
    e.step.as_deref().is_none_or(|id| id == step.id)
}

/// Whether a step shows general entries (of no pillar and no aspect) of this kind.
fn takes_general(step: &Step, kind: super::Kind) -> bool {
    matches!(
        step.kind,
        StepKind::Info | StepKind::Summary | StepKind::Pillars | StepKind::Readiness
    ) && step.collects.contains(&kind)
}

/// Files each general entry that names no step of the agenda (files written before entries
/// named their step, imports) under the first step that shows it, so it shows on one step only.
pub fn settle_general(session: &mut Session) {
    let steps = &session.agenda.steps;
    for e in session.entries.iter_mut() {
        if e.pillar.is_some() || e.aspect.is_some() {
            continue;
        }
        if e.step.as_deref().is_some_and(|id| steps.iter().any(|s| s.id == id)) {
            continue;
        }
        if let Some(home) = steps.iter().find(|s| takes_general(s, e.kind)) {
            std::sync::Arc::make_mut(e).step = Some(home.id.clone());
        }
    }
}

/// The step's groups with the entries under each.
pub fn groups(step: &Step, session: &Session, catalog: &Catalog) -> Vec<Group> {
    let keys = group_keys(step, session, catalog);
    let mut groups: Vec<Group> = keys
        .iter()
        .map(|k| Group {
            key: k.clone(),
            entries: Vec::new(),
        })
        .collect();
    for (i, e) in session.entries.iter().enumerate() {
        if let Some(g) = key_for(step, &keys, e) {
            groups[g].entries.push(i);
        }
    }
    groups
}

/// A heading's name on screen.
pub fn group_title(key: &GroupKey, session: &Session, catalog: &Catalog, lang: Lang, general: &str) -> String {
    match key {
        GroupKey::Element(code) => catalog
            .element(code)
            .or_else(|| session.agenda.elements.iter().find(|e| &e.code == code))
            .map(|e| e.name.get(lang).to_string())
            .unwrap_or_else(|| code.clone()),
        GroupKey::PillarGeneral(_) | GroupKey::General => general.to_string(),
        GroupKey::Aspect(a) => catalog
            .aspect(*a)
            .map(|d| d.name.get(lang).to_string())
            .unwrap_or_else(|| a.code().to_string()),
        GroupKey::Pillar(p) => catalog.pillar_name(*p, lang),
    }
}

/// Fills pillar, element and aspect of a new entry from the heading it is recorded under.
pub fn place_entry(entry: &mut Entry, step: &Step, key: Option<&GroupKey>) {
    entry.pillar = step.pillar;
    entry.element = None;
    entry.aspect = None;
    entry.step = None;
    match key {
        Some(GroupKey::Element(code)) => {
            entry.pillar = super::catalog::element_pillar(code).or(step.pillar);
            entry.element = Some(code.clone());
        }
        Some(GroupKey::PillarGeneral(p)) | Some(GroupKey::Pillar(p)) => entry.pillar = Some(*p),
        Some(GroupKey::Aspect(a)) => entry.aspect = Some(*a),
        Some(GroupKey::General) | None => {}
    }
    if entry.pillar.is_none() && entry.aspect.is_none() {
        entry.step = Some(step.id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;
    use crate::domain::test_support::{catalog, entry, session};

    #[test]
    fn pillar_step_groups_by_element_with_a_general_heading_last() {
        let mut s = session();
        let cat = catalog();
        let mut a = entry("a", "Antrean layanan");
        a.pillar = Some(Pillar::Governance);
        a.element = Some("governance.service".into());
        let mut b = entry("b", "Umum");
        b.pillar = Some(Pillar::Governance);
        let mut c = entry("c", "Lain pilar");
        c.pillar = Some(Pillar::Living);
        s.entries = vec![a.into(), b.into(), c.into()];
        let step = s
            .agenda
            .steps
            .iter()
            .find(|st| st.pillar == Some(Pillar::Governance))
            .cloned()
            .expect("step");
        let gs = groups(&step, &s, &cat);
        assert_eq!(gs.len(), 4);
        assert_eq!(gs[0].key, GroupKey::Element("governance.service".into()));
        assert_eq!(gs[0].entries, vec![0]);
        assert_eq!(gs[3].key, GroupKey::PillarGeneral(Pillar::Governance));
        assert_eq!(gs[3].entries, vec![1]);
        assert!(gs.iter().all(|g| !g.entries.contains(&2)));
    }

    #[test]
    fn readiness_groups_by_aspect() {
        let mut s = session();
        let cat = catalog();
        let mut a = entry("a", "SDM TIK terbatas");
        a.kind = Kind::Weakness;
        a.aspect = Some(Aspect::Struktur);
        s.entries = vec![a.into()];
        let step = s
            .agenda
            .steps
            .iter()
            .find(|st| st.kind == StepKind::Readiness)
            .cloned()
            .expect("step");
        let gs = groups(&step, &s, &cat);
        assert_eq!(gs[0].key, GroupKey::Aspect(Aspect::Struktur));
        assert_eq!(gs[0].entries, vec![0]);
    }

    #[test]
    fn placing_an_entry_takes_the_heading() {
        let s = session();
        let step = s
            .agenda
            .steps
            .iter()
            .find(|st| st.pillar == Some(Pillar::Living))
            .cloned()
            .expect("step");
        let mut e = entry("a", "x");
        place_entry(&mut e, &step, Some(&GroupKey::Element("living.health".into())));
        assert_eq!(
            (e.pillar, e.element.as_deref()),
            (Some(Pillar::Living), Some("living.health"))
        );
    }
}
