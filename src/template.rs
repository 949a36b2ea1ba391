//! Agenda templates: RON data → a validated `Agenda`. The built-in ones, and the catalog of
//! pillars and elements, are embedded in the binary so bimtek works with nothing beside it.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::domain::{Agenda, Catalog, ElementDef, Pillar, Problem, Stage, Step, StepKind, Text};
use crate::i18n::{Strings, describe};

const CATALOG: &str = include_str!("../assets/catalog.ron");
const BUILTIN: [&str; 4] = [
    include_str!("../assets/templates/bimtek-1.ron"),
    include_str!("../assets/templates/bimtek-2.ron"),
    include_str!("../assets/templates/bimtek-3.ron"),
    include_str!("../assets/templates/bimtek-4.ron"),
];

/// Longest planned step: a whole day. Anything longer is a typo.
pub const MAX_STEP_MINUTES: u32 = 24 * 60;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    name: Text,
    stage: Stage,
    #[serde(default)]
    elements: Vec<ElementDef>,
    steps: Vec<Step>,
}

/// A template that failed to load: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub line: usize,
    pub col: usize,
    pub problem: Problem,
}

impl TemplateError {
    /// `file:line:col: what is wrong`, the form editors and terminals understand.
    pub fn located(&self, file: &str, tr: &Strings) -> String {
        format!("{file}:{}:{}: {}", self.line, self.col, describe(&self.problem, tr))
    }
}

/// The built-in catalog of pillars, elements and readiness aspects.
pub fn catalog() -> &'static Catalog {
    static CELL: OnceLock<Catalog> = OnceLock::new();
    CELL.get_or_init(|| {
        let c: Catalog = ron::from_str(CATALOG).expect("the embedded catalog is valid RON");
        c.validate().expect("the embedded catalog is consistent");
        c
    })
}

/// The built-in agenda for a stage.
pub fn builtin(stage: Stage) -> Agenda {
    let text = BUILTIN[usize::from(stage.number() - 1)];
    parse(text).expect("the embedded templates are valid").1
}

/// Parses and validates a template, returning the stage it is written for and its agenda.
pub fn parse(text: &str) -> Result<(Stage, Agenda), TemplateError> {
    let file: TemplateFile = ron::from_str(text).map_err(|e| TemplateError {
        line: e.span.start.line,
        col: e.span.start.col,
        problem: Problem::Syntax {
            detail: e.code.to_string(),
        },
    })?;
    let agenda = Agenda {
        name: file.name,
        elements: file.elements,
        steps: file.steps,
    };
    validate(&agenda, catalog()).map_err(|(needle, problem)| {
        let (line, col) = locate(text, &needle);
        TemplateError { line, col, problem }
    })?;
    Ok((file.stage, agenda))
}

/// Line and column (1-based) of the first occurrence of `needle`, or 1:1.
pub fn locate(text: &str, needle: &str) -> (usize, usize) {
    if needle.is_empty() {
        return (1, 1);
    }
    match text.find(needle) {
        Some(at) => {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, col)
        }
        None => (1, 1),
    }
}

/// Checks an agenda against the catalog. On failure returns a piece of text to locate the
/// problem by, and what is wrong.
pub fn validate(agenda: &Agenda, catalog: &Catalog) -> Result<(), (String, Problem)> {
    if agenda.steps.is_empty() {
        return Err(("steps".into(), Problem::NoSteps));
    }
    let mut extra = HashSet::new();
    for e in &agenda.elements {
        let quoted = format!("\"{}\"", e.code);
        let Some(p) = e.pillar() else {
            return Err((
                quoted,
                Problem::ElementBadCode {
                    code: e.code.clone(),
                    pillars: pillar_list(),
                },
            ));
        };
        if catalog.element(&e.code).is_some() || !extra.insert(e.code.as_str()) {
            return Err((quoted, Problem::ElementTwice { code: e.code.clone() }));
        }
        if e.name.id.trim().is_empty() {
            return Err((
                quoted,
                Problem::ElementNoName {
                    code: e.code.clone(),
                    pillar: p.to_string(),
                },
            ));
        }
    }
    let mut ids = HashSet::new();
    for s in &agenda.steps {
        let quoted = format!("\"{}\"", s.id);
        if s.id.trim().is_empty() {
            return Err(("id: \"\"".into(), Problem::StepIdEmpty));
        }
        if !ids.insert(s.id.as_str()) {
            return Err((quoted, Problem::StepIdTwice { id: s.id.clone() }));
        }
        if s.title.id.trim().is_empty() {
            return Err((quoted, Problem::StepNoTitle { id: s.id.clone() }));
        }
        if s.minutes > MAX_STEP_MINUTES {
            return Err((
                quoted,
                Problem::StepTooLong {
                    id: s.id.clone(),
                    minutes: s.minutes,
                    max: MAX_STEP_MINUTES,
                },
            ));
        }
        match (s.kind, s.pillar) {
            (StepKind::Pillar, None) => {
                return Err((quoted, Problem::PillarStepNoPillar { id: s.id.clone() }));
            }
            (StepKind::Pillar, Some(_)) | (_, None) => {}
            (_, Some(_)) => {
                return Err((quoted, Problem::PillarOnNonPillarStep { id: s.id.clone() }));
            }
        }
    }
    Ok(())
}

/// Whether an element code is known to this agenda (standard or added).
pub fn element_known(code: &str, agenda: &Agenda, catalog: &Catalog) -> bool {
    catalog.element(code).is_some() || agenda.elements.iter().any(|e| e.code == code)
}

fn pillar_list() -> String {
    Pillar::ALL.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_loads_for_its_stage() {
        for stage in Stage::ALL {
            let (s, agenda) = parse(BUILTIN[usize::from(stage.number() - 1)]).expect("valid template");
            assert_eq!(s, stage);
            assert!(!agenda.steps.is_empty());
        }
    }

    #[test]
    fn bimtek_one_walks_every_pillar_in_order() {
        let agenda = builtin(Stage::new(1).expect("stage"));
        let pillars: Vec<Pillar> = agenda.steps.iter().filter_map(|s| s.pillar).collect();
        assert_eq!(pillars, Pillar::ALL);
        assert!(agenda.steps.iter().any(|s| s.kind == StepKind::Readiness));
        // The strategies that pair the SWOT are recorded where the SWOT is, in the kinds' order.
        use crate::domain::Kind;
        let readiness = agenda.steps.iter().find(|s| s.kind == StepKind::Readiness);
        assert_eq!(
            readiness.map(|s| s.collects.clone()),
            Some(vec![
                Kind::Strength,
                Kind::Weakness,
                Kind::Opportunity,
                Kind::Threat,
                Kind::StrategySo,
                Kind::StrategyWo,
                Kind::StrategySt,
                Kind::StrategyWt,
                Kind::Note,
            ])
        );
        assert!(
            agenda
                .steps
                .iter()
                .any(|s| s.collects.contains(&crate::domain::Kind::Vision))
        );
        assert!(
            agenda
                .steps
                .iter()
                .all(|s| !s.title.en.is_empty() && !s.prompt.id.is_empty())
        );
    }

    #[test]
    fn catalog_has_the_eighteen_elements_in_both_languages() {
        let c = catalog();
        let n: usize = c.pillars.iter().map(|p| p.elements.len()).sum();
        assert_eq!(n, 18);
        assert_eq!(
            c.element("society.security").map(|e| e.name.en.as_str()),
            Some("Public safety")
        );
        assert_eq!(
            c.element("governance.service").map(|e| e.name.id.as_str()),
            Some("Pelayanan publik")
        );
    }

    #[test]
    fn unknown_pillar_is_located() {
        let text = "(\n  name: (id: \"x\"),\n  stage: 1,\n  steps: [\n    (id: \"a\", kind: pillar, pillar: Some(tourism), title: (id: \"A\"), minutes: 5),\n  ],\n)";
        let err = parse(text).expect_err("unknown pillar");
        assert_eq!(err.line, 5);
        assert!(
            err.problem.to_string().contains("tourism"),
            "{}",
            err.problem.to_string()
        );
    }

    #[test]
    fn empty_agenda_and_bad_elements_are_refused() {
        let empty = "(name: (id: \"x\"), stage: 1, steps: [])";
        assert!(
            parse(empty)
                .expect_err("empty")
                .problem
                .to_string()
                .contains("no steps")
        );
        let bad = "(name: (id: \"x\"), stage: 2,\n elements: [(code: \"tourism.beach\", name: (id: \"Pantai\"))],\n steps: [(id: \"a\", kind: info, title: (id: \"A\"), minutes: 5)])";
        let err = parse(bad).expect_err("bad element");
        assert_eq!((err.line, err.col), (2, 20));
        let ok = "(name: (id: \"x\"), stage: 2,\n elements: [(code: \"governance.desa-cerdas\", name: (id: \"Desa Cerdas\"))],\n steps: [(id: \"a\", kind: pillar, pillar: Some(governance), title: (id: \"A\"), minutes: 5)])";
        let (_, agenda) = parse(ok).expect("extra element accepted");
        assert!(element_known("governance.desa-cerdas", &agenda, catalog()));
    }

    #[test]
    fn absurd_durations_are_refused() {
        let text =
            "(name: (id: \"x\"), stage: 1, steps: [(id: \"a\", kind: info, title: (id: \"A\"), minutes: 100000)])";
        assert!(
            parse(text)
                .expect_err("too long")
                .problem
                .to_string()
                .contains("minutes")
        );
    }
}
