//! The room's view: projector and focus modes, themes, colour fallbacks, at the sizes projectors
//! really give (83×22 to 112×32 with a big font, up to 240×67 with a small one).

use std::fmt::Write as _;
use std::path::PathBuf;

use bimtek::app::{Action, App, update};
use bimtek::domain::{Lang, Session};
use bimtek::theme::{ColorMode, builtin};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use time::macros::datetime;

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 40), (240, 67)];

#[path = "support/sample.rs"]
mod sample_session;

fn app_at(step: &str, theme: &str, mode: ColorMode, projector: bool) -> App {
    let mut a = App::new(Lang::Id, datetime!(2021-09-07 10:30 +9), 42, PathBuf::from("/data"));
    let f = builtin().iter().find(|t| t.name == theme).expect("theme exists");
    a.look.theme = f.theme().expect("valid").adapt(mode).leak();
    a.look.theme_name = theme.into();
    a.look.projector = projector;
    let mut s: Session = sample_session::bare();
    s.current_step = s.agenda.steps.iter().position(|st| st.id == step).expect("step");
    update(
        &mut a,
        Action::SessionOpened {
            session: Box::new(s),
            path: PathBuf::from("s.ron"),
            read_only: false,
        },
    );
    a
}

fn buffer(a: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| bimtek::ui::view(a, f)).expect("draw");
    t.backend().buffer().clone()
}

fn text(b: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            out.push_str(b[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The screen with its colours: each line, then the runs of one style on it.
fn styled(b: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut line = String::new();
        let mut runs = String::new();
        let mut run: Option<(u16, String)> = None;
        for x in 0..b.area.width {
            let c = &b[(x, y)];
            line.push_str(c.symbol());
            let st = format!("{:?}/{:?}/{:?}", c.fg, c.bg, c.modifier);
            match &run {
                Some((_, s)) if *s == st => {}
                _ => {
                    if let Some((from, s)) = run.take() {
                        let _ = write!(runs, " [{from}..{x} {s}]");
                    }
                    run = Some((x, st));
                }
            }
        }
        if let Some((from, s)) = run {
            let _ = write!(runs, " [{from}..{} {s}]", b.area.width);
        }
        let _ = writeln!(out, "{line}\n   {runs}");
    }
    out
}

fn key(a: &mut App, code: KeyCode) {
    update(a, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn pillar_step_in_both_modes_at_every_projector_size() {
    for projector in [false, true] {
        for (w, h) in SIZES {
            let a = app_at("pillar-governance", "gelap", ColorMode::TrueColor, projector);
            let mode = if projector { "projector" } else { "facilitator" };
            insta::assert_snapshot!(format!("pillar_{mode}_{w}x{h}"), text(&buffer(&a, w, h)));
        }
    }
}

#[test]
fn projector_mode_hides_what_is_for_the_facilitator_only() {
    for (w, h) in SIZES {
        let a = app_at("pillar-governance", "gelap", ColorMode::TrueColor, true);
        let screen = text(&buffer(&a, w, h));
        assert!(
            !screen.contains("Catatan fasilitator"),
            "notes on the projector at {w}x{h}"
        );
        assert!(!screen.contains("? bantuan"), "key hints on the projector at {w}x{h}");
        assert!(screen.contains("Langkah 5 dari 12"), "where we are, at {w}x{h}");
        assert!(screen.contains("sisa 30:00"), "the timer, at {w}x{h}");
        assert!(screen.contains("Pelayanan publik"), "the elements, at {w}x{h}");
        // The title is drawn in big letters (block characters), not as a plain line.
        assert!(
            screen.contains('▀') || screen.contains('█'),
            "big title at {w}x{h}:\n{screen}"
        );
    }
}

#[test]
fn wide_screens_put_the_elements_side_by_side() {
    let a = app_at("pillar-governance", "gelap", ColorMode::TrueColor, true);
    let screen = text(&buffer(&a, 240, 67));
    let row = screen
        .lines()
        .find(|l| l.contains("Pelayanan publik"))
        .expect("a heading line");
    assert!(
        row.contains("Manajemen birokrasi") && row.contains("Efisiensi kebijakan"),
        "{row}"
    );
}

#[test]
fn every_theme_in_projector_and_facilitator_mode() {
    for f in builtin() {
        for projector in [false, true] {
            let a = app_at("pillar-governance", &f.name, ColorMode::TrueColor, projector);
            let mode = if projector { "projector" } else { "facilitator" };
            insta::assert_snapshot!(format!("theme_{}_{mode}_100x30", f.name), styled(&buffer(&a, 100, 30)));
        }
    }
}

#[test]
fn sixteen_colour_fallback_uses_only_ansi_colours() {
    for f in builtin() {
        let a = app_at("pillar-governance", &f.name, ColorMode::Ansi16, true);
        let b = buffer(&a, 100, 30);
        for c in b.content() {
            for color in [c.fg, c.bg] {
                assert!(
                    !matches!(color, Color::Rgb(..) | Color::Indexed(_)),
                    "{} uses {color:?}",
                    f.name
                );
            }
        }
    }
}

#[test]
fn no_color_output_has_no_colour_at_all_and_stays_readable() {
    for projector in [false, true] {
        let mut a = app_at("pillar-governance", "gelap", ColorMode::None, projector);
        key(&mut a, KeyCode::Down);
        let b = buffer(&a, 120, 40);
        for c in b.content() {
            assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "a coloured cell: {c:?}");
        }
        assert!(text(&b).contains("Pelayanan publik"));
    }
}

#[test]
fn focus_mode_shows_one_entry_big_and_the_arrows_move_on() {
    let mut a = app_at("pillar-governance", "gelap", ColorMode::TrueColor, false);
    key(&mut a, KeyCode::Down); // the first entry
    key(&mut a, KeyCode::Char('f'));
    let first = text(&buffer(&a, 120, 40));
    assert!(first.contains("Permasalahan · Pelayanan publik"), "{first}");
    assert!(first.contains("Pengurusan dokumen kependudukan"), "{first}");
    assert!(!first.contains("Agenda"), "nothing else on screen");
    key(&mut a, KeyCode::Right);
    let second = text(&buffer(&a, 120, 40));
    assert!(second.contains("Kantor camat"), "{second}");
    insta::assert_snapshot!("focus_entry_120x40", second);
    key(&mut a, KeyCode::Esc);
    assert!(text(&buffer(&a, 120, 40)).contains("Agenda"));
}

#[test]
fn revealed_votes_show_on_the_projector() {
    let mut a = app_at("pillar-governance", "gelap", ColorMode::TrueColor, false);
    key(&mut a, KeyCode::Char('v'));
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('P'));
    let hidden = text(&buffer(&a, 100, 30));
    assert!(!hidden.contains("HASIL TERBUKA"), "results stay hidden until revealed");
    key(&mut a, KeyCode::Char('P'));
    key(&mut a, KeyCode::Char('v'));
    key(&mut a, KeyCode::Char('r'));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('P'));
    let shown = text(&buffer(&a, 100, 30));
    assert!(shown.contains("HASIL TERBUKA"), "{shown}");
    assert!(shown.contains("   1.   2"), "the ranking with its votes:\n{shown}");
}

#[test]
fn too_small_says_so_in_projector_mode_too() {
    let a = app_at("pillar-governance", "gelap", ColorMode::TrueColor, true);
    assert!(text(&buffer(&a, 50, 12)).contains("terlalu kecil"));
}

#[test]
fn what_is_open_is_drawn_over_the_projector_layout() {
    let mut a = app_at("pillar-governance", "gelap", ColorMode::TrueColor, true);
    key(&mut a, KeyCode::Char('a'));
    for c in "Jalan lingkar".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    let screen = text(&buffer(&a, 83, 22));
    assert!(screen.contains("Tambah masukan"), "the form is on screen:\n{screen}");
    assert!(screen.contains("Jalan lingkar"), "with what was typed:\n{screen}");
    insta::assert_snapshot!("projector_form_83x22", screen);
    // Leaving the form with typed text asks first; `y` discards it.
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('y'));
    key(&mut a, KeyCode::Char('v'));
    let screen = text(&buffer(&a, 83, 22));
    assert!(
        screen.contains("Pemungutan suara"),
        "the voting tool is on screen:\n{screen}"
    );
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char('d'));
    let screen = text(&buffer(&a, 83, 22));
    assert!(screen.contains("Hapus"), "the question is on screen:\n{screen}");
}

#[test]
fn the_wide_projector_layout_shows_the_general_entries_too() {
    let mut a = app_at("pillar-governance", "gelap", ColorMode::TrueColor, true);
    // An entry of the pillar under no element: the general heading.
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Char('a'));
    for c in "Satu data lintas OPD".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    for (w, h) in [(200, 55), (240, 67)] {
        let screen = text(&buffer(&a, w, h));
        assert!(screen.contains("Satu data lintas OPD"), "at {w}x{h}:\n{screen}");
        assert!(screen.contains("Umum"), "at {w}x{h}:\n{screen}");
    }
}
