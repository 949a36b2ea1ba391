//! Colours and text styles. High contrast on purpose: projectors wash colours out, so nothing
//! important is drawn dim.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Kind;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub base: Style,
    pub bar: Style,
    pub title: Style,
    pub heading: Style,
    pub text: Style,
    pub accent: Style,
    pub notes: Style,
    pub selected: Style,
    pub border: Style,
    pub border_focus: Style,
    pub ok: Style,
    pub warn: Style,
    pub error: Style,
    pub key_hint: Style,
}

pub const THEME: Theme = Theme {
    base: Style::new().fg(Color::White).bg(Color::Black),
    bar: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    title: Style::new().fg(Color::LightYellow).add_modifier(Modifier::BOLD),
    heading: Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
    text: Style::new().fg(Color::White),
    accent: Style::new().fg(Color::LightYellow),
    notes: Style::new().fg(Color::LightMagenta),
    selected: Style::new().fg(Color::Black).bg(Color::LightYellow),
    border: Style::new().fg(Color::Gray),
    border_focus: Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
    ok: Style::new().fg(Color::LightGreen),
    warn: Style::new().fg(Color::LightYellow).add_modifier(Modifier::BOLD),
    error: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD),
    key_hint: Style::new().fg(Color::Gray),
};

/// Each kind of entry has a colour, so the room can tell problems from potentials at a glance.
pub fn kind_style(kind: Kind) -> Style {
    let color = match kind {
        Kind::Problem | Kind::Weakness | Kind::Threat => Color::LightRed,
        Kind::Potential | Kind::Strength | Kind::Opportunity => Color::LightGreen,
        Kind::Program => Color::LightCyan,
        Kind::Vision => Color::LightYellow,
        Kind::Commitment => Color::LightMagenta,
        Kind::Note => Color::White,
    };
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}
