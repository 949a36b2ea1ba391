//! What a facilitator met when running a whole Bimtek I as a new user: each defect, as the
//! room would notice it.

use super::*;
use crate::domain::{Participant, Role};
use crate::i18n::fill;

fn flash_text(a: &App) -> String {
    screen(a)
        .flash
        .as_ref()
        .map(|f| crate::ui::flash::text(a.tr(), f))
        .unwrap_or_default()
}

fn person(id: &str, name: &str, institution: &str, role: Role) -> Participant {
    Participant {
        id: id.into(),
        name: name.into(),
        institution: institution.into(),
        role,
        present: true,
        from_stage: None,
        unrecorded: false,
    }
}

fn to_step(a: &mut App, id: &str) {
    if let Screen::Session(s) = &mut a.screen {
        s.session.current_step = s.session.agenda.steps.iter().position(|st| st.id == id).expect("step");
        s.agenda_cursor = s.session.current_step;
        s.cursor = 0;
    }
}

/// The entries the current step shows, by text.
fn shown(a: &App) -> Vec<String> {
    let s = screen(a);
    s.index()
        .groups
        .iter()
        .flat_map(|g| g.entries.iter().map(|&i| s.session.entries[i].text.clone()))
        .collect()
}

#[test]
fn typed_opd_wins_over_the_roster_institution() {
    let mut a = app();
    if let Screen::Session(s) = &mut a.screen {
        s.session
            .participants
            .push(person("P1", "Yohanes Dano", "Bappeda", Role::Staff));
    }
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Jalan lingkar Tobelo");
    for _ in 0..3 {
        press(&mut a, KeyCode::Tab);
    }
    typed(&mut a, "yoh");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Tab);
    typed(&mut a, "Dinas PUPR");
    press(&mut a, KeyCode::Enter);
    let e = &screen(&a).session.entries[0];
    assert_eq!(e.proposer.name(), Some("Yohanes Dano"));
    assert_eq!(e.proposer.opd(), Some("Dinas PUPR"), "what was typed wins");
    // With the OPD left empty, the roster's institution fills it.
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Terminal Tobelo");
    for _ in 0..3 {
        press(&mut a, KeyCode::Tab);
    }
    typed(&mut a, "yoh");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert_eq!(screen(&a).session.entries[1].proposer.opd(), Some("Bappeda"));
}

#[test]
fn a_step_that_collects_nothing_says_so_and_files_nothing() {
    let mut a = sample_app();
    to_step(&mut a, "pillars");
    let before = screen(&a).session.clone();
    press(&mut a, KeyCode::Char('a'));
    assert!(
        matches!(screen(&a).mode, Mode::Normal),
        "no form for a step without entries"
    );
    assert_eq!(screen(&a).flash, Some(Flash::StepCollectsNothing));
    assert_eq!(screen(&a).session, before);
    assert_eq!(screen(&a).session.step().map(|s| s.id.as_str()), Some("pillars"));
}

#[test]
fn the_entry_form_offers_only_kinds_the_step_shows() {
    let mut a = app();
    for step in ["opening", "readiness", "vision", "pillar-economy", "closing"] {
        to_step(&mut a, step);
        press(&mut a, KeyCode::Char('a'));
        let Mode::Form(f) = &screen(&a).mode else {
            panic!("a form on {step}");
        };
        let collects = &screen(&a).session.step().expect("step").collects;
        assert!(f.kinds.iter().all(|k| collects.contains(k)), "{step}: {:?}", f.kinds);
        // The same order on every step: the order of the kinds themselves.
        let order: Vec<usize> = f
            .kinds
            .iter()
            .map(|k| Kind::ALL.iter().position(|x| x == k).expect("kind"))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{step}: {:?}", f.kinds);
        press(&mut a, KeyCode::Esc);
    }
}

#[test]
fn every_entry_is_filed_on_the_step_it_was_typed_on() {
    let mut a = app();
    to_step(&mut a, "opening");
    add(&mut a, "Arahan Bupati: libatkan desa");
    assert_eq!(shown(&a), vec!["Arahan Bupati: libatkan desa".to_string()]);
    for step in ["readiness", "vision", "closing"] {
        to_step(&mut a, step);
        assert!(
            shown(&a).is_empty(),
            "the opening's note leaks onto {step}: {:?}",
            shown(&a)
        );
    }
    to_step(&mut a, "vision");
    add(&mut a, "Tobelo kota teluk");
    assert_eq!(screen(&a).session.step().map(|s| s.id.as_str()), Some("vision"));
    to_step(&mut a, "opening");
    assert_eq!(shown(&a), vec!["Arahan Bupati: libatkan desa".to_string()]);
}

#[test]
fn lowering_the_budget_below_what_is_used_says_so() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Governance);
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Char(' '));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char(' '));
    let budget = screen(&a).session.votes[0].budget;
    for _ in 0..budget {
        press(&mut a, KeyCode::Char('['));
    }
    let text = flash_text(&a);
    let want = fill(
        &a.tr().err_vote_bad_budget,
        &[("n", "1"), ("max", &crate::domain::vote::MAX_BUDGET.to_string())],
    );
    assert_eq!(text, want);
    assert_eq!(screen(&a).session.votes[0].budget, 2);
}

#[test]
fn a_typed_tally_says_how_many_votes_it_set() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Governance);
    press(&mut a, KeyCode::Char('v'));
    typed(&mut a, "20");
    press(&mut a, KeyCode::Enter);
    let text = flash_text(&a);
    assert!(text.contains("20"), "{text}");
    assert_ne!(text, a.tr().flash_vote_added);
}

#[test]
fn saving_a_readiness_note_says_the_note_was_saved() {
    let mut a = sample_app();
    press(&mut a, KeyCode::Char('s'));
    press(&mut a, KeyCode::Char('4'));
    assert_eq!(screen(&a).flash, Some(Flash::ScoreSaved));
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "SDM TIK kurang");
    press(&mut a, KeyCode::Enter);
    assert_eq!(screen(&a).flash, Some(Flash::NoteSaved));
    assert_ne!(flash_text(&a), a.tr().flash_score_saved);
}

#[test]
fn a_quick_win_outside_its_quadrant_is_refused_with_the_reason() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('m'));
    for k in ['i', '4', 'e', '5'] {
        press(&mut a, KeyCode::Char(k));
    }
    let programs = panels::matrix::programs(&screen(&a).session, Some(Pillar::Living));
    let info = |a: &App| {
        screen(a).session.entries[programs[0]]
            .program
            .clone()
            .unwrap_or_default()
    };
    if info(&a).quick_win {
        press(&mut a, KeyCode::Char('w'));
    }
    press(&mut a, KeyCode::Char('w'));
    assert!(!info(&a).quick_win, "effort 5 is not a quick win");
    let text = flash_text(&a);
    assert!(text.contains('5') && text.contains("upaya"), "{text}");
    assert!(crate::ui::flash::is_refusal(screen(&a).flash.as_ref().expect("flash")));
    // Within the quadrant it is marked.
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('w'));
    assert!(info(&a).quick_win);
}

#[test]
fn esc_on_a_form_with_typed_text_asks_before_discarding_it() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('a'));
    press(&mut a, KeyCode::Esc);
    assert!(matches!(screen(&a).mode, Mode::Normal), "an empty form closes at once");
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Jalan lingkar");
    press(&mut a, KeyCode::Esc);
    let Mode::Form(f) = &screen(&a).mode else {
        panic!("the form stays while asking");
    };
    assert!(f.asking_discard);
    press(&mut a, KeyCode::Char('n'));
    let Mode::Form(f) = &screen(&a).mode else {
        panic!("any other key goes back to the form");
    };
    assert_eq!(f.text.lines().join(""), "Jalan lingkar", "and is not typed");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('y'));
    assert!(matches!(screen(&a).mode, Mode::Normal));
    assert!(screen(&a).session.entries.is_empty());
}

/// The screen as text, drawn at `w`×`h`.
fn drawn(a: &App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| crate::ui::view(a, f)).expect("draw");
    let b = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(b[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn read_only_says_so_instead_of_all_changes_saved() {
    let mut a = App::new(Lang::Id, datetime!(2024-05-06 09:00 +9), 1, PathBuf::from("x"));
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(session()),
            path: "s.ron".into(),
            read_only: true,
        },
    );
    let text = drawn(&a, 100, 24);
    assert!(!text.contains(&a.tr().save_clean), "{text}");
    assert!(text.contains("S simpan sebagai"), "{text}");
    // Opened read-only because the folder cannot be written: the status says why.
    let e = crate::domain::OsError::of(&std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem));
    update(&mut a, Action::ReadOnlyBecause(e));
    let text = drawn(&a, 120, 24);
    assert!(text.contains("hanya dapat dibaca"), "{text}");
}

#[test]
fn os_errors_are_worded_in_the_screen_language() {
    use std::io::{Error, ErrorKind};
    let id = crate::i18n::strings(Lang::Id);
    let en = crate::i18n::strings(Lang::En);
    let cases = [
        (ErrorKind::NotFound, "tidak ada", "does not exist"),
        (ErrorKind::PermissionDenied, "tidak ada izin", "no permission"),
        (ErrorKind::ReadOnlyFilesystem, "hanya dapat dibaca", "read-only"),
        (ErrorKind::StorageFull, "disk penuh", "disk is full"),
        (
            ErrorKind::ResourceBusy,
            "dipakai program lain",
            "in use by another program",
        ),
    ];
    for (kind, ind, eng) in cases {
        let e = crate::domain::OsError::of(&Error::from(kind));
        assert!(
            id.os_error(&e).starts_with(ind) || id.os_error(&e).contains(ind),
            "{}",
            id.os_error(&e)
        );
        assert!(en.os_error(&e).contains(eng), "{}", en.os_error(&e));
        assert!(id.os_error(&e).contains(&e.detail), "the system's words follow");
    }
}

#[test]
fn creating_a_session_that_exists_keeps_the_form_and_the_whole_error() {
    let mut a = App::new(Lang::Id, datetime!(2024-05-06 09:00 +9), 1, PathBuf::from("x"));
    update(&mut a, Action::SessionsScanned(Vec::new()));
    press(&mut a, KeyCode::Char('n'));
    typed(&mut a, "Kabupaten Halmahera Utara");
    let effects = press(&mut a, KeyCode::Enter);
    assert!(matches!(effects.as_slice(), [Effect::Create(_)]), "{effects:?}");
    let error = "/data/sesi/kabupaten-halmahera-utara-bimtek-1-2024-05-06.ron sudah ada; sesi untuk \
                 daerah, tahap, dan tanggal itu sudah dibuat. Buka berkas itu, atau pilih tanggal lain.";
    update(&mut a, Action::Failed(error.into()));
    let Screen::Home(h) = &a.screen else {
        panic!("still home");
    };
    let form = h.form.as_ref().expect("the form stays open");
    assert_eq!(form.region.lines().join(""), "Kabupaten Halmahera Utara");
    let text = drawn(&a, 80, 24);
    let flat: String = text.replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    for word in ["sudah ada;", "pilih tanggal lain."] {
        assert!(flat.contains(word), "the whole error is shown:\n{text}");
    }
}

#[test]
fn mentors_are_entered_in_the_new_session_form() {
    let mut a = App::new(Lang::Id, datetime!(2024-05-06 09:00 +9), 1, PathBuf::from("x"));
    press(&mut a, KeyCode::Char('n'));
    typed(&mut a, "Kota Ternate");
    // Region, region code, stage, date, venue: the mentors come fifth after the region.
    for _ in 0..5 {
        press(&mut a, KeyCode::Tab);
    }
    typed(&mut a, "Heri Sutrisno; Drs. Siswoko, M.Si");
    match press(&mut a, KeyCode::Enter).as_slice() {
        [Effect::Create(spec)] => assert_eq!(spec.mentors, vec!["Heri Sutrisno", "Drs. Siswoko, M.Si"]),
        other => panic!("expected a Create effect, got {other:?}"),
    }
}

#[test]
fn roster_mentors_count_as_mentors_in_the_export_header() {
    let mut s = session();
    s.facilitators = vec!["Heri Sutrisno".into()];
    s.participants = vec![
        person("P1", "Tri Widarmanti", "Kementerian Kominfo", Role::Mentor),
        person("P2", "Heri Sutrisno", "Kementerian Kominfo", Role::Mentor),
        person("P3", "Deky Tawaris", "Dinas Kominfo", Role::Staff),
    ];
    let book = crate::export::book::build(&s, Lang::Id);
    let meta = book
        .blocks
        .iter()
        .find_map(|b| match b {
            crate::export::book::Block::Meta(lines) => Some(lines.clone()),
            _ => None,
        })
        .expect("a header");
    let mentors = meta
        .iter()
        .find(|(label, _)| *label == a_tr().out_meta_facilitators)
        .map(|(_, v)| v.clone())
        .expect("mentors in the header");
    assert_eq!(mentors, "Heri Sutrisno, Tri Widarmanti");
}

fn a_tr() -> &'static crate::i18n::Strings {
    crate::i18n::strings(Lang::Id)
}

#[test]
fn line_breaks_show_as_a_separator_in_one_line_views() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Air bersih");
    update(&mut a, Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    typed(&mut a, "desa pesisir");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "bersih");
    let text = drawn(&a, 100, 24);
    assert!(text.contains("Air bersih / desa pesisir"), "{text}");
    assert!(!text.contains('�'), "{text}");
    // Focus mode shows the two lines as two lines.
    while !matches!(screen(&a).mode, Mode::Normal) {
        press(&mut a, KeyCode::Esc);
    }
    press(&mut a, KeyCode::Char('f'));
    assert!(a.look.focus);
    let text = drawn(&a, 100, 24);
    assert!(!text.contains('�') && text.contains("desa pesisir"), "{text}");
}

#[test]
fn the_roster_form_draws_its_cursor_where_the_cursor_is() {
    let mut a = app();
    press(&mut a, KeyCode::Char('r'));
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "Yohanes Dano");
    for _ in 0.."Dano".len() {
        press(&mut a, KeyCode::Left);
    }
    let text = drawn(&a, 100, 24);
    assert!(text.contains("Yohanes ▏Dano"), "{text}");
    assert!(!text.contains("Dano▏"), "{text}");
}

#[test]
fn empty_tools_say_what_to_do() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Char('v'));
    assert!(screen(&a).session.votes.is_empty(), "no empty round is made");
    assert!(matches!(screen(&a).mode, Mode::Normal));
    let text = flash_text(&a);
    assert!(text.contains(" a") && text.contains(" v"), "what to do: {text}");
    press(&mut a, KeyCode::Char('m'));
    let text = drawn(&a, 100, 24);
    assert!(
        text.contains("Belum ada usulan program") && !text.contains("Cata…"),
        "{text}"
    );
    assert!(text.contains("Program)"), "said whole, wrapped: {text}");
    assert!(a.tr().matrix_empty.contains(" a "), "{}", a.tr().matrix_empty);
}

#[test]
fn the_home_screen_names_the_sample_key_and_where_the_sample_is() {
    for lang in [Lang::Id, Lang::En] {
        let mut a = App::new(lang, datetime!(2024-05-06 09:00 +9), 1, PathBuf::from("x"));
        update(&mut a, Action::SessionsScanned(Vec::new()));
        let text = drawn(&a, 100, 24);
        let sample = if lang == Lang::Id { "D contoh" } else { "D sample" };
        assert!(text.contains(sample), "{text}");
        assert!(!text.contains("di bawah") && !text.contains("below"), "{text}");
    }
}

#[test]
fn undo_and_redo_say_what_they_undid() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Living);
    add(&mut a, "Jalan lingkar Tobelo belum tersambung ke pelabuhan");
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('y'));
    press(&mut a, KeyCode::Char('u'));
    let text = flash_text(&a);
    assert!(text.starts_with("Diurungkan: hapus masukan 'Jalan lingkar"), "{text}");
    assert!(text.chars().count() < 80, "the text is cut: {text}");
    ctrl(&mut a, 'r');
    let text = flash_text(&a);
    assert!(
        text.starts_with("Perubahan diterapkan lagi: hapus masukan 'Jalan lingkar"),
        "{text}"
    );
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Char('u'));
    assert!(
        flash_text(&a).starts_with("Diurungkan: tambah masukan 'Jalan"),
        "{}",
        flash_text(&a)
    );
}

#[test]
fn each_step_remembers_its_selection() {
    let mut a = app();
    to_pillar(&mut a, Pillar::Living);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    assert_eq!(screen(&a).cursor, 2);
    press(&mut a, KeyCode::Right);
    assert_eq!(screen(&a).cursor, 0, "a step not visited yet starts at the top");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Left);
    assert_eq!(screen(&a).cursor, 2, "coming back keeps the place");
    press(&mut a, KeyCode::Right);
    assert_eq!(screen(&a).cursor, 1);
}

#[test]
fn a_revealed_ranking_is_aligned_with_bars_scaled_to_the_largest_count() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Governance);
    press(&mut a, KeyCode::Char('v'));
    for (n, count) in ["25", "3", "12"].iter().enumerate() {
        if n > 0 {
            press(&mut a, KeyCode::Down);
        }
        typed(&mut a, count);
        press(&mut a, KeyCode::Enter);
    }
    press(&mut a, KeyCode::Char('r'));
    let s = &screen(&a).session;
    let texts: Vec<String> = panels::vote::candidates(s)
        .iter()
        .map(|&i| s.entries[i].text.chars().take(12).collect())
        .collect();
    let text = drawn(&a, 110, 30);
    let rows: Vec<&str> = texts
        .iter()
        .map(|t| text.lines().find(|l| l.contains(t.as_str())).expect("a row"))
        .collect();
    let columns: Vec<usize> = rows
        .iter()
        .zip(&texts)
        .map(|(r, t)| r[..r.find(t.as_str()).expect("text")].chars().count())
        .collect();
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "texts start in one column:\n{text}"
    );
    let dots = |r: &str| r.matches('●').count();
    let (d25, d3, d12) = (dots(rows[0]), dots(rows[1]), dots(rows[2]));
    assert!(d25 > d12 && d12 > d3 && d3 > 0, "{d25} {d12} {d3}\n{text}");
    assert!(d25 < 25, "the largest count fills the bar, not 25 dots:\n{text}");
}

#[test]
fn agenda_titles_are_not_cut_where_there_is_room() {
    let a = sample_app();
    let text = drawn(&a, 120, 40);
    // The agenda column's words, without the minutes (`30'`).
    let agenda: String = text
        .lines()
        .map(|l| l.split("││").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ");
    let flat: String = agenda
        .replace('│', " ")
        .split_whitespace()
        .filter(|w| !w.ends_with('\''))
        .collect::<Vec<_>>()
        .join(" ");
    for title in [
        "Pembukaan dan tujuan kegiatan",
        "Memilih ide untuk Bimtek II",
        "Rangkuman dan penutup",
    ] {
        assert!(flat.contains(title), "{title}:\n{text}");
    }
    assert!(!text.contains("tujua…"), "{text}");
}

#[test]
fn the_roster_marks_everyone_present_at_once_and_undoes_it_at_once() {
    let mut a = app();
    if let Screen::Session(s) = &mut a.screen {
        for (i, name) in ["Ani", "Budi", "Citra"].iter().enumerate() {
            let mut p = person(&format!("P{i}"), name, "Bappeda", Role::Staff);
            p.present = i == 1;
            s.session.participants.push(p);
        }
    }
    press(&mut a, KeyCode::Char('r'));
    press(&mut a, KeyCode::Char('H'));
    assert!(screen(&a).session.participants.iter().all(|p| p.present));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('u'));
    let present: Vec<bool> = screen(&a).session.participants.iter().map(|p| p.present).collect();
    assert_eq!(present, vec![false, true, false], "one undo takes it back");
}

#[test]
fn a_named_voter_is_picked_by_typing_part_of_the_name() {
    let mut a = sample_app();
    to_pillar(&mut a, Pillar::Governance);
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Char('/'));
    assert!(a.typing(), "letters go into the name");
    typed(&mut a, "widar");
    press(&mut a, KeyCode::Enter);
    let Mode::Panel(p) = &screen(&a).mode else {
        panic!("the voting panel");
    };
    let panels::Panel::Vote(v) = p.as_ref() else {
        panic!("the voting panel");
    };
    let voters = panels::vote::voters(&screen(&a).session);
    let name = voters[v.voter].map(|p| p.name.as_str());
    assert_eq!(name, Some("Tri Widarmanti"));
    // The vote goes to that voter.
    press(&mut a, KeyCode::Char(' '));
    let round = &screen(&a).session.votes[0];
    assert_eq!(round.ballots.len(), 1);
    assert!(round.ballots[0].participant.is_some());
}
