//! What a program idea carries once the room works on it (Bimtek II–IV), and the impact/effort
//! matrix that finds quick wins.

use serde::{Deserialize, Serialize};

use super::Problem;

use super::codes::code_enum;

code_enum!(
    /// Roadmap horizon: short up to 1 year, medium up to 5, long up to 10.
    Horizon { Short = "short", Medium = "medium", Long = "long" }
);

code_enum!(
    BudgetSource { Apbd = "apbd", Apbn = "apbn", Csr = "csr", Kpbu = "kpbu", Other = "other" }
);

code_enum!(
    InnovationType {
        Program = "program",
        Product = "produk",
        Method = "metode",
        Conceptual = "konseptual",
        Technology = "teknologi",
    }
);

code_enum!(
    ProgramStatus { Idea = "idea", Chosen = "chosen", Planned = "planned", Running = "running", Done = "done", Dropped = "dropped" }
);

/// The lowest and highest score of impact and effort.
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramInfo {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The agency (OPD) in charge.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opd: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<Horizon>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetSource>,
    /// The RPJMD program or OPD Renstra item it serves.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plan_link: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub innovation: Option<InnovationType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<u8>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quick_win: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ProgramStatus>,
}

impl ProgramInfo {
    pub fn is_empty(&self) -> bool {
        *self == ProgramInfo::default()
    }

    /// Checks the scores a hand edit or an import could get wrong.
    pub fn validate(&self) -> Result<(), Problem> {
        for (field, v) in [("impact", self.impact), ("effort", self.effort)] {
            if let Some(value) = v
                && !SCALE.contains(&value)
            {
                return Err(Problem::ProgramScore { field, value });
            }
        }
        if let Some(y) = self.target_year
            && !(2000..=2100).contains(&y)
        {
            return Err(Problem::ProgramYear { year: y });
        }
        Ok(())
    }
}

/// Where a program falls on the 2×2 impact/effort matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quadrant {
    /// High impact, low effort: the quick-win candidates.
    QuickWin,
    /// High impact, high effort: major projects.
    MajorProject,
    /// Low impact, low effort: fill-ins.
    FillIn,
    /// Low impact, high effort: reconsider.
    Reconsider,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::QuickWin,
        Quadrant::MajorProject,
        Quadrant::FillIn,
        Quadrant::Reconsider,
    ];
}

impl ProgramInfo {
    /// Whether the scores given so far allow a quick win (high impact, low effort; a score not
    /// yet given does not stand in the way).
    pub fn quick_win_fits(&self) -> bool {
        self.impact.is_none_or(|i| i >= 3) && self.effort.is_none_or(|e| e <= 2)
    }
}

/// Impact 3–5 counts as high; effort 1–2 as low. A middling effort (3) is not low: a quick win
/// must be clearly light to deliver within six months to a year.
pub fn quadrant(impact: u8, effort: u8) -> Quadrant {
    match (impact >= 3, effort <= 2) {
        (true, true) => Quadrant::QuickWin,
        (true, false) => Quadrant::MajorProject,
        (false, true) => Quadrant::FillIn,
        (false, false) => Quadrant::Reconsider,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_follow_the_documented_thresholds() {
        assert_eq!(quadrant(5, 1), Quadrant::QuickWin);
        assert_eq!(quadrant(3, 2), Quadrant::QuickWin);
        assert_eq!(quadrant(3, 3), Quadrant::MajorProject);
        assert_eq!(quadrant(2, 2), Quadrant::FillIn);
        assert_eq!(quadrant(1, 5), Quadrant::Reconsider);
    }

    #[test]
    fn scores_outside_the_scale_are_refused() {
        let mut p = ProgramInfo {
            impact: Some(6),
            ..ProgramInfo::default()
        };
        assert!(p.validate().is_err());
        p.impact = Some(5);
        p.effort = Some(0);
        assert!(p.validate().is_err());
        p.effort = Some(1);
        assert!(p.validate().is_ok());
    }
}
