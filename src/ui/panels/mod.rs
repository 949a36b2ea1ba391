//! Drawing the tools that open over the session screen.

pub mod commitment_form;
pub mod find;
pub mod inbox;
pub mod matrix;
pub mod program_form;
pub mod readiness;
pub mod roster;
pub mod vote;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::THEME;
use crate::app::panels::Panel;
use crate::app::{App, SessionScreen};

pub fn draw(app: &App, s: &SessionScreen, panel: &Panel, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    match panel {
        Panel::Readiness(p) => readiness::draw(app, s, p, frame, area),
        Panel::Vote(p) => vote::draw(app, s, p, frame, area),
        Panel::Matrix(p) => matrix::draw(app, s, p, frame, area),
        Panel::Roster(p) => roster::draw(app, s, p, frame, area),
        Panel::Find(p) => find::draw(app, s, p, frame, area),
        Panel::Program(p) => program_form::draw(app, s, p, frame, area),
        Panel::Commitment(p) => commitment_form::draw(app, s, p, frame, area),
        Panel::Inbox(p) => inbox::draw(app, s, p, frame, area),
    }
}

/// The frame every tool is drawn in; returns the inside.
pub fn frame_block(frame: &mut Frame, area: Rect, title: &str) -> Rect {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(THEME.border_focus)
        .title(Span::styled(format!(" {title} "), THEME.title))
        .style(THEME.base);
    let inner = block.inner(area).inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    });
    frame.render_widget(block, area);
    inner
}

/// `■■■□□`: a score as a bar of `max` cells.
pub fn bar(value: u8, max: u8) -> String {
    let v = usize::from(value.min(max));
    format!("{}{}", "■".repeat(v), "□".repeat(usize::from(max) - v))
}

/// Rows of a long list to draw so that `cursor` is in view, for a window of `height` rows.
pub fn window(len: usize, cursor: usize, height: usize) -> std::ops::Range<usize> {
    if len <= height || height == 0 {
        return 0..len;
    }
    let start = cursor.saturating_sub(height / 3).min(len - height);
    start..start + height
}
