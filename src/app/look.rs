//! How the screen looks: theme, language, projector mode, focus mode, and whether this is the
//! read-only audience view.

use super::Cmd;
use crate::domain::Lang;
use crate::theme::{self, GlyphLevel, Theme};

#[derive(Debug, Clone)]
pub struct Look {
    pub theme: &'static Theme,
    pub theme_name: String,
    /// The themes to cycle through (built-in, then the user's), already adapted to the terminal.
    pub themes: Vec<(String, &'static Theme)>,
    /// For the room: big title, no notes, no key hints.
    pub projector: bool,
    /// One entry (or the prompt) alone on the screen, in big letters.
    pub focus: bool,
    /// `bimtek present`: follows a file someone else writes; never changes it.
    pub audience: bool,
    /// The audience view could not read the latest file and shows the last good state.
    pub waiting: bool,
    /// The audience view shows the room's QR code, address and join code full screen, as the
    /// facilitator's projector does while the room panel is open.
    pub room_card: bool,
    /// The projector is blanked (black) until the next key, as `b` does in presentations.
    pub blank: bool,
    /// Which characters the terminal's font can show.
    pub glyphs: GlyphLevel,
}

impl Default for Look {
    fn default() -> Self {
        Look {
            theme: theme::default_theme(),
            theme_name: "gelap".into(),
            themes: Vec::new(),
            projector: false,
            focus: false,
            audience: false,
            waiting: false,
            room_card: false,
            blank: false,
            glyphs: GlyphLevel::Full,
        }
    }
}

/// What a look key asks for beyond the change itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookChange {
    /// Redraw only.
    Shown,
    /// Theme or language changed: remember it in the config.
    Remember,
}

impl Look {
    pub fn cycle_theme(&mut self) {
        if self.themes.is_empty() {
            return;
        }
        let i = self.themes.iter().position(|(n, _)| *n == self.theme_name).unwrap_or(0);
        let (name, theme) = &self.themes[(i + 1) % self.themes.len()];
        self.theme_name = name.clone();
        self.theme = theme;
    }

    pub fn select_theme(&mut self, name: &str) -> bool {
        match self.themes.iter().find(|(n, _)| n == name) {
            Some((n, t)) => {
                self.theme_name = n.clone();
                self.theme = t;
                true
            }
            None => false,
        }
    }

    /// Projector mode, focus mode, blanking, the next theme, the other language; `None` when
    /// the command is none of these.
    pub fn on_key(&mut self, cmd: Option<Cmd>, lang: &mut Lang, on_session: bool) -> Option<LookChange> {
        match cmd? {
            Cmd::Projector => self.projector = !self.projector,
            Cmd::Focus if on_session => self.focus = !self.focus,
            Cmd::Blank if on_session => self.blank = true,
            Cmd::Theme => {
                self.cycle_theme();
                return Some(LookChange::Remember);
            }
            Cmd::Language => {
                *lang = match lang {
                    Lang::Id => Lang::En,
                    Lang::En => Lang::Id,
                };
                return Some(LookChange::Remember);
            }
            _ => return None,
        }
        Some(LookChange::Shown)
    }
}
