//! The regional readiness self-assessment: a 1–5 score with a note for each sub-aspect, for the
//! region as a whole or per pillar. No official scale exists; this is the workshop's own.

use serde::{Deserialize, Serialize};

use super::{Aspect, Catalog, Pillar, Problem};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// Sub-aspect code, e.g. `struktur.sdm`.
    pub sub: String,
    /// `None`: the region as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pillar: Option<Pillar>,
    pub score: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The stage this score was carried over from (schema 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_stage: Option<super::Stage>,
}

pub const MIN: u8 = 1;
pub const MAX: u8 = 5;

pub fn valid_score(v: u8) -> bool {
    (MIN..=MAX).contains(&v)
}

/// The aspect a sub-aspect code belongs to (`struktur.sdm` → Struktur).
pub fn sub_aspect(sub: &str) -> Option<Aspect> {
    Aspect::from_code(sub.split_once('.')?.0)
}

pub fn find<'a>(scores: &'a [Score], sub: &str, pillar: Option<Pillar>) -> Option<&'a Score> {
    scores.iter().find(|s| s.sub == sub && s.pillar == pillar)
}

/// Mean score of an aspect's scored sub-aspects (for one pillar or the whole region), in tenths
/// so the screen can show 3.5 without floating point drift.
pub fn aspect_average_tenths(
    scores: &[Score],
    catalog: &Catalog,
    aspect: Aspect,
    pillar: Option<Pillar>,
) -> Option<u32> {
    let def = catalog.aspect(aspect)?;
    let values: Vec<u32> = def
        .subs
        .iter()
        .filter_map(|sub| find(scores, &sub.code, pillar))
        .map(|s| u32::from(s.score))
        .collect();
    if values.is_empty() {
        return None;
    }
    let n = u32::try_from(values.len()).unwrap_or(1);
    let sum: u32 = values.iter().sum();
    // Round half up to one decimal.
    Some((sum * 10 * 2 + n) / (2 * n))
}

/// Checks scores loaded from a file.
pub fn validate(scores: &[Score], catalog: &Catalog) -> Result<(), (String, Problem)> {
    for s in scores {
        let known = catalog
            .aspects
            .iter()
            .flat_map(|a| a.subs.iter())
            .any(|d| d.code == s.sub);
        if !known {
            return Err((
                format!("\"{}\"", s.sub),
                Problem::UnknownSubAspect { sub: s.sub.clone() },
            ));
        }
        if !valid_score(s.score) {
            return Err((
                format!("\"{}\"", s.sub),
                Problem::ScoreRange {
                    sub: s.sub.clone(),
                    score: s.score,
                },
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AspectDef, SubAspectDef, Text};

    fn catalog() -> Catalog {
        let sub = |c: &str| SubAspectDef {
            code: c.into(),
            name: Text::new(c, c),
        };
        Catalog {
            pillars: Vec::new(),
            aspects: vec![AspectDef {
                code: Aspect::Struktur,
                name: Text::new("Struktur", "Structure"),
                subs: vec![
                    sub("struktur.sdm"),
                    sub("struktur.anggaran"),
                    sub("struktur.tata-kelola"),
                ],
            }],
        }
    }

    fn score(sub: &str, pillar: Option<Pillar>, v: u8) -> Score {
        Score {
            sub: sub.into(),
            pillar,
            score: v,
            note: String::new(),
            from_stage: None,
        }
    }

    #[test]
    fn averages_count_only_scored_sub_aspects_and_round() {
        let c = catalog();
        assert_eq!(aspect_average_tenths(&[], &c, Aspect::Struktur, None), None);
        let scores = vec![score("struktur.sdm", None, 2), score("struktur.anggaran", None, 3)];
        assert_eq!(aspect_average_tenths(&scores, &c, Aspect::Struktur, None), Some(25));
        let scores = vec![
            score("struktur.sdm", None, 2),
            score("struktur.anggaran", None, 2),
            score("struktur.tata-kelola", None, 3),
            score("struktur.sdm", Some(Pillar::Living), 5),
        ];
        assert_eq!(aspect_average_tenths(&scores, &c, Aspect::Struktur, None), Some(23));
        assert_eq!(
            aspect_average_tenths(&scores, &c, Aspect::Struktur, Some(Pillar::Living)),
            Some(50)
        );
    }

    #[test]
    fn out_of_range_and_unknown_are_refused() {
        let c = catalog();
        assert!(validate(&[score("struktur.sdm", None, 6)], &c).is_err());
        assert!(validate(&[score("struktur.sdm", None, 0)], &c).is_err());
        assert!(validate(&[score("struktur.uang", None, 3)], &c).is_err());
        assert!(validate(&[score("struktur.sdm", None, 5)], &c).is_ok());
        assert_eq!(sub_aspect("suprastruktur.regulasi"), Some(Aspect::Suprastruktur));
    }
}
