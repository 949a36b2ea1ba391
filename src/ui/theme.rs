//! The theme of the frame being drawn: set by `ui::view` from the app state at the start of every
//! frame; drawing code reads it through `THEME`. The themes themselves are `crate::theme`.

use std::cell::Cell;

use ratatui::style::{Modifier, Style};

use crate::domain::Kind;
use crate::theme::{Theme, default_theme};

thread_local! {
    static CURRENT: Cell<Option<&'static Theme>> = const { Cell::new(None) };
}

/// Makes `theme` the one drawing code sees; `ui::view` calls it at the start of every frame.
pub fn set(theme: &'static Theme) {
    CURRENT.with(|c| c.set(Some(theme)));
}

/// The theme of the frame being drawn.
pub fn current() -> &'static Theme {
    CURRENT.with(|c| c.get()).unwrap_or_else(default_theme)
}

/// `THEME.bar` and friends: the current frame's theme.
pub struct ThemeRef;

impl std::ops::Deref for ThemeRef {
    type Target = Theme;
    fn deref(&self) -> &Theme {
        current()
    }
}

pub static THEME: ThemeRef = ThemeRef;

/// Each kind of entry has a colour, so the room can tell problems from potentials at a glance.
pub fn kind_style(kind: Kind) -> Style {
    let t = current();
    let color = match kind {
        Kind::Problem | Kind::Weakness | Kind::Threat => t.negative,
        Kind::Potential | Kind::Strength | Kind::Opportunity => t.positive,
        Kind::Program | Kind::StrategySo | Kind::StrategyWo | Kind::StrategySt | Kind::StrategyWt => t.program,
        Kind::Vision => t.vision,
        Kind::Commitment => t.commitment,
        Kind::Note => return t.text.add_modifier(Modifier::BOLD),
    };
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}
