//! Glyph levels: what each console can show. The screens are drawn at each level (full, block
//! for the classic Windows console, ascii for the Linux text console) and every cell is checked
//! against the level's set; a few screens are kept as reviewed snapshots.

use std::path::PathBuf;

use bimtek::app::{Action, App, SessionRow, update};
use bimtek::domain::{Lang, Session};
use bimtek::store::demo::SAMPLE;
use bimtek::theme::GlyphLevel;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

fn app(level: GlyphLevel) -> App {
    let mut a = App::new(Lang::Id, datetime!(2021-09-07 10:30 +9), 42, PathBuf::from("/data"));
    a.look.glyphs = level;
    a
}

fn key(a: &mut App, code: KeyCode) {
    update(a, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(a: &mut App, text: &str) {
    for c in text.chars() {
        key(a, KeyCode::Char(c));
    }
}

fn at_step(level: GlyphLevel, step: &str) -> App {
    let mut a = app(level);
    let mut s: Session = bimtek::store::parse(SAMPLE).expect("sample");
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

fn home(level: GlyphLevel) -> App {
    let mut a = app(level);
    let s: Session = bimtek::store::parse(SAMPLE).expect("sample");
    update(
        &mut a,
        Action::SessionsScanned(vec![
            SessionRow {
                path: PathBuf::from("/data/a.ron"),
                summary: Ok(s.summary()),
            },
            SessionRow {
                path: PathBuf::from("/data/rusak.ron"),
                summary: Err("rusak.ron:3:5: Unexpected end of RON".into()),
            },
        ]),
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

/// Every character in the buffer that the level does not allow, with where it is.
fn outside(b: &Buffer, level: GlyphLevel) -> Vec<String> {
    let mut bad = Vec::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            for c in b[(x, y)].symbol().chars().filter(|&c| !level.allows(c)) {
                bad.push(format!("{c:?} (U+{:04X}) at {x},{y}", u32::from(c)));
            }
        }
    }
    bad
}

/// The screens with the most symbols: agenda marks, selection pointers, bars, dots, stars,
/// arrows in forms, borders, big titles, and the too-small message.
fn screens(level: GlyphLevel) -> Vec<(String, Buffer)> {
    let mut out = Vec::new();
    let mut add = |name: &str, a: &App, w: u16, h: u16| out.push((format!("{name} {w}x{h}"), buffer(a, w, h)));
    let h = home(level);
    add("home", &h, 80, 24);
    let s = at_step(level, "pillar-governance");
    for (w, hh) in [(80, 24), (120, 40)] {
        add("pillar step", &s, w, hh);
    }
    let mut p = at_step(level, "pillar-governance");
    p.look.projector = true;
    for (w, hh) in [(83, 22), (100, 30), (240, 67)] {
        add("projector", &p, w, hh);
    }
    let mut f = at_step(level, "pillar-governance");
    key(&mut f, KeyCode::Down);
    key(&mut f, KeyCode::Char('f'));
    add("focus", &f, 100, 30);
    let mut form = at_step(level, "pillar-living");
    key(&mut form, KeyCode::Char('a'));
    keys(&mut form, "Puskesmas… — “dokter” × 2");
    add("entry form", &form, 80, 24);
    let mut m = at_step(level, "pillar-living");
    key(&mut m, KeyCode::Char('m'));
    keys(&mut m, "i5e1");
    key(&mut m, KeyCode::Char('w'));
    add("matrix", &m, 120, 40);
    let mut r = at_step(level, "readiness");
    key(&mut r, KeyCode::Char('s'));
    keys(&mut r, "3");
    add("readiness", &r, 100, 30);
    let mut v = at_step(level, "pillar-governance");
    key(&mut v, KeyCode::Char('v'));
    keys(&mut v, "  ");
    key(&mut v, KeyCode::Char('r'));
    add("votes", &v, 100, 30);
    let mut ro = at_step(level, "pillar-governance");
    key(&mut ro, KeyCode::Char('r'));
    key(&mut ro, KeyCode::Char(' '));
    add("roster", &ro, 100, 30);
    let mut help = at_step(level, "pillar-governance");
    key(&mut help, KeyCode::Char('?'));
    add("help", &help, 100, 30);
    add("too small", &s, 50, 12);
    out
}

#[test]
fn nothing_outside_the_level_is_drawn() {
    for level in GlyphLevel::ALL {
        for (name, b) in screens(level) {
            let bad = outside(&b, level);
            assert!(
                bad.is_empty(),
                "{level:?}, {name}: {} characters outside the level: {:?}\n{}",
                bad.len(),
                &bad[..bad.len().min(10)],
                text(&b)
            );
        }
    }
}

#[test]
fn the_full_level_keeps_the_symbols_and_the_others_replace_them() {
    let full: String = screens(GlyphLevel::Full).iter().map(|(_, b)| text(b)).collect();
    for c in ['✓', '▶', '★', '─', '…'] {
        assert!(full.contains(c), "the full level draws {c}");
    }
    let block: String = screens(GlyphLevel::Block).iter().map(|(_, b)| text(b)).collect();
    for (gone, shown) in [('✓', '√'), ('▶', '►'), ('★', '*')] {
        assert!(
            !block.contains(gone) && block.contains(shown),
            "block: {gone} becomes {shown}"
        );
    }
    assert!(
        block.contains('─') && block.contains('█'),
        "block keeps lines and blocks"
    );
}

#[test]
fn ascii_has_no_big_letters_but_the_title_in_plain_text() {
    let mut p = at_step(GlyphLevel::Ascii, "pillar-governance");
    p.look.projector = true;
    let screen = text(&buffer(&p, 100, 30));
    assert!(screen.contains("Smart Governance"), "{screen}");
    assert!(screen.is_ascii());
}

#[test]
fn too_small_says_how_to_enlarge_the_window() {
    let a = home(GlyphLevel::Block);
    let screen = text(&buffer(&a, 50, 12)).replace('\n', "");
    assert!(screen.contains("maksimalkan jendela"), "{screen}");
    assert!(screen.contains("Ctrl"), "{screen}");
}

#[test]
fn snapshots_at_each_level() {
    for level in GlyphLevel::ALL {
        let name = format!("{level:?}").to_lowercase();
        insta::assert_snapshot!(format!("home_{name}_80x24"), text(&buffer(&home(level), 80, 24)));
        let s = at_step(level, "pillar-governance");
        insta::assert_snapshot!(format!("pillar_{name}_80x24"), text(&buffer(&s, 80, 24)));
        let mut p = at_step(level, "pillar-governance");
        p.look.projector = true;
        insta::assert_snapshot!(format!("projector_{name}_100x30"), text(&buffer(&p, 100, 30)));
    }
}
