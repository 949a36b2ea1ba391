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

/// The years a program may name (start or target).
pub const YEARS: std::ops::RangeInclusive<u16> = 2000..=2100;

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
    // The fields of a masterplan's program table (Buku 2) and of a quick-win sheet (Buku 3).
    /// Partners outside the government (mitra): businesses, universities, communities.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub partners: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    /// What shows that it works, with its target (indikator/target).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indicator: String,
    /// What it delivers (keluaran).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub output: String,
    /// The estimated cost in rupiah (perkiraan anggaran).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// The first year of implementation; `target_year` is the year it is to be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_year: Option<u16>,
    /// Quick-win sheet: why (latar belakang), what for (tujuan), what is done (kegiatan), when
    /// (jadwal).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub background: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goal: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub activities: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub schedule: String,
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
        for y in [self.start_year, self.target_year].into_iter().flatten() {
            if !YEARS.contains(&y) {
                return Err(Problem::ProgramYear { year: y });
            }
        }
        Ok(())
    }
}

/// A value typed in a form or a spreadsheet that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadValue;

/// `1500000000` as `1.500.000.000`, as the cost is typed and read in Indonesia.
pub fn rupiah_digits(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A year as typed: empty is none; anything but digits is refused (the range is checked by
/// [`ProgramInfo::validate`]).
pub fn parse_year(text: &str) -> Result<Option<u16>, BadValue> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u16>().map(Some).map_err(|_| BadValue)
}

/// A cost in rupiah as typed in Indonesia or in a spreadsheet: `Rp 1.500.000.000`,
/// `1500000000`, `1 500 000`. Thousands separators (dot, comma, space) are dropped; decimals
/// (`1,5 M`) and words are refused rather than guessed. Empty is none.
pub fn parse_rupiah(text: &str) -> Result<Option<u64>, BadValue> {
    let t = text.trim();
    let t = t
        .strip_prefix("Rp")
        .or_else(|| t.strip_prefix("rp"))
        .or_else(|| t.strip_prefix("RP"))
        .unwrap_or(t)
        .trim_start_matches('.')
        .trim();
    if t.is_empty() {
        return Ok(None);
    }
    let groups: Vec<&str> = t.split(['.', ',', ' ', '\u{a0}']).collect();
    let grouped = groups.len() > 1;
    let mut digits = String::new();
    for (i, g) in groups.iter().enumerate() {
        if g.is_empty() || !g.chars().all(|c| c.is_ascii_digit()) {
            return Err(BadValue);
        }
        // With separators, every group after the first has three digits: `1,5` is refused.
        if grouped && i > 0 && g.len() != 3 {
            return Err(BadValue);
        }
        digits.push_str(g);
    }
    digits.parse::<u64>().map(Some).map_err(|_| BadValue)
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
    fn costs_are_read_as_rupiah_with_thousands_separators() {
        assert_eq!(parse_rupiah("Rp 1.500.000.000"), Ok(Some(1_500_000_000)));
        assert_eq!(parse_rupiah("1500000"), Ok(Some(1_500_000)));
        assert_eq!(parse_rupiah("1 500 000"), Ok(Some(1_500_000)));
        assert_eq!(parse_rupiah("2,000,000"), Ok(Some(2_000_000)));
        assert_eq!(parse_rupiah(""), Ok(None));
        assert_eq!(parse_rupiah("1,5 M"), Err(BadValue));
        assert_eq!(parse_rupiah("1,5"), Err(BadValue));
        assert_eq!(parse_rupiah("banyak"), Err(BadValue));
        assert_eq!(parse_year(" 2026 "), Ok(Some(2026)));
        assert_eq!(parse_year("20x6"), Err(BadValue));
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
