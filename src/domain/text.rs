use serde::{Deserialize, Serialize};

use super::Lang;

/// A text given in both languages of the product. English may be left empty; Bahasa Indonesia is
/// then shown instead, because an Indonesian text is better than none.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub id: String,
    #[serde(default)]
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.id,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.id.is_empty() && self.en.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_indonesian() {
        let t = Text::new("Pembukaan", "");
        assert_eq!(t.get(Lang::En), "Pembukaan");
        let t = Text::new("Pembukaan", "Opening");
        assert_eq!(t.get(Lang::En), "Opening");
        assert_eq!(t.get(Lang::Id), "Pembukaan");
    }
}
