//! UI strings. The catalogs are RON files in `assets/i18n/`, embedded; every string is a named
//! field, so a missing or misspelt key is caught when the catalog loads in the tests, not on a
//! projector in front of the room.
//!
//! The catalog is read as a map and the fields are filled one by one, rather than through a
//! derived `Deserialize`: serde's visitor for a struct of several hundred fields is one function
//! so large that an optimised build spent over ten minutes on it alone.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use ron::Value;

use crate::domain::{Kind, Lang, Problem, Role};

const ID: &str = include_str!("../assets/i18n/id.ron");
const EN: &str = include_str!("../assets/i18n/en.ron");

/// Declares `Strings` and the function that fills it from the catalog, from one list of fields.
macro_rules! catalog {
    (pub struct $name:ident { $( pub $field:ident : $ty:ty ),* $(,)? }) => {
        #[derive(Debug)]
        pub struct $name {
            $( pub $field: $ty, )*
        }

        impl $name {
            fn from_map(mut map: BTreeMap<String, Value>) -> Result<$name, String> {
                let mut problems = Vec::new();
                // No early return between fields: that keeps the generated code linear.
                let s = $name { $( $field: take(&mut map, stringify!($field), &mut problems), )* };
                problems.extend(map.keys().map(|k| format!("unknown key '{k}'")));
                if problems.is_empty() { Ok(s) } else { Err(problems.join("; ")) }
            }
        }
    };
}

/// A catalog value of one of the shapes the catalog uses.
trait FromValue: Sized + Default {
    fn from_value(v: Value) -> Result<Self, String>;
}

macro_rules! from_value_via_serde {
    ($($t:ty),*) => {
        $(impl FromValue for $t {
            fn from_value(v: Value) -> Result<Self, String> {
                v.into_rust().map_err(|e| e.to_string())
            }
        })*
    };
}

from_value_via_serde!(String, Vec<String>, Vec<(String, String)>, BTreeMap<String, String>);

impl FromValue for BTreeMap<Kind, String> {
    fn from_value(v: Value) -> Result<Self, String> {
        let raw = BTreeMap::<String, String>::from_value(v)?;
        raw.into_iter()
            .map(|(k, t)| {
                Kind::from_code(&k)
                    .map(|k| (k, t))
                    .ok_or_else(|| format!("unknown kind '{k}'"))
            })
            .collect()
    }
}

impl FromValue for BTreeMap<Role, String> {
    fn from_value(v: Value) -> Result<Self, String> {
        let raw = BTreeMap::<String, String>::from_value(v)?;
        raw.into_iter()
            .map(|(k, t)| {
                let role = ron::from_str::<Role>(&k).map_err(|_| format!("unknown role '{k}'"))?;
                Ok((role, t))
            })
            .collect()
    }
}

fn take<T: FromValue>(map: &mut BTreeMap<String, Value>, key: &str, problems: &mut Vec<String>) -> T {
    match map.remove(key) {
        Some(v) => T::from_value(v).unwrap_or_else(|e| {
            problems.push(format!("'{key}': {e}"));
            T::default()
        }),
        None => {
            problems.push(format!("missing '{key}'"));
            T::default()
        }
    }
}

catalog! {
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

    // Facilitation
    pub vote_typed: String,
    pub audience_waiting: String,
    pub audience_title: String,
    pub err_edit_missing: String,
    pub err_edit_minutes: String,
    pub err_vote_budget: String,
    pub err_vote_stacking: String,
    pub err_vote_nothing: String,
    pub err_vote_gone: String,
    pub err_vote_bad_budget: String,
    pub flash_score_saved: String,
    pub flash_score_cleared: String,
    pub flash_score_range: String,
    pub flash_score_first: String,
    pub flash_vote_added: String,
    pub flash_vote_removed: String,
    pub flash_votes_revealed: String,
    pub flash_votes_hidden: String,
    pub flash_vote_rules: String,
    pub flash_vote_new_round: String,
    pub flash_program_saved: String,
    pub flash_not_a_program: String,
    pub flash_quick_win_on: String,
    pub flash_quick_win_off: String,
    pub flash_name_required: String,
    pub flash_participant_saved: String,
    pub flash_participant_removed: String,
    pub flash_bad_year: String,
    pub flash_bad_date: String,
    pub flash_opd_required: String,
    pub flash_commitment_saved: String,
    pub flash_commitment_deleted: String,
    pub flash_timer_started: String,
    pub flash_timer_paused: String,
    pub flash_minutes_changed: String,
    pub timer_paused: String,
    pub timer_over: String,
    pub timer_left: String,
    pub projected_end: String,
    pub readiness_title: String,
    pub readiness_disclaimer: String,
    pub readiness_scope: String,
    pub readiness_whole: String,
    pub readiness_average: String,
    pub readiness_unscored: String,
    pub readiness_keys: String,
    pub readiness_note: String,
    pub vote_title: String,
    pub vote_rules: String,
    pub vote_stacking_yes: String,
    pub vote_stacking_no: String,
    pub vote_hidden: String,
    pub vote_revealed: String,
    pub vote_voter: String,
    pub vote_tally: String,
    pub vote_total: String,
    pub vote_keys: String,
    pub vote_empty: String,
    pub vote_tie: String,
    pub vote_mine: String,
    pub matrix_title: String,
    pub matrix_all: String,
    pub matrix_quick_win: String,
    pub matrix_major: String,
    pub matrix_fill_in: String,
    pub matrix_reconsider: String,
    pub matrix_unscored: String,
    pub matrix_definition: String,
    pub matrix_keys: String,
    pub matrix_pending_impact: String,
    pub matrix_pending_effort: String,
    pub matrix_empty: String,
    pub impact_short: String,
    pub effort_short: String,
    pub roster_title: String,
    pub roster_present: String,
    pub roster_absent: String,
    pub roster_keys: String,
    pub roster_name: String,
    pub roster_institution: String,
    pub roster_role: String,
    pub roster_form_keys: String,
    pub roster_confirm: String,
    pub roster_empty: String,
    pub find_title: String,
    pub find_hint: String,
    pub find_count: String,
    pub find_keys: String,
    pub find_none: String,
    pub program_title: String,
    pub program_description: String,
    pub program_opd: String,
    pub program_horizon: String,
    pub program_year: String,
    pub program_budget: String,
    pub program_plan_link: String,
    pub program_innovation: String,
    pub program_impact: String,
    pub program_effort: String,
    pub program_quick_win: String,
    pub program_status: String,
    pub program_keys: String,
    pub unset: String,
    pub yes: String,
    pub no: String,
    pub commit_title: String,
    pub commit_empty: String,
    pub commit_signed: String,
    pub commit_unsigned: String,
    pub commit_programs_n: String,
    pub commit_keys: String,
    pub commit_opd: String,
    pub commit_signer: String,
    pub commit_date: String,
    pub commit_programs: String,
    pub commit_form_keys: String,
    pub help_tools: String,
    pub horizons: BTreeMap<String, String>,
    pub budgets: BTreeMap<String, String>,
    pub innovations: BTreeMap<String, String>,
    pub statuses: BTreeMap<String, String>,
    pub help_keys_tools: Vec<(String, String)>,
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
    // Data safety
    pub help_data: String,
    pub help_keys_data: Vec<(String, String)>,
    pub entry_too_long: String,
    pub backups_title: String,
    pub backups_empty: String,
    pub backups_row: String,
    pub backups_row_bad: String,
    pub backups_keys: String,
    pub backups_confirm: String,
    pub backups_restored: String,
    pub recovery_title: String,
    pub recovery_text: String,
    pub recovery_current: String,
    pub recovery_current_missing: String,
    pub recovery_bad: String,
    pub recovery_keys: String,
    pub recovery_used: String,
    pub recovery_discarded: String,
    pub recovery_written: String,
    pub recovery_not_needed: String,
    pub recovery_write_failed: String,
    pub exit_unsaved: String,
    pub locked_title: String,
    pub locked_keys: String,
    pub locked_read_only_hint: String,
    pub save_as_title: String,
    pub save_as_label: String,
    pub save_as_keys: String,
    pub save_as_empty: String,
    pub save_as_exists: String,
    pub save_as_no_folder: String,
    pub save_as_done: String,
    pub cli_backups_heading: String,
    pub cli_backups_row: String,
    pub cli_backups_row_bad: String,
    pub cli_backups_hint: String,
    pub cli_backups_none: String,
    pub cli_restored: String,
    pub err_backup_number: String,
    pub err_backup_bad: String,
    // Outputs
    pub out_months: Vec<String>,
    pub out_decimal: String,
    pub out_meta_region: String,
    pub out_meta_stage: String,
    pub out_meta_date: String,
    pub out_meta_venue: String,
    pub out_meta_facilitators: String,
    pub out_examples_note: String,
    pub out_example_mark: String,
    pub out_from_stage: String,
    pub out_quick_win_mark: String,
    pub out_book1: String,
    pub out_book2: String,
    pub out_book3: String,
    pub out_book4: String,
    pub out_annexes: String,
    pub out_readiness: String,
    pub out_readiness_none: String,
    pub out_readiness_by_pillar: String,
    pub out_readiness_average: String,
    pub out_readiness_chart: String,
    pub out_swot: String,
    pub out_swot_none: String,
    pub out_swot_other: String,
    pub out_vision: String,
    pub out_vision_none: String,
    pub out_problems: String,
    pub out_problems_none: String,
    pub out_no_pillar: String,
    pub out_programs: String,
    pub out_programs_none: String,
    pub out_quick_wins_none: String,
    pub out_roadmap_intro: String,
    pub out_roadmap_none: String,
    pub out_horizon_unset: String,
    pub out_participants: String,
    pub out_participants_none: String,
    pub out_attendance: String,
    pub out_agenda: String,
    pub out_total: String,
    pub out_commitments: String,
    pub out_commitments_none: String,
    pub out_commitment_entries: String,
    pub out_notes: String,
    pub out_notes_none: String,
    pub out_col_no: String,
    pub out_col_sub: String,
    pub out_col_score: String,
    pub out_col_note: String,
    pub out_col_pillar: String,
    pub out_col_element: String,
    pub out_col_kind: String,
    pub out_col_text: String,
    pub out_col_proposer: String,
    pub out_col_program: String,
    pub out_col_opd: String,
    pub out_col_horizon: String,
    pub out_col_year: String,
    pub out_col_budget: String,
    pub out_col_innovation: String,
    pub out_col_votes: String,
    pub out_col_status: String,
    pub out_col_impact: String,
    pub out_col_effort: String,
    pub out_col_name: String,
    pub out_col_institution: String,
    pub out_col_role: String,
    pub out_col_present: String,
    pub out_col_step: String,
    pub out_col_planned: String,
    pub out_col_actual: String,
    pub out_col_signer: String,
    pub out_col_signed: String,
    pub out_col_committed: String,
    pub out_plan_link: String,
    pub out_formats: Vec<String>,
    pub out_written: String,
    pub out_err_exists: String,
    pub out_err_no_folder: String,
    pub problems: BTreeMap<String, String>,
    pub out_err_is_session: String,
    pub out_err_render: String,
    pub out_dialog_title: String,
    pub out_dialog_where: String,
    pub out_dialog_keys: String,
    pub out_dialog_exists: String,
    pub out_dialog_exists_keys: String,
    pub out_exported: String,
    pub out_carry_title: String,
    pub out_carried: String,
    pub out_err_carry_stage: String,
    pub out_err_carry_last: String,
    pub out_merged: String,
    pub out_merge_nothing: String,
    pub out_merge_conflict: String,
    pub out_merge_conflict_other: String,
    pub out_err_merge_unrelated: String,
    pub out_err_merge_self: String,
    pub out_err_merge_invalid: String,
    pub out_help_title: String,
    pub out_help_keys: Vec<(String, String)>,
    pub err_theme_unknown: String,
    // console
    pub too_small_how: String,
}
}

impl Strings {
    pub fn kind(&self, k: Kind) -> &str {
        self.kinds.get(&k).map_or(k.code(), String::as_str)
    }

    pub fn role(&self, r: Role) -> &str {
        self.roles.get(&r).map_or("", String::as_str)
    }

    /// The name of a code from one of the code maps (horizons, budgets, …), or the code itself.
    pub fn label<'a>(map: &'a BTreeMap<String, String>, code: &'a str) -> &'a str {
        map.get(code).map_or(code, String::as_str)
    }
}

fn parse(text: &str) -> Result<Strings, String> {
    let map: BTreeMap<String, Value> =
        ron::from_str(text).map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
    Strings::from_map(map)
}

fn load(text: &str) -> Strings {
    parse(text).expect("the embedded UI catalog is valid")
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

/// A problem in a file, in the words of `tr`'s language.
pub fn describe(problem: &Problem, tr: &Strings) -> String {
    let (key, mut values) = problem.parts();
    if let Problem::Entry { problem: inner, .. } = problem {
        values.push(("problem", describe(inner, tr)));
    }
    let template = tr.problems.get(key).map_or(key, String::as_str);
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(template, &pairs)
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&describe(self, strings(Lang::En)))
    }
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
        for lang in [Lang::Id, Lang::En] {
            use crate::domain::program::{BudgetSource, Horizon, InnovationType, ProgramStatus};
            let s = strings(lang);
            let covered = |map: &BTreeMap<String, String>, codes: Vec<&str>| codes.iter().all(|c| map.contains_key(*c));
            assert!(covered(&s.horizons, Horizon::ALL.iter().map(|x| x.code()).collect()));
            assert!(covered(
                &s.budgets,
                BudgetSource::ALL.iter().map(|x| x.code()).collect()
            ));
            assert!(covered(
                &s.innovations,
                InnovationType::ALL.iter().map(|x| x.code()).collect()
            ));
            assert!(covered(
                &s.statuses,
                ProgramStatus::ALL.iter().map(|x| x.code()).collect()
            ));
        }
        assert_eq!(strings(Lang::Id).kind(Kind::Problem), "Permasalahan");
        assert_eq!(strings(Lang::En).kind(Kind::Problem), "Problem");
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill("{n} dari {t}", &[("n", "2"), ("t", "9")]), "2 dari 9");
    }
}

#[cfg(test)]
mod catalog_tests {
    use super::*;

    #[test]
    fn a_missing_or_unknown_key_is_named() {
        let missing = ID.replacen("\"app_name\": \"bimtek\",", "", 1);
        assert!(parse(&missing).expect_err("missing").contains("missing 'app_name'"));
        let extra = ID.replacen(
            "\"app_name\": \"bimtek\",",
            "\"app_name\": \"bimtek\", \"apk_name\": \"x\",",
            1,
        );
        assert!(parse(&extra).expect_err("unknown").contains("unknown key 'apk_name'"));
        let wrong = ID.replacen("\"strength\": \"Kekuatan\"", "\"strenght\": \"Kekuatan\"", 1);
        assert!(parse(&wrong).expect_err("bad kind").contains("strenght"));
    }

    #[test]
    fn every_file_problem_has_words_in_every_language() {
        for lang in [Lang::Id, Lang::En] {
            let tr = strings(lang);
            for p in Problem::examples() {
                let (key, _) = p.parts();
                assert!(tr.problems.contains_key(key), "{lang:?}: no words for '{key}'");
                let text = describe(&p, tr);
                assert!(!text.contains('{'), "{lang:?}: '{key}' leaves a placeholder: {text}");
            }
            assert_eq!(
                tr.problems.len(),
                Problem::examples().len(),
                "{lang:?}: words for no problem"
            );
        }
        let nested = Problem::Entry {
            id: "01H".into(),
            problem: Box::new(Problem::EntryNoText),
        };
        assert_eq!(describe(&nested, strings(Lang::Id)), "masukan 01H: isinya kosong");
        assert_eq!(nested.to_string(), "entry 01H: the text is empty");
    }
}
