//! The user's settings (language, theme, log file) and their own themes, in the config folder:
//! `--config-dir`/`$BIMTEK_CONFIG_DIR`, else the platform's (`~/.config/bimtek`,
//! `%APPDATA%\bimtek\bimtek\config`, …).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::Lang;
use crate::theme::{GlyphLevel, ThemeFile};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub lang: Option<Lang>,
    pub theme: Option<String>,
    /// A log file of saves, locks and recoveries (`--log FILE` overrides it); none if absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<PathBuf>,
    /// Rebound keys: a binding's name (`session.next_step`) and its keys (`["PageDown", "n"]`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub keys: BTreeMap<String, Vec<String>>,
    /// `full`, `block` or `ascii`; detected from the console when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glyphs: Option<GlyphLevel>,
}

pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BIMTEK_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("id", "bimtek", "bimtek")
        .map(|d| d.config_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("bimtek-config"))
}

fn config_file(dir: &Path) -> PathBuf {
    dir.join("config.ron")
}

/// The settings, or the defaults if there are none. A broken config file is reported and
/// otherwise ignored: it must never stop a workshop.
pub fn load(dir: &Path) -> (Config, Option<String>) {
    let path = config_file(dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => match ron::from_str::<Config>(&text) {
            Ok(c) => (c, None),
            Err(e) => (
                Config::default(),
                Some(format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    e.span.start.line,
                    e.span.start.col,
                    e.code
                )),
            ),
        },
        Err(_) => (Config::default(), None),
    }
}

/// `config.ron:LINE` of the first line that mentions `needle` (a key or action named in a
/// message about the file), or the file alone.
pub fn locate(dir: &Path, needle: &str) -> String {
    let path = config_file(dir);
    let quoted = format!("\"{needle}\"");
    let line = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| t.lines().position(|l| l.contains(&quoted)).map(|i| i + 1));
    match line {
        Some(n) => format!("{}:{n}", path.display()),
        None => path.display().to_string(),
    }
}

/// Remembers the language and theme, keeping everything else the file holds. A file that does
/// not load is left alone rather than replaced by one without the user's other settings.
pub fn remember(dir: &Path, lang: Lang, theme: &str) -> std::io::Result<()> {
    let (mut config, problem) = load(dir);
    if problem.is_some() {
        return Ok(());
    }
    config.lang = Some(lang);
    config.theme = Some(theme.to_string());
    save(dir, &config)
}

pub fn save(dir: &Path, config: &Config) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let text = ron::ser::to_string_pretty(config, ron::ser::PrettyConfig::new().new_line("\n"))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    super::save::write_atomic(&config_file(dir), format!("// bimtek settings\n{text}\n").as_bytes())
}

/// The user's own themes (`themes/*.ron` in the config folder), with a message for each file
/// that is not a valid theme.
pub fn user_themes(dir: &Path) -> (Vec<ThemeFile>, Vec<String>) {
    let mut themes = Vec::new();
    let mut problems = Vec::new();
    let Ok(read) = std::fs::read_dir(dir.join("themes")) else {
        return (themes, problems);
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    for p in paths {
        match std::fs::read_to_string(&p)
            .map_err(|e| e.to_string())
            .and_then(|t| ThemeFile::parse(&t))
        {
            Ok(t) => themes.push(t),
            Err(e) => problems.push(format!("{}: {e}", p.display())),
        }
    }
    (themes, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_a_broken_file_is_only_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(load(dir.path()).0, Config::default());
        let c = Config {
            lang: Some(Lang::En),
            theme: Some("terang".into()),
            log: Some(PathBuf::from("bimtek.log")),
            keys: BTreeMap::new(),
            glyphs: Some(GlyphLevel::Block),
        };
        save(dir.path(), &c).expect("save");
        assert!(
            std::fs::read_to_string(dir.path().join("config.ron"))
                .expect("read")
                .contains("glyphs: Some(block)"),
            "written as a user would write it"
        );
        assert_eq!(load(dir.path()), (c, None));
        std::fs::write(dir.path().join("config.ron"), "(lang: Some(fr))").expect("write");
        let (c, problem) = load(dir.path());
        assert_eq!(c, Config::default());
        assert!(problem.expect("reported").contains("config.ron:1:"));
    }

    #[test]
    fn remembering_the_look_keeps_rebound_keys_and_a_broken_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = "(\n  keys: {\n    \"session.next_step\": [\"F8\"],\n  },\n)\n";
        std::fs::write(dir.path().join("config.ron"), text).expect("write");
        assert!(locate(dir.path(), "session.next_step").ends_with("config.ron:3"));
        remember(dir.path(), Lang::En, "kontras").expect("remember");
        let (c, problem) = load(dir.path());
        assert_eq!(problem, None);
        assert_eq!(c.keys["session.next_step"], ["F8"]);
        assert_eq!(c.theme.as_deref(), Some("kontras"));
        std::fs::write(dir.path().join("config.ron"), "(lang: Some(fr))").expect("write");
        remember(dir.path(), Lang::En, "kontras").expect("remember");
        let kept = std::fs::read_to_string(dir.path().join("config.ron")).expect("read");
        assert_eq!(kept, "(lang: Some(fr))", "a broken file is not replaced");
    }

    #[test]
    fn user_themes_are_read_and_bad_ones_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("themes")).expect("mkdir");
        let mine = crate::theme::BUILTIN[1].replace("name: \"terang\"", "name: \"dinas\"");
        std::fs::write(dir.path().join("themes/dinas.ron"), mine).expect("write");
        std::fs::write(dir.path().join("themes/rusak.ron"), "(name: \"x\")").expect("write");
        let (themes, problems) = user_themes(dir.path());
        assert_eq!(themes.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["dinas"]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("rusak.ron"));
    }
}
