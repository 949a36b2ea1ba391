//! The keymap against the app: a key that the table does not bind changes nothing, the keys of
//! presenter remotes do what a remote's user expects, and blanking swallows the next key.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

use super::session_screen::Mode;
use super::*;

fn sample_app() -> App {
    let mut a = App::new(Lang::Id, datetime!(2021-09-07 10:00 +9), 1, PathBuf::from("x"));
    let session = crate::store::parse(crate::store::demo::SAMPLE).expect("the sample loads");
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(session),
            path: "s.ron".into(),
            read_only: false,
        },
    );
    a
}

fn press(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    update(app, Action::Key(key))
}

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Every key a keyboard or a remote can send that a test can name.
fn all_keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = (' '..='~').map(|c| plain(KeyCode::Char(c))).collect();
    for code in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Insert,
        KeyCode::Delete,
        KeyCode::Backspace,
    ] {
        keys.push(plain(code));
    }
    keys.extend((1..=12).map(|n| plain(KeyCode::F(n))));
    keys.extend(('a'..='z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    keys.push(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    keys.push(KeyEvent::new(KeyCode::F(5), KeyModifiers::SHIFT));
    keys
}

/// The states worth checking: the home screen, the session screen on a pillar step and in focus
/// mode, each tool over it, and the help.
fn states() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    let mut home = App::new(Lang::Id, datetime!(2021-09-07 10:00 +9), 1, PathBuf::from("x"));
    update(&mut home, Action::SessionsScanned(Vec::new()));
    out.push(("home", home));
    let mut s = sample_app();
    while s
        .session()
        .and_then(|x| x.session.step())
        .and_then(|st| st.pillar)
        .is_none()
    {
        press(&mut s, plain(KeyCode::Right));
    }
    press(&mut s, plain(KeyCode::Down));
    if let Screen::Session(x) = &mut s.screen {
        x.flash = None;
    }
    out.push(("session", s.clone()));
    for (name, key) in [("readiness", 's'), ("matrix", 'm'), ("roster", 'r'), ("focus", 'f')] {
        let mut a = s.clone();
        press(&mut a, plain(KeyCode::Char(key)));
        if let Screen::Session(x) = &mut a.screen {
            x.flash = None;
        }
        out.push((name, a));
    }
    let mut help = s.clone();
    press(&mut help, plain(KeyCode::Char('?')));
    out.push(("help", help));
    out
}

/// What a key could change, without the whole session (formatting that for every key of every
/// state would take minutes).
fn fingerprint(a: &App) -> String {
    let screen = match &a.screen {
        Screen::Home(h) => format!("{h:?}"),
        Screen::Session(s) => format!(
            "{:?} {} {} {} {:?} {:?} {} {} {:?} {}",
            s.focus,
            s.agenda_cursor,
            s.cursor,
            s.session.current_step,
            s.mode,
            s.flash,
            s.undo.len(),
            s.redo.len(),
            s.session.timer_started,
            s.session.updated
        ),
    };
    format!(
        "{screen} | {:?} {} {} {} {:?} {} {} {} {} {} {:?}",
        a.dialog,
        a.help,
        a.help_scroll,
        a.should_quit,
        a.lang,
        a.look.theme_name,
        a.look.projector,
        a.look.focus,
        a.look.blank,
        a.look.audience,
        a.save_retry_at
    )
}

#[test]
fn a_key_the_keymap_does_not_bind_changes_nothing() {
    for (name, state) in states() {
        let scope = state.scope();
        assert!(!scope.types_text(), "{name} is a typing state; pick another");
        let before = fingerprint(&state);
        for key in all_keys() {
            if state.keys.cmd(scope, &key).is_some() {
                continue;
            }
            // The help closes on any key by design: that is its binding for "everything else".
            if scope == Scope::Help {
                continue;
            }
            let mut a = state.clone();
            let effects = press(&mut a, key);
            assert!(effects.is_empty(), "{name}: unbound {key:?} gave {effects:?}");
            assert_eq!(fingerprint(&a), before, "{name}: unbound {key:?} changed the state");
        }
    }
}

#[test]
fn presenter_remote_keys_move_the_agenda_and_blank_the_screen() {
    let mut a = sample_app();
    press(&mut a, plain(KeyCode::F(5)));
    assert!(a.look.projector, "F5 starts the show");
    let step = |a: &App| a.session().map(|s| s.session.current_step);
    let first = step(&a);
    press(&mut a, plain(KeyCode::PageDown));
    assert_eq!(step(&a), first.map(|s| s + 1), "PageDown is the next step");
    press(&mut a, plain(KeyCode::PageUp));
    assert_eq!(step(&a), first);
    press(&mut a, plain(KeyCode::Char('b')));
    assert!(a.look.blank, "b blanks the projector");
    press(&mut a, plain(KeyCode::PageDown));
    assert!(!a.look.blank, "the next key brings it back");
    assert_eq!(step(&a), first, "and does nothing else");
    press(&mut a, plain(KeyCode::Char('.')));
    assert!(a.look.blank);
    press(&mut a, plain(KeyCode::Char('x')));
    assert!(!a.look.blank && a.dialog.is_none());
    // A remote's Esc ends the show; it does not close the session.
    let effects = press(&mut a, plain(KeyCode::Esc));
    assert!(effects.is_empty() && !a.look.projector && a.session().is_some());
    let effects = press(&mut a, plain(KeyCode::Esc));
    assert!(effects.contains(&Effect::Close), "outside projector mode Esc goes home");
}

#[test]
fn rebound_keys_drive_the_app() {
    let mut o = std::collections::BTreeMap::new();
    o.insert("session.next_step".to_string(), vec!["F8".to_string()]);
    let mut a = sample_app();
    a.keys = Keymap::with(&o).expect("valid");
    let first = a.session().map(|s| s.session.current_step);
    press(&mut a, plain(KeyCode::Right));
    assert_eq!(
        a.session().map(|s| s.session.current_step),
        first,
        "Right is no longer bound"
    );
    press(&mut a, plain(KeyCode::F(8)));
    assert_eq!(a.session().map(|s| s.session.current_step), first.map(|s| s + 1));
}

#[test]
fn a_question_waits_for_its_answer() {
    let mut a = sample_app();
    while a
        .session()
        .and_then(|x| x.session.step())
        .and_then(|st| st.pillar)
        .is_none()
    {
        press(&mut a, plain(KeyCode::Right));
    }
    for _ in 0..10 {
        if a.session().is_some_and(|s| s.selected().1.is_some()) {
            break;
        }
        press(&mut a, plain(KeyCode::Down));
    }
    assert!(
        a.session().is_some_and(|s| s.selected().1.is_some()),
        "an entry is selected"
    );
    press(&mut a, plain(KeyCode::Char('d')));
    assert!(matches!(a.session().map(|s| &s.mode), Some(Mode::ConfirmDelete(_))));
    press(&mut a, plain(KeyCode::Char('x')));
    assert!(
        matches!(a.session().map(|s| &s.mode), Some(Mode::ConfirmDelete(_))),
        "a stray key is no answer"
    );
    press(&mut a, plain(KeyCode::Char('q')));
    assert!(!a.should_quit, "q answers no rather than quitting");
    assert!(matches!(a.session().map(|s| &s.mode), Some(Mode::Normal)));
}
