//! Stable codes used in files, CSV import and the command line.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "in" | "ind" | "indonesia" => Ok(Lang::Id),
            "en" | "eng" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (use id or en)")),
        }
    }
}

/// An enum of fixed codes: serialised as its code, listed in `ALL`, read back case-insensitively.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                let code = code.trim();
                Self::ALL.iter().copied().find(|v| v.code().eq_ignore_ascii_case(code))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub(crate) use code_enum;

code_enum!(
    /// The six Smart City dimensions.
    Pillar {
        Governance = "governance",
        Branding = "branding",
        Economy = "economy",
        Living = "living",
        Society = "society",
        Environment = "environment",
    }
);

code_enum!(
    /// What a participant's contribution is.
    Kind {
        Strength = "strength",
        Weakness = "weakness",
        Opportunity = "opportunity",
        Threat = "threat",
        StrategySo = "strategy_so",
        StrategyWo = "strategy_wo",
        StrategySt = "strategy_st",
        StrategyWt = "strategy_wt",
        Problem = "problem",
        Potential = "potential",
        Program = "program",
        Vision = "vision",
        Note = "note",
        Commitment = "commitment",
    }
);

code_enum!(
    /// The three aspects of the regional readiness analysis.
    Aspect {
        Struktur = "struktur",
        Infrastruktur = "infrastruktur",
        Suprastruktur = "suprastruktur",
    }
);

/// Bimtek I to IV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stage(u8);

impl Stage {
    pub const ALL: [Stage; 4] = [Stage(1), Stage(2), Stage(3), Stage(4)];

    pub fn new(n: u8) -> Option<Stage> {
        (1..=4).contains(&n).then_some(Stage(n))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub fn roman(self) -> &'static str {
        ["I", "II", "III", "IV"][usize::from(self.0 - 1)]
    }

    pub fn next(self) -> Stage {
        Stage(if self.0 >= 4 { 1 } else { self.0 + 1 })
    }
}

impl TryFrom<u8> for Stage {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        Stage::new(n).ok_or_else(|| format!("stage must be 1 to 4, not {n}"))
    }
}

impl From<Stage> for u8 {
    fn from(s: Stage) -> u8 {
        s.0
    }
}

impl FromStr for Stage {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let n = match t.to_ascii_uppercase().as_str() {
            "I" => 1,
            "II" => 2,
            "III" => 3,
            "IV" => 4,
            _ => t
                .parse::<u8>()
                .map_err(|_| format!("stage must be 1 to 4, not '{t}'"))?,
        };
        Stage::try_from(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for p in Pillar::ALL {
            assert_eq!(Pillar::from_code(p.code()), Some(*p));
        }
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(*k));
        }
        assert_eq!(Kind::from_code(" Problem "), Some(Kind::Problem));
        assert_eq!(Pillar::from_code("smart"), None);
    }

    #[test]
    fn stage_parses_numbers_and_roman() {
        assert_eq!("3".parse::<Stage>().map(Stage::number), Ok(3));
        assert_eq!("iv".parse::<Stage>().map(Stage::number), Ok(4));
        assert!("5".parse::<Stage>().is_err());
        assert!("0".parse::<Stage>().is_err());
        assert_eq!(Stage::new(2).map(Stage::roman), Some("II"));
    }
}
