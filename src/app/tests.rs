//! `update` without a terminal: keys in, state and effects out.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

use super::session_screen::Flash;
use super::*;
use crate::domain::{Kind, Pillar, Stage};

fn session() -> Session {
    let spec = NewSession {
        region: "Kabupaten Uji".into(),
        stage: Stage::new(1).expect("stage"),
        date: "2024-05-06".parse().expect("date"),
        venue: String::new(),
        title: None,
        mentors: Vec::new(),
        region_code: None,
    };
    let agenda = crate::template::builtin(spec.stage);
    Session::new("01SESSION".into(), spec, agenda, datetime!(2024-05-06 08:00 +9))
}

fn app() -> App {
    let mut a = App::new(Lang::Id, datetime!(2024-05-06 09:00 +9), 1, PathBuf::from("x"));
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(session()),
            path: "s.ron".into(),
            read_only: false,
        },
    );
    a
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(app, Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Adds an entry with this text where the cursor is, as `a`, typing and Enter do.
fn add(a: &mut App, text: &str) {
    press(a, KeyCode::Char('a'));
    typed(a, text);
    press(a, KeyCode::Enter);
}

fn screen(app: &App) -> &SessionScreen {
    app.session().expect("a session is open")
}

fn to_pillar(app: &mut App, p: Pillar) {
    while screen(app).session.step().and_then(|s| s.pillar) != Some(p) {
        press(app, KeyCode::Right);
    }
}

#[test]
fn typing_an_entry_saves_it_under_the_selected_element() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Governance);
    press(&mut a, KeyCode::Down); // onto the second element's heading
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Antrean KTP panjang");
    let effects = press(&mut a, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Save]);
    let s = &screen(&a).session;
    let e = s.entries.last().expect("entry added");
    assert_eq!(e.text, "Antrean KTP panjang");
    assert_eq!(e.kind, Kind::Problem);
    assert_eq!(e.pillar, Some(Pillar::Governance));
    assert_eq!(e.element.as_deref(), Some("governance.bureaucracy"));
    assert_eq!(screen(&a).save, SaveState::Pending);
    assert!(matches!(screen(&a).mode, Mode::Normal));
}

#[test]
fn empty_text_is_not_saved() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "   ");
    assert!(press(&mut a, KeyCode::Enter).is_empty());
    assert!(screen(&a).session.entries.is_empty());
    assert!(
        matches!(screen(&a).mode, Mode::Form(_)),
        "the form stays open to be filled in"
    );
}

#[test]
fn letters_in_the_form_are_text_not_commands() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Economy);
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "quick win ?");
    assert!(!a.should_quit && !a.help);
    press(&mut a, KeyCode::Enter);
    assert_eq!(screen(&a).session.entries[0].text, "quick win ?");
}

#[test]
fn esc_in_the_form_cancels_without_saving() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Society);
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "batal");
    assert!(press(&mut a, KeyCode::Esc).is_empty());
    assert!(screen(&a).session.entries.is_empty());
}

#[test]
fn kind_and_proposer_are_chosen_in_the_form() {
    let mut a = app();
    if let Screen::Session(s) = &mut a.screen {
        s.session.participants.push(crate::domain::Participant {
            id: "P1".into(),
            name: "Deky Tawaris".into(),
            institution: "Dinas Kominfo".into(),
            role: crate::domain::Role::Staff,
            present: true,
            from_stage: None,
            unrecorded: false,
        });
    }
    to_pillar(&mut a, Pillar::Branding);
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Festival Teluk Kao");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right); // problem → potential
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    typed(&mut a, "kominfo");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let e = &screen(&a).session.entries[0];
    assert_eq!(e.kind, Kind::Potential);
    assert_eq!(e.proposer.name(), Some("Deky Tawaris"));
    assert_eq!(e.proposer.opd(), Some("Dinas Kominfo"));
}

#[test]
fn edit_delete_undo_redo() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Environment);
    add(&mut a, "Sampah plastik");
    // Edit: the cursor is on the new entry.
    press(&mut a, KeyCode::Char('e'));
    typed(&mut a, " di pesisir");
    press(&mut a, KeyCode::Enter);
    assert_eq!(screen(&a).session.entries[0].text, "Sampah plastik di pesisir");
    // Delete asks first; any key but y keeps it.
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.should_quit, "q answers the question, it does not quit");
    assert_eq!(screen(&a).session.entries.len(), 1);
    press(&mut a, KeyCode::Char('d'));
    assert_eq!(press(&mut a, KeyCode::Char('y')), vec![Effect::Save]);
    assert!(screen(&a).session.entries.is_empty());
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(screen(&a).session.entries[0].text, "Sampah plastik di pesisir");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(screen(&a).session.entries[0].text, "Sampah plastik");
    ctrl(&mut a, 'r');
    assert_eq!(screen(&a).session.entries[0].text, "Sampah plastik di pesisir");
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Char('u'));
    assert!(screen(&a).session.entries.is_empty());
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(screen(&a).flash, Some(Flash::NothingToUndo));
}

#[test]
fn undo_goes_to_the_step_that_holds_the_entry() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Governance);
    add(&mut a, "x");
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('y'));
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(
        screen(&a).session.step().and_then(|s| s.pillar),
        Some(Pillar::Governance)
    );
}

#[test]
fn moving_between_steps_is_saved_and_stops_at_the_ends() {
    let mut a = app();
    assert!(press(&mut a, KeyCode::Left).is_empty(), "already at the first step");
    assert_eq!(press(&mut a, KeyCode::Char('n')), vec![Effect::Save]);
    assert_eq!(screen(&a).session.current_step, 1);
    press(&mut a, KeyCode::Char('p'));
    assert_eq!(screen(&a).session.current_step, 0);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Enter);
    let last = screen(&a).session.agenda.steps.len() - 1;
    assert_eq!(screen(&a).session.current_step, last);
    assert!(press(&mut a, KeyCode::Right).is_empty());
}

#[test]
fn read_only_refuses_changes() {
    let mut a = App::new(Lang::Id, datetime!(2024-05-06 09:00 +9), 1, PathBuf::from("x"));
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(session()),
            path: "s.ron".into(),
            read_only: true,
        },
    );
    press(&mut a, KeyCode::Char('a'));
    assert_eq!(screen(&a).flash, Some(Flash::ReadOnly));
    assert!(matches!(screen(&a).mode, Mode::Normal));
}

#[test]
fn save_results_reach_the_status() {
    let mut a = app();
    update(&mut a, Action::Saved(Err("disk penuh".into())));
    assert_eq!(screen(&a).save, SaveState::Failed("disk penuh".into()));
    let t = datetime!(2024-05-06 09:01 +9);
    update(&mut a, Action::Saved(Ok(t)));
    assert_eq!(screen(&a).save, SaveState::Saved(t));
}

#[test]
fn help_quit_and_back_home() {
    let mut a = app();
    press(&mut a, KeyCode::Char('?'));
    assert!(a.help);
    press(&mut a, KeyCode::Char('x'));
    assert!(!a.help);
    assert_eq!(press(&mut a, KeyCode::Esc), vec![Effect::Close, Effect::ScanSessions]);
    assert!(matches!(a.screen, Screen::Home(_)));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit);
}

#[test]
fn home_form_creates_a_session_or_says_what_is_missing() {
    let mut a = App::new(Lang::Id, datetime!(2024-05-06 09:00 +9), 1, PathBuf::from("x"));
    press(&mut a, KeyCode::Char('n'));
    assert!(press(&mut a, KeyCode::Enter).is_empty(), "no region yet");
    typed(&mut a, "Kota Ternate");
    // Past the region code, which may stay empty, to the stage.
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right);
    let effects = press(&mut a, KeyCode::Enter);
    match effects.as_slice() {
        [Effect::Create(spec)] => {
            assert_eq!(spec.region, "Kota Ternate");
            assert_eq!(spec.stage.number(), 2);
            assert_eq!(spec.date.to_string(), "2024-05-06");
        }
        other => panic!("expected a Create effect, got {other:?}"),
    }
}

#[test]
fn update_is_deterministic() {
    let run = || {
        let mut a = app();
        to_pillar(&mut a, Pillar::Governance);
        add(&mut a, "sama");
        screen(&a).session.clone()
    };
    assert_eq!(run(), run());
}

// ---- Facilitation tools -------------------------------------------------------------------

/// The sample's participants, agenda and entries, without the scores, votes, program details
/// and time spent it shows off: each tool's test starts from a session that has not used it.
fn sample_app() -> App {
    let mut a = App::new(Lang::Id, datetime!(2021-09-07 10:00 +9), 7, PathBuf::from("x"));
    let mut s = crate::store::parse(crate::store::demo::SAMPLE).expect("sample");
    s.readiness.clear();
    s.votes.clear();
    for step in &mut s.agenda.steps {
        step.spent_seconds = 0;
    }
    for e in &mut s.entries {
        std::sync::Arc::make_mut(e).program = None;
    }
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(s),
            path: "s.ron".into(),
            read_only: false,
        },
    );
    a
}

fn panel_open(a: &App) -> bool {
    matches!(screen(a).mode, Mode::Panel(_))
}

#[test]
fn readiness_scores_are_kept_refused_outside_one_to_five_and_undoable() {
    let mut a = sample_app();
    press(&mut a, KeyCode::Char('s'));
    assert!(panel_open(&a));
    assert_eq!(press(&mut a, KeyCode::Char('4')), vec![Effect::Save]);
    let s = &screen(&a).session;
    assert_eq!((s.readiness[0].sub.as_str(), s.readiness[0].score), ("struktur.sdm", 4));
    let before = screen(&a).session.clone();
    assert!(press(&mut a, KeyCode::Char('7')).is_empty());
    assert_eq!(screen(&a).flash, Some(Flash::ScoreRange));
    assert_eq!(screen(&a).session, before);
    // A note, then per-pillar scope.
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "SDM TIK kurang");
    press(&mut a, KeyCode::Enter);
    assert_eq!(screen(&a).session.readiness[0].note, "SDM TIK kurang");
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Char('2'));
    let s = &screen(&a).session;
    assert_eq!(s.readiness.len(), 2);
    assert_eq!(s.readiness[1].pillar, Some(Pillar::Governance));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(screen(&a).session.readiness.len(), 1);
}

#[test]
fn a_voting_round_enforces_budgets_and_ranks_with_ties() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Governance);
    press(&mut a, KeyCode::Char('v'));
    assert_eq!(screen(&a).session.votes.len(), 1, "opening the tool starts a round");
    // Three ideas on this step; the first present participant votes on all three.
    press(&mut a, KeyCode::Tab);
    for _ in 0..3 {
        press(&mut a, KeyCode::Char(' '));
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Up);
    let before = screen(&a).session.clone();
    press(&mut a, KeyCode::Char(' '));
    assert!(
        matches!(screen(&a).flash, Some(Flash::Vote(_))),
        "a fourth dot is over the budget"
    );
    assert_eq!(screen(&a).session, before);
    // Paper dots for the second idea.
    press(&mut a, KeyCode::BackTab);
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Char(' '));
    press(&mut a, KeyCode::Char(' '));
    press(&mut a, KeyCode::Char('r'));
    let round = &screen(&a).session.votes[0];
    assert!(round.revealed);
    let step_entries = panels::vote::candidates(&screen(&a).session);
    let ids: Vec<&str> = step_entries
        .iter()
        .map(|&i| screen(&a).session.entries[i].id.as_str())
        .collect();
    let ranked = crate::domain::vote::ranking(round, &ids);
    assert_eq!((ranked[0].votes, ranked[0].tied), (3, false));
    assert_eq!((ranked[1].rank, ranked[1].tied, ranked[2].rank), (2, true, 2));
}

#[test]
fn the_matrix_scores_programs_and_marks_quick_wins() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('m'));
    for k in ['i', '5', 'e', '1', 'w'] {
        press(&mut a, KeyCode::Char(k));
    }
    let programs = panels::matrix::programs(&screen(&a).session, Some(Pillar::Living));
    let info = screen(&a).session.entries[programs[0]]
        .program
        .clone()
        .expect("program info");
    assert_eq!((info.impact, info.effort, info.quick_win), (Some(5), Some(1), true));
    press(&mut a, KeyCode::Char('i'));
    press(&mut a, KeyCode::Char('9'));
    assert_eq!(screen(&a).flash, Some(Flash::ScoreRange));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('u'));
    let info = screen(&a).session.entries[programs[0]]
        .program
        .clone()
        .expect("program info");
    assert!(!info.quick_win, "undo takes the quick-win mark back");
}

#[test]
fn timer_runs_pauses_extends_and_follows_the_agenda() {
    let mut a = sample_app();
    let t0 = a.now;
    press(&mut a, KeyCode::Char('t'));
    assert_eq!(screen(&a).session.timer_started, Some(t0));
    a.now = t0 + time::Duration::minutes(12);
    press(&mut a, KeyCode::Char('t'));
    assert_eq!(screen(&a).session.timer_started, None);
    assert_eq!(screen(&a).session.agenda.steps[0].spent_seconds, 12 * 60);
    let planned = screen(&a).session.agenda.steps[0].minutes;
    press(&mut a, KeyCode::Char('+'));
    press(&mut a, KeyCode::Char('>'));
    assert_eq!(screen(&a).session.agenda.steps[0].minutes, planned + 6);
    // Running into the next step: the time so far stays with the first.
    press(&mut a, KeyCode::Char('t'));
    a.now = t0 + time::Duration::minutes(20);
    press(&mut a, KeyCode::Right);
    assert_eq!(screen(&a).session.agenda.steps[0].spent_seconds, 20 * 60);
    assert_eq!(screen(&a).session.timer_started, Some(a.now));
    // A duration cannot drop to zero.
    for _ in 0..200 {
        press(&mut a, KeyCode::Char('<'));
    }
    assert!(screen(&a).session.agenda.steps[1].minutes >= 1);
    assert!(matches!(screen(&a).flash, Some(Flash::Edit(_))));
}

#[test]
fn roster_add_edit_remove_keeps_entries_attributed() {
    let mut a = sample_app();
    let n = screen(&a).session.participants.len();
    press(&mut a, KeyCode::Char('r'));
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Siti Aminah");
    press(&mut a, KeyCode::Tab);
    typed(&mut a, "Dinas Kesehatan");
    press(&mut a, KeyCode::Enter);
    let people = &screen(&a).session.participants;
    assert_eq!(people.len(), n + 1);
    assert_eq!(
        (people[n].name.as_str(), people[n].institution.as_str()),
        ("Siti Aminah", "Dinas Kesehatan")
    );
    // Attendance toggles; removal asks first.
    press(&mut a, KeyCode::Char(' '));
    assert!(!screen(&a).session.participants[n].present);
    press(&mut a, KeyCode::Esc);
    // An entry by her, then she leaves the roster: the entry keeps her name.
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Puskesmas keliling");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    typed(&mut a, "Siti Aminah");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('r'));
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.should_quit, "q answers the question");
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('y'));
    let s = &screen(&a).session;
    assert_eq!(s.participants.len(), n);
    let e = s
        .entries
        .iter()
        .find(|e| e.text == "Puskesmas keliling")
        .expect("entry");
    assert_eq!(e.proposer.name(), Some("Siti Aminah"));
}

#[test]
fn find_jumps_to_the_step_that_holds_the_entry() {
    let mut a = sample_app();
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "sampah plastik");
    press(&mut a, KeyCode::Enter);
    assert!(!panel_open(&a));
    let sc = screen(&a);
    assert_eq!(sc.session.step().and_then(|s| s.pillar), Some(Pillar::Environment));
    let groups = sc.groups();
    let (_, picked) = sc.selection(&groups);
    assert!(
        sc.session.entries[picked.expect("an entry is selected")]
            .text
            .contains("sampah plastik")
    );
}

#[test]
fn program_details_are_recorded_and_bad_years_refused() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Economy);
    // Walk to the first program idea.
    while {
        let sc = screen(&a);
        let g = sc.groups();
        sc.selection(&g).1.map(|i| sc.session.entries[i].kind) != Some(Kind::Program)
    } {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Char('i'));
    assert!(panel_open(&a));
    press(&mut a, KeyCode::Tab); // OPD
    press(&mut a, KeyCode::Tab); // horizon
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Tab); // year
    typed(&mut a, "20x6");
    press(&mut a, KeyCode::Enter);
    assert_eq!(screen(&a).flash, Some(Flash::BadYear));
    for _ in 0..4 {
        press(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "2026");
    press(&mut a, KeyCode::Enter);
    assert!(!panel_open(&a));
    let sc = screen(&a);
    let g = sc.groups();
    let e = &sc.session.entries[sc.selection(&g).1.expect("selected")];
    let info = e.program.clone().expect("details");
    assert_eq!(info.target_year, Some(2026));
    assert_eq!(info.horizon, Some(crate::domain::program::Horizon::Short));
    assert!(!info.opd.is_empty(), "the OPD in charge starts as the proposing agency");

    // The masterplan fields further down: the cost in rupiah, partners.
    press(&mut a, KeyCode::Char('i'));
    let cost = panels::program_form::Field::ALL
        .iter()
        .position(|f| *f == panels::program_form::Field::Cost)
        .expect("cost field");
    for _ in 0..cost {
        press(&mut a, KeyCode::Tab);
    }
    typed(&mut a, "1,5");
    press(&mut a, KeyCode::Enter);
    assert_eq!(screen(&a).flash, Some(Flash::BadCost));
    for _ in 0..3 {
        press(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "Rp 1.500.000.000");
    press(&mut a, KeyCode::BackTab); // output
    press(&mut a, KeyCode::BackTab); // indicator
    press(&mut a, KeyCode::BackTab); // location
    press(&mut a, KeyCode::BackTab); // partners
    typed(&mut a, "Universitas Halmahera");
    press(&mut a, KeyCode::Enter);
    assert!(!panel_open(&a));
    let sc = screen(&a);
    let g = sc.groups();
    let info = sc.session.entries[sc.selection(&g).1.expect("selected")]
        .program
        .clone()
        .expect("details");
    assert_eq!(info.cost, Some(1_500_000_000));
    assert_eq!(info.partners, "Universitas Halmahera");
    assert_eq!(info.target_year, Some(2026), "the earlier details stay");
}

#[test]
fn commitments_are_recorded_per_opd_on_the_bimtek_four_step() {
    let spec = NewSession {
        region: "Kabupaten Uji".into(),
        stage: Stage::new(4).expect("stage"),
        date: "2024-09-01".parse().expect("date"),
        venue: String::new(),
        title: None,
        mentors: Vec::new(),
        region_code: None,
    };
    let mut s = Session::new(
        "S4".into(),
        spec,
        crate::template::builtin(Stage::new(4).expect("stage")),
        datetime!(2024-09-01 08:00 +9),
    );
    let mut program = crate::domain::Entry::new(
        "P1".into(),
        Kind::Program,
        "Mal pelayanan publik",
        datetime!(2024-09-01 08:00 +9),
    );
    program.pillar = Some(Pillar::Governance);
    s.entries.push(program.into());
    let mut a = App::new(Lang::Id, datetime!(2024-09-01 10:00 +9), 3, PathBuf::from("x"));
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(s),
            path: "s.ron".into(),
            read_only: false,
        },
    );
    while screen(&a).session.step().map(|s| s.kind) != Some(crate::domain::StepKind::Commitments) {
        press(&mut a, KeyCode::Right);
    }
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Bagian Organisasi Setda");
    press(&mut a, KeyCode::Tab);
    typed(&mut a, "Kepala Bagian Organisasi");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Char(' '));
    press(&mut a, KeyCode::Enter);
    let c = &screen(&a).session.commitments;
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].opd, "Bagian Organisasi Setda");
    assert_eq!(c[0].programs, vec!["P1".to_string()]);
    assert_eq!(c[0].signed.map(|d| d.to_string()).as_deref(), Some("2024-09-01"));
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('y'));
    assert!(screen(&a).session.commitments.is_empty());
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(screen(&a).session.commitments.len(), 1);
}

#[test]
fn a_counted_tally_is_typed_in_as_a_number() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Governance);
    press(&mut a, KeyCode::Char('v'));
    typed(&mut a, "12");
    assert_eq!(press(&mut a, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(screen(&a).session.votes[0].total_votes(), 12);
    typed(&mut a, "7");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        screen(&a).session.votes[0].total_votes(),
        7,
        "typing again corrects the count"
    );
    typed(&mut a, "9");
    press(&mut a, KeyCode::Esc);
    assert!(panel_open(&a), "Esc first drops the typed number");
    assert_eq!(screen(&a).session.votes[0].total_votes(), 7);
}

// The defects and friction of a try-out in front of a room, each pinned by a test.
mod tryout;

mod room {
    use super::*;
    use crate::app::room::{RoomAnswer, RoomBody, RoomRequest};
    use crate::domain::StepKind;
    use crate::domain::idea::{IdeaForm, IdeaStatus};

    fn on_pillar_step() -> App {
        let mut a = app();
        if let Screen::Session(s) = &mut a.screen {
            s.session.current_step = s
                .session
                .agenda
                .steps
                .iter()
                .position(|st| st.kind == StepKind::Pillar)
                .expect("a dimension step");
        }
        a
    }

    fn idea(ticket: u64, id: &str, text: &str) -> Action {
        Action::Room(Box::new(RoomRequest {
            ticket,
            device: "d1".into(),
            body: RoomBody::Idea(IdeaForm {
                id: id.into(),
                text: text.into(),
                element: "governance.service".into(),
                ..IdeaForm::default()
            }),
        }))
    }

    fn screen(a: &App) -> &SessionScreen {
        a.session().expect("session screen")
    }

    #[test]
    fn an_idea_is_saved_before_it_is_answered_and_a_retry_saves_nothing() {
        let mut a = on_pillar_step();
        let effects = update(&mut a, idea(1, "c1", "Mal pelayanan publik"));
        assert_eq!(effects.first(), Some(&Effect::Save), "saved first: {effects:?}");
        assert!(matches!(
            effects.last(),
            Some(Effect::RoomAnswer {
                ticket: 1,
                answer: RoomAnswer::Stored { .. }
            })
        ));
        assert_eq!(screen(&a).session.pending_ideas(), 1);
        assert!(screen(&a).session.entries.is_empty(), "it waits in the inbox");
        let again = update(&mut a, idea(2, "c1", "Mal pelayanan publik"));
        assert!(
            matches!(
                again.as_slice(),
                [Effect::RoomAnswer {
                    ticket: 2,
                    answer: RoomAnswer::Again { .. }
                }]
            ),
            "{again:?}"
        );
        assert_eq!(screen(&a).session.ideas.len(), 1);
    }

    #[test]
    fn straight_on_screen_makes_the_entry_at_once_under_its_heading() {
        let mut a = on_pillar_step();
        if let Screen::Session(s) = &mut a.screen {
            s.session.room.straight = true;
        }
        update(&mut a, idea(1, "c1", "Mal pelayanan publik"));
        let s = &screen(&a).session;
        let e = s.entries.last().expect("an entry");
        assert!(e.from_phone);
        assert_eq!(e.element.as_deref(), Some("governance.service"));
        assert_eq!(s.ideas[0].status, IdeaStatus::Accepted);
    }

    #[test]
    fn the_room_key_starts_and_stops_the_room_and_read_only_never_serves() {
        let mut a = on_pillar_step();
        assert_eq!(press(&mut a, KeyCode::Char('W')), vec![Effect::RoomStart]);
        a.room = Some(crate::app::room::RoomInfo {
            addresses: vec!["http://10.0.0.2:8080".into()],
            chosen: 0,
            token: "t".into(),
            join_code: "ABCDE".into(),
        });
        assert_eq!(press(&mut a, KeyCode::Char('W')), vec![Effect::RoomStop]);
        assert!(a.room.is_none());
        if let Screen::Session(s) = &mut a.screen {
            s.read_only = true;
        }
        assert!(press(&mut a, KeyCode::Char('W')).is_empty());
    }
}
