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
    pub err_keys_config: String,
    pub err_keys_action: String,
    pub err_keys_key: String,
    pub err_keys_none: String,
    pub key_space: String,
    pub key_help: BTreeMap<String, String>,
    pub key_hint: BTreeMap<String, String>,
    pub key_scope: BTreeMap<String, String>,
    pub app_name: String,
    pub too_small: String,
    // Home
    pub home_title: String,
    pub home_folder: String,
    pub home_empty: String,
    pub home_demo_row: String,
    pub home_unreadable: String,
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
    pub matrix_pending_impact: String,
    pub matrix_pending_effort: String,
    pub matrix_empty: String,
    pub impact_short: String,
    pub effort_short: String,
    pub roster_title: String,
    pub roster_present: String,
    pub roster_absent: String,
    pub roster_name: String,
    pub roster_institution: String,
    pub roster_role: String,
    pub roster_confirm: String,
    pub roster_empty: String,
    pub find_title: String,
    pub find_hint: String,
    pub find_count: String,
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
    pub unset: String,
    pub yes: String,
    pub no: String,
    pub commit_title: String,
    pub commit_empty: String,
    pub commit_signed: String,
    pub commit_unsigned: String,
    pub commit_programs_n: String,
    pub commit_opd: String,
    pub commit_signer: String,
    pub commit_date: String,
    pub commit_programs: String,
    pub horizons: BTreeMap<String, String>,
    pub budgets: BTreeMap<String, String>,
    pub innovations: BTreeMap<String, String>,
    pub statuses: BTreeMap<String, String>,
    // Help
    pub help_title: String,
    pub help_close: String,
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
    pub entry_too_long: String,
    pub backups_title: String,
    pub backups_empty: String,
    pub backups_row: String,
    pub backups_row_bad: String,
    pub backups_confirm: String,
    pub backups_restored: String,
    pub merge_title: String,
    pub merge_target: String,
    pub merge_choose: String,
    pub merge_none_other: String,
    pub merge_row: String,
    pub merge_row_other: String,
    pub merge_refused_other: String,
    pub merge_refused_unreadable: String,
    pub merge_mark_first: String,
    pub merge_pending: String,
    pub merge_preview: String,
    pub merge_preview_nothing: String,
    pub merge_done_title: String,
    pub merge_done: String,
    pub merge_done_nothing: String,
    pub merge_done_conflicts: String,
    pub merge_conflict_entry: String,
    pub merge_backup: String,
    pub merge_target_sample: String,
    pub merge_target_unreadable: String,
    pub recovery_title: String,
    pub recovery_text: String,
    pub recovery_current: String,
    pub recovery_current_missing: String,
    pub recovery_bad: String,
    pub recovery_used: String,
    pub recovery_discarded: String,
    pub recovery_written: String,
    pub recovery_not_needed: String,
    pub recovery_write_failed: String,
    pub exit_unsaved: String,
    pub locked_title: String,
    pub locked_read_only_hint: String,
    pub save_as_title: String,
    pub save_as_label: String,
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
    pub out_rejected_ideas: String,
    pub out_rejected_count: String,
    pub out_ideas_pending: String,
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
    pub out_dialog_exists: String,
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
    pub err_theme_unknown: String,
    // log
    pub err_log: String,
    // defects: what the try-out in front of a room showed
    pub flash_step_collects_nothing: String,
    pub flash_note_saved: String,
    pub flash_tally_set: String,
    pub flash_quick_win_outside: String,
    pub form_discard_ask: String,
    pub os_not_found: String,
    pub os_no_permission: String,
    pub os_read_only: String,
    pub os_disk_full: String,
    pub os_in_use: String,
    pub os_detail: String,
    pub status_read_only: String,
    pub status_read_only_why: String,
    pub new_mentors: String,
    pub new_mentors_hint: String,
    pub flash_vote_nothing: String,
    pub flash_undone_what: String,
    pub flash_redone_what: String,
    pub change_entry_added: String,
    pub change_entry_removed: String,
    pub change_entry_changed: String,
    pub change_participant: String,
    pub change_score: String,
    pub change_vote: String,
    pub change_commitment: String,
    pub change_minutes: String,
    pub change_timer: String,
    pub change_room: String,
    pub change_presence: String,
    pub flash_all_present: String,
    // dataset: the region code on the new-session form, and `bimtek dataset`
    pub new_region_code: String,
    pub new_region_code_hint: String,
    pub new_err_region_code: String,
    pub dataset_skipped: String,
    pub dataset_duplicate: String,
    pub dataset_err_strict: String,
    pub dataset_err_none: String,
    pub dataset_err_exists: String,
    pub dataset_written: String,
    pub dataset_changed: String,
    pub vote_picking: String,
    pub vote_picking_none: String,
    // language: how times and durations are written
    pub time_sep: String,
    pub duration_hm: String,
    pub duration_h: String,
    pub duration_m: String,
    // masterplan books: program fields, spreadsheet import, one book over the stages
    pub flash_bad_cost: String,
    pub program_partners: String,
    pub program_location: String,
    pub program_indicator: String,
    pub program_output: String,
    pub program_cost: String,
    pub program_start_year: String,
    pub program_background: String,
    pub program_goal: String,
    pub program_activities: String,
    pub program_schedule: String,
    pub program_more: String,
    pub cli_import_done: String,
    pub err_csv_id_twice: String,
    pub err_csv_value: String,
    pub err_import_too_large: String,
    pub out_readiness_covered: String,
    pub out_book_title: String,
    pub out_book_stages: String,
    pub out_book_stage_missing: String,
    pub out_book_missing: String,
    pub out_book_attendance: String,
    pub out_book_only_books: String,
    pub out_col_signature: String,
    pub out_attendance_unrecorded: String,
    pub roster_unrecorded: String,
    pub out_col_years: String,
    pub out_quick_win_sheet: String,
    pub out_col_sheet_item: String,
    pub out_roadmap_matrix: String,
    pub out_foreword: String,
    pub out_foreword_head: String,
    pub out_foreword_team: String,
    pub out_foreword_placeholder: String,
    pub out_toc: String,
    pub out_book_formats: Vec<String>,
    pub out_chapter: String,
    pub out_quick_wins_list: String,
    pub out_quick_win_sheets: String,
    pub out_roadmap_by_horizon: String,
    pub out_cover_government: String,
    pub out_cover_title: String,
    pub out_cover_logo: String,
    pub out_strategy_table: String,
    pub out_tows_corner: String,
    pub out_tows_heads: Vec<String>,
    pub out_sign_place_date: String,
    pub out_sign_known: String,
    pub out_sign_name: String,
    pub out_sign_nip: String,
    pub out_sign_region_head: String,
    pub out_sign_bappeda: String,
    pub out_sign_team: String,
    // room
    pub flash_idea_accepted: String,
    pub flash_ideas_accepted: String,
    pub flash_idea_rejected: String,
    pub flash_idea_merged: String,
    pub flash_no_idea: String,
    pub flash_nothing_to_merge: String,
    pub flash_straight_on: String,
    pub flash_straight_off: String,
    pub flash_device_blocked: String,
    pub flash_room_stopped: String,
    pub room_title: String,
    pub room_off: String,
    pub room_starting: String,
    pub room_scan: String,
    pub room_code: String,
    pub room_link: String,
    pub room_other_addresses: String,
    pub room_inbox: String,
    pub room_inbox_empty: String,
    pub room_straight: String,
    pub room_yes: String,
    pub room_no: String,
    pub room_status: String,
    pub room_merge_title: String,
    pub room_from: String,
    pub room_anonymous: String,
    pub room_err_port: String,
    pub room_err_port_none: String,
    pub room_err_start: String,
    pub room_err_no_address: String,
    pub room_projector_join: String,
    pub phone_title: String,
    pub phone_step: String,
    pub phone_heading: String,
    pub phone_general: String,
    pub phone_kind: String,
    pub phone_text: String,
    pub phone_limit: String,
    pub phone_name: String,
    pub phone_opd: String,
    pub phone_anon: String,
    pub phone_send: String,
    pub phone_sending: String,
    pub phone_sent: String,
    pub phone_again: String,
    pub phone_retry: String,
    pub phone_no_ideas: String,
    pub phone_reload: String,
    pub phone_lang: String,
    pub phone_refused_text: String,
    pub phone_refused_long: String,
    pub phone_refused_kind: String,
    pub phone_refused_closed: String,
    pub phone_refused_blocked: String,
    pub phone_refused_slow: String,
    pub phone_refused_session: String,
    pub phone_vote_title: String,
    pub phone_vote_left: String,
    pub phone_vote_add: String,
    pub phone_vote_take: String,
    pub phone_vote_done: String,
    pub phone_vote_over: String,
    pub phone_vote_once: String,
    pub phone_vote_closed: String,
    pub phone_ranking: String,
    pub phone_votes: String,
    pub landing_title: String,
    pub landing_code: String,
    pub landing_go: String,
    pub landing_wrong: String,
    pub landing_slow: String,
    pub room_phone_mark: String,
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

    /// A time of day, `04.21.12` (Indonesian writes times with a dot) or `04:21:12`.
    pub fn clock(&self, t: time::OffsetDateTime) -> String {
        let s = &self.time_sep;
        format!("{:02}{s}{:02}{s}{:02}", t.hour(), t.minute(), t.second())
    }

    /// Hours and minutes of a time of day, `16.50`.
    pub fn hm(&self, t: time::OffsetDateTime) -> String {
        format!("{:02}{}{:02}", t.hour(), self.time_sep, t.minute())
    }

    /// `2024-05-06 09.15.30`.
    pub fn date_time(&self, t: time::OffsetDateTime) -> String {
        format!("{} {}", date(t), self.clock(t))
    }

    /// `2021-09-07 09.42`.
    pub fn stamp(&self, t: time::OffsetDateTime) -> String {
        format!("{} {}", date(t), self.hm(t))
    }

    /// A length of time in words: `6 jam 50 menit`, `45 menit`, `2 jam`.
    pub fn duration(&self, minutes: u32) -> String {
        let (h, m) = ((minutes / 60).to_string(), (minutes % 60).to_string());
        let args = [("h", h.as_str()), ("m", m.as_str())];
        match (minutes / 60, minutes % 60) {
            (0, _) => fill(&self.duration_m, &args),
            (_, 0) => fill(&self.duration_h, &args),
            _ => fill(&self.duration_hm, &args),
        }
    }

    /// A number given in tenths, with the language's decimal mark: `2,7` or `2.7`.
    pub fn tenths(&self, t: u32) -> String {
        format!("{}{}{}", t / 10, self.out_decimal, t % 10)
    }

    /// The name of a code from one of the code maps (horizons, budgets, …), or the code itself.
    pub fn label<'a>(map: &'a BTreeMap<String, String>, code: &'a str) -> &'a str {
        map.get(code).map_or(code, String::as_str)
    }
}

/// `2024-05-06`.
fn date(t: time::OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
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

/// Fills `{name}` placeholders, and `{name:one|other}` with the singular or the plural word for
/// the number in `name` (`{n} {n:entry|entries}`): English needs it, Indonesian does not.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = plural(&out, name, value);
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Replaces each `{name:one|other}` in `text`: `one` when `value` is 1, else `other`.
fn plural(text: &str, name: &str, value: &str) -> String {
    let open = format!("{{{name}:");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find('}') else {
            break;
        };
        out.push_str(&rest[..start]);
        let (one, other) = after[..end].split_once('|').unwrap_or((&after[..end], &after[..end]));
        out.push_str(if value.trim() == "1" { one } else { other });
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A problem in a file, in the words of `tr`'s language.
impl Strings {
    /// A system error in the screen's language: the usual kinds in its words, the system's
    /// own text after them as a detail.
    pub fn os_error(&self, e: &crate::domain::OsError) -> String {
        use crate::domain::OsKind as K;
        let what = match e.kind {
            K::NotFound => &self.os_not_found,
            K::NoPermission => &self.os_no_permission,
            K::ReadOnly => &self.os_read_only,
            K::DiskFull => &self.os_disk_full,
            K::InUse => &self.os_in_use,
            K::Other => return e.detail.clone(),
        };
        fill(&self.os_detail, &[("what", what), ("detail", &e.detail)])
    }
}

pub fn describe(problem: &Problem, tr: &Strings) -> String {
    let (key, mut values) = problem.parts();
    if let Problem::Entry { problem: inner, .. } = problem {
        values.push(("problem", describe(inner, tr)));
    }
    if let Problem::Io(e) = problem {
        values.push(("detail", tr.os_error(e)));
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

    #[test]
    fn english_counts_take_the_singular_for_one() {
        let en = strings(Lang::En);
        assert_eq!(fill(&en.entries_count, &[("n", "1")]), "1 entry");
        assert_eq!(fill(&en.entries_count, &[("n", "2")]), "2 entries");
        assert_eq!(fill(&en.entries_count, &[("n", "0")]), "0 entries");
        let merged = fill(
            &en.out_carried,
            &[
                ("path", "a.ron"),
                ("participants", "1"),
                ("scores", "9"),
                ("programs", "1"),
                ("quick_wins", "0"),
            ],
        );
        assert!(
            merged.contains("1 participant,") && merged.contains("9 readiness scores"),
            "{merged}"
        );
        assert!(merged.contains("1 program (0 quick wins)"), "{merged}");
        assert_eq!(fill(&strings(Lang::Id).entries_count, &[("n", "1")]), "1 masukan");
    }
}

#[cfg(test)]
mod catalog_tests {
    use super::*;

    /// The quoted strings of a RON file (keys and values; comments left out).
    fn quoted(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c != '"' {
                    continue;
                }
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => s.extend(chars.next()),
                        '"' => break,
                        c => s.push(c),
                    }
                }
                // Keys and codes (`out_col_horizon`) are not words anyone reads.
                if !s
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    out.push(s);
                }
            }
        }
        out
    }

    /// Every text the room or a report reads in `lang`: the UI catalog, the agendas and the
    /// dimension catalog (their `id:`/`en:` halves both; each test picks its language's words).
    fn texts(lang: Lang) -> Vec<String> {
        let mut all = quoted(if lang == Lang::Id { ID } else { EN });
        for t in [
            include_str!("../assets/templates/bimtek-1.ron"),
            include_str!("../assets/templates/bimtek-2.ron"),
            include_str!("../assets/templates/bimtek-3.ron"),
            include_str!("../assets/templates/bimtek-4.ron"),
            include_str!("../assets/catalog.ron"),
        ] {
            all.extend(quoted(t));
        }
        all
    }

    #[test]
    fn the_catalogs_write_as_a_pemda_document_does() {
        let id = texts(Lang::Id);
        let en = texts(Lang::En);
        for t in id.iter().chain(&en) {
            assert!(!t.contains("  "), "double space in '{t}'");
            assert!(
                !t.to_lowercase().contains("smart city") || t.contains("Smart City"),
                "'Smart City' in '{t}'"
            );
            assert!(!t.contains("Smart city"), "'Smart City' in '{t}'");
        }
        let id_words: Vec<String> = quoted(ID).iter().map(|t| t.to_lowercase()).collect();
        // The six areas are "dimensi"; "pilar" is named once, where the six are introduced.
        let pilar = id_words.iter().filter(|t| t.contains("pilar")).count();
        assert_eq!(pilar, 1, "'pilar' beyond the introduction");
        assert!(strings(Lang::Id).pillars_overview_hint.contains("dimensi (pilar)"));
        for (bad, good) in [
            ("lokakarya", "peserta Bimtek"),
            ("horizon", "jangka waktu"),
            ("jatah", "kuota suara"),
            ("penandatangan", "penanda tangan"),
            ("diulang", "diterapkan lagi"),
        ] {
            for t in &id_words {
                // "Penandatanganan" (the signing) is right; the signer is "penanda tangan".
                let t = t.replace("penandatanganan", "");
                assert!(!t.contains(bad), "'{bad}' (write '{good}') in '{t}'");
            }
        }
        for t in quoted(EN).iter().chain(&en) {
            assert!(!t.to_lowercase().contains("programme"), "'program' in '{t}'");
            assert!(!t.contains("region head"), "'regional head' in '{t}'");
        }
        let tr = strings(Lang::Id);
        assert!(tr.key_hint["session.timer"] == "pengatur waktu");
        assert!(tr.cli_check_ok.contains("sah, tidak ada kesalahan"));
        assert_eq!(tr.duration(410), "6 jam 50 menit");
        assert_eq!(tr.duration(45), "45 menit");
        assert_eq!(tr.duration(120), "2 jam");
        assert_eq!(tr.tenths(27), "2,7");
        assert_eq!(strings(Lang::En).tenths(27), "2.7");
        let t = time::macros::datetime!(2021-09-07 04:21:12 +9);
        assert_eq!(fill(&tr.save_ok, &[("time", &tr.clock(t))]), "Tersimpan pukul 04.21.12");
        assert_eq!(strings(Lang::En).clock(t), "04:21:12");
        let sup = crate::template::catalog()
            .aspects
            .iter()
            .find(|a| a.code == crate::domain::Aspect::Suprastruktur)
            .map(|a| a.name.en.clone());
        assert_eq!(sup.as_deref(), Some("Superstructure (regulation and institutions)"));
    }

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
