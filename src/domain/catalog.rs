//! The names and guiding questions of pillars, elements and readiness aspects. The built-in
//! catalog is data (`assets/catalog.ron`); a session's agenda may add elements of its own.

use serde::{Deserialize, Serialize};

use super::{Aspect, Lang, Pillar, Text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementDef {
    /// `pillar.element`, e.g. `governance.service`.
    pub code: String,
    pub name: Text,
    #[serde(default)]
    pub question: Text,
}

impl ElementDef {
    /// The pillar named by the part of the code before the dot.
    pub fn pillar(&self) -> Option<Pillar> {
        element_pillar(&self.code)
    }
}

/// The pillar an element code belongs to (`living.health` → living).
pub fn element_pillar(code: &str) -> Option<Pillar> {
    let (pillar, rest) = code.split_once('.')?;
    if rest.is_empty() {
        return None;
    }
    Pillar::from_code(pillar)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PillarDef {
    pub code: Pillar,
    pub name: Text,
    #[serde(default)]
    pub summary: Text,
    pub elements: Vec<ElementDef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubAspectDef {
    pub code: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AspectDef {
    pub code: Aspect,
    pub name: Text,
    pub subs: Vec<SubAspectDef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub pillars: Vec<PillarDef>,
    pub aspects: Vec<AspectDef>,
}

impl Catalog {
    pub fn pillar(&self, p: Pillar) -> Option<&PillarDef> {
        self.pillars.iter().find(|d| d.code == p)
    }

    pub fn pillar_name(&self, p: Pillar, lang: Lang) -> String {
        self.pillar(p)
            .map(|d| d.name.get(lang).to_string())
            .unwrap_or_else(|| p.code().to_string())
    }

    pub fn aspect(&self, a: Aspect) -> Option<&AspectDef> {
        self.aspects.iter().find(|d| d.code == a)
    }

    /// A standard element (not one a template added).
    pub fn element(&self, code: &str) -> Option<&ElementDef> {
        self.pillars
            .iter()
            .flat_map(|p| p.elements.iter())
            .find(|e| e.code == code)
    }

    /// Checks the catalog itself: every pillar once, elements under their own pillar.
    pub fn validate(&self) -> Result<(), String> {
        for p in Pillar::ALL {
            let n = self.pillars.iter().filter(|d| d.code == *p).count();
            if n != 1 {
                return Err(format!("pillar '{p}' must appear once, found {n}"));
            }
        }
        for a in Aspect::ALL {
            if self.aspect(*a).is_none() {
                return Err(format!("readiness aspect '{a}' is missing"));
            }
        }
        for p in &self.pillars {
            for e in &p.elements {
                if e.pillar() != Some(p.code) {
                    return Err(format!("element '{}' is listed under pillar '{}'", e.code, p.code));
                }
            }
        }
        Ok(())
    }
}
