//! UI strings. The catalogs are RON files in `assets/i18n/`, embedded; every string is a named
//! field, so a missing or misspelt key is caught when the catalog loads in the tests, not on a
//! projector in front of the room.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::domain::{Kind, Lang, Role};

const ID: &str = include_str!("../assets/i18n/id.ron");
const EN: &str = include_str!("../assets/i18n/en.ron");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub app_name: String,
    pub too_small: String,
    // Home
    pub home_title: String,
    pub home_folder: String,
    pub home_empty: String,
    pub home_demo_row: String,
    pub home_unreadable: String,
    pub home_keys: String,
    pub home_loading: String,
    pub col_region: String,
    pub col_stage: String,
    pub col_date: String,
    pub col_entries: String,
    pub col_changed: String,
    // New session form
    pub new_title: String,
    pub new_region: String,
    pub new_region_hint: String,
    pub new_stage: String,
    pub new_date: String,
    pub new_venue: String,
    pub new_keys: String,
    pub new_err_region: String,
    pub new_err_date: String,
    // Session screen
    pub agenda_title: String,
    pub step_of: String,
    pub minutes: String,
    pub planned_total: String,
    pub notes_title: String,
    pub question: String,
    pub general: String,
    pub no_entries: String,
    pub more_above: String,
    pub more_below: String,
    pub entries_count: String,
    pub pillars_overview_hint: String,
    pub summary_heading: String,
    pub summary_total: String,
    pub session_keys: String,
    pub read_only: String,
    pub example: String,
    // Save state
    pub save_clean: String,
    pub save_pending: String,
    pub save_ok: String,
    pub save_failed: String,
    // Flash messages
    pub flash_added: String,
    pub flash_updated: String,
    pub flash_deleted: String,
    pub flash_undone: String,
    pub flash_redone: String,
    pub flash_nothing_undo: String,
    pub flash_nothing_redo: String,
    pub flash_read_only: String,
    pub flash_refused: String,
    pub confirm_delete: String,
    // Entry form
    pub form_add: String,
    pub form_edit: String,
    pub field_text: String,
    pub field_kind: String,
    pub field_place: String,
    pub field_proposer: String,
    pub field_opd: String,
    pub form_keys: String,
    pub form_empty: String,
    pub form_suggest: String,
    pub anonymous: String,
    // Help
    pub help_title: String,
    pub help_close: String,
    pub help_everywhere: String,
    pub help_home: String,
    pub help_session: String,
    pub help_form: String,
    pub help_keys_everywhere: Vec<(String, String)>,
    pub help_keys_home: Vec<(String, String)>,
    pub help_keys_session: Vec<(String, String)>,
    pub help_keys_form: Vec<(String, String)>,
    // Names
    pub kinds: BTreeMap<Kind, String>,
    pub roles: BTreeMap<Role, String>,
    // Command line
    pub cli_created: String,
    pub cli_check_ok: String,
    pub cli_imported: String,
    pub cli_demo_ready: String,
    pub cli_no_sessions: String,
    pub err_locked: String,
    pub err_locked_unknown: String,
    pub err_exists: String,
    pub err_read: String,
    pub err_write: String,
    pub err_not_a_session: String,
    pub err_csv_header: String,
    pub err_csv_row: String,
    pub err_csv_pillar: String,
    pub err_csv_element: String,
    pub err_csv_kind: String,
    pub err_csv_text: String,
    pub err_csv_none: String,
    pub err_template: String,
    pub err_template_stage: String,
    pub err_terminal: String,
}

impl Strings {
    pub fn kind(&self, k: Kind) -> &str {
        self.kinds.get(&k).map_or(k.code(), String::as_str)
    }

    pub fn role(&self, r: Role) -> &str {
        self.roles.get(&r).map_or("", String::as_str)
    }
}

fn load(text: &str) -> Strings {
    ron::from_str(text).expect("the embedded UI catalog is valid")
}

pub fn strings(lang: Lang) -> &'static Strings {
    static IDS: OnceLock<Strings> = OnceLock::new();
    static ENS: OnceLock<Strings> = OnceLock::new();
    match lang {
        Lang::Id => IDS.get_or_init(|| load(ID)),
        Lang::En => ENS.get_or_init(|| load(EN)),
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_load_and_name_every_kind_and_role() {
        for lang in [Lang::Id, Lang::En] {
            let s = strings(lang);
            for k in Kind::ALL {
                assert!(s.kinds.contains_key(k), "{lang:?} lacks kind {k}");
            }
            for r in Role::ALL {
                assert!(s.roles.contains_key(&r), "{lang:?} lacks role {r:?}");
            }
            assert_eq!(s.help_keys_session.len(), strings(Lang::Id).help_keys_session.len());
        }
        assert_eq!(strings(Lang::Id).kind(Kind::Problem), "Permasalahan");
        assert_eq!(strings(Lang::En).kind(Kind::Problem), "Problem");
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill("{n} dari {t}", &[("n", "2"), ("t", "9")]), "2 dari 9");
    }
}
