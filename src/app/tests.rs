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
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Sampah plastik");
    press(&mut a, KeyCode::Enter);
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
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "x");
    press(&mut a, KeyCode::Enter);
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
        press(&mut a, KeyCode::Char('a'));
        typed(&mut a, "sama");
        press(&mut a, KeyCode::Enter);
        screen(&a).session.clone()
    };
    assert_eq!(run(), run());
}
