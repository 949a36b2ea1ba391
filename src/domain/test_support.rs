//! Small sessions built in code, so domain tests do not depend on the bundled data.

use time::macros::datetime;

use super::session::NewSession;
use super::*;

pub fn now() -> time::OffsetDateTime {
    datetime!(2021-09-07 09:00 +9)
}

fn t(s: &str) -> Text {
    Text::new(s, s)
}

fn element(code: &str) -> ElementDef {
    ElementDef {
        code: code.into(),
        name: t(code),
        question: Text::default(),
    }
}

pub fn catalog() -> Catalog {
    let pillars = Pillar::ALL
        .iter()
        .map(|p| PillarDef {
            code: *p,
            name: t(p.code()),
            summary: Text::default(),
            elements: match p {
                Pillar::Governance => ["governance.service", "governance.bureaucracy", "governance.policy"]
                    .iter()
                    .map(|c| element(c))
                    .collect(),
                Pillar::Living => ["living.harmony", "living.health", "living.mobility"]
                    .iter()
                    .map(|c| element(c))
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect();
    let aspects = Aspect::ALL
        .iter()
        .map(|a| AspectDef {
            code: *a,
            name: t(a.code()),
            subs: Vec::new(),
        })
        .collect();
    Catalog { pillars, aspects }
}

fn step(id: &str, kind: StepKind, pillar: Option<Pillar>, collects: &[Kind]) -> Step {
    Step {
        id: id.into(),
        kind,
        pillar,
        title: t(id),
        prompt: t("prompt"),
        notes: Text::default(),
        minutes: 30,
        collects: collects.to_vec(),
        spent_seconds: 0,
    }
}

pub fn agenda() -> Agenda {
    Agenda {
        name: t("test"),
        elements: Vec::new(),
        steps: vec![
            step("opening", StepKind::Info, None, &[Kind::Note]),
            step(
                "readiness",
                StepKind::Readiness,
                None,
                &[Kind::Strength, Kind::Weakness, Kind::Opportunity, Kind::Threat],
            ),
            step(
                "pillar-governance",
                StepKind::Pillar,
                Some(Pillar::Governance),
                &[Kind::Problem, Kind::Potential, Kind::Program],
            ),
            step(
                "pillar-living",
                StepKind::Pillar,
                Some(Pillar::Living),
                &[Kind::Problem, Kind::Potential, Kind::Program],
            ),
            step("review", StepKind::Review, None, &[Kind::Program]),
        ],
    }
}

pub fn session() -> Session {
    let spec = NewSession {
        region: "Kabupaten Contoh".into(),
        stage: Stage::new(1).expect("stage"),
        date: "2021-09-07".parse().expect("date"),
        venue: "Aula".into(),
        title: None,
        mentors: Vec::new(),
        region_code: None,
    };
    Session::new("01TESTSESSION".into(), spec, agenda(), now())
}

pub fn entry(id: &str, text: &str) -> Entry {
    Entry::new(id.into(), Kind::Problem, text, now())
}
