//! Drawing. Every function here reads the state and never changes it.

pub mod agenda;
pub mod backups;
pub mod big;
pub mod commitments;
pub mod dialog;
pub mod entry_form;
pub mod export_dialog;
pub mod flash;
pub mod focus;
pub mod help;
pub mod home;
pub mod locked;
pub mod merge_dialog;
pub mod new_form;
pub mod panels;
pub mod projector;
pub mod qr;
pub mod recovery;
pub mod room_card;
pub mod save_as;
pub mod session;
pub mod step;
pub mod text;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::{App, Screen};
use crate::i18n::fill;
use crate::theme::GlyphLevel;
use theme::THEME;

/// Below this the layout cannot show a step and its entries legibly.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn view(app: &App, frame: &mut Frame) {
    theme::set(app.look.theme);
    let area = frame.area();
    if app.look.blank {
        // Black, whatever the theme: the room looks at the speaker, not the screen.
        let black = ratatui::style::Style::new()
            .bg(ratatui::style::Color::Black)
            .fg(ratatui::style::Color::Black);
        frame.render_widget(Block::new().style(black), area);
        return;
    }
    frame.render_widget(Block::new().style(THEME.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        fit_glyphs(frame.buffer_mut(), app.look.glyphs);
        return;
    }
    match &app.screen {
        Screen::Home(home) => home::draw(app, home, frame, area),
        Screen::Session(s) if app.look.focus => {
            focus::draw(app, s, frame, area);
            session::draw_open(app, s, frame, area);
        }
        // The room panel open in projector mode: the QR code, address and join code fill the
        // screen, for the room to scan.
        Screen::Session(s) if app.look.projector && !app.look.audience && app.room.is_some() => match &s.mode {
            crate::app::Mode::Panel(p) if matches!(**p, crate::app::panels::Panel::Inbox(_)) => {
                panels::draw(app, s, p, frame, area)
            }
            _ => {
                projector::draw(app, s, frame, area);
                session::draw_open(app, s, frame, area);
            }
        },
        // The audience view while the facilitator has the room panel open: the code to scan.
        Screen::Session(_) if app.look.audience && app.look.room_card && app.room.is_some() => {
            if let Some(room) = &app.room {
                room_card::draw(app, room, frame, area);
            }
        }
        Screen::Session(s) if app.look.projector || app.look.audience => {
            projector::draw(app, s, frame, area);
            session::draw_open(app, s, frame, area);
        }
        Screen::Session(s) => session::draw(app, s, frame, area),
    }
    if let Some(d) = &app.dialog {
        dialog::draw(app, d, frame, area);
    }
    if app.help {
        help::draw(app, frame, area);
    }
    fit_glyphs(frame.buffer_mut(), app.look.glyphs);
}

/// Draws each character the console's font lacks as its stand-in at the glyph level (the
/// symbols, lines and punctuation of the screens and the catalogs; see `theme::GlyphLevel`).
/// A character with no stand-in is left as it is, so a test finds it.
pub fn fit_glyphs(buffer: &mut Buffer, level: GlyphLevel) {
    if level == GlyphLevel::Full {
        return;
    }
    for cell in &mut buffer.content {
        if cell.symbol().chars().all(|c| level.allows(c)) {
            continue;
        }
        let shown: String = cell.symbol().chars().map(|c| level.fallback(c).unwrap_or(c)).collect();
        cell.set_symbol(&shown);
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let msg = fill(
        &app.tr().too_small,
        &[
            ("w", &area.width.to_string()),
            ("h", &area.height.to_string()),
            ("mw", &MIN_WIDTH.to_string()),
            ("mh", &MIN_HEIGHT.to_string()),
        ],
    );
    let text = vec![
        ratatui::text::Line::from(msg),
        ratatui::text::Line::from(""),
        ratatui::text::Line::from(app.tr().too_small_how.as_str()),
    ];
    frame.render_widget(Paragraph::new(text).style(THEME.warn).wrap(Wrap { trim: true }), area);
}
