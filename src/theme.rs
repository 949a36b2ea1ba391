//! Colour themes as data. Themes are RON files (`assets/themes/`, embedded; more in the user's
//! config folder). High contrast on purpose: projectors wash colours out, so nothing important is
//! drawn dim. The app and the store name themes, so they live here rather than in `ui`; which
//! theme the frame being drawn uses is `ui::theme`'s business.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Serialize};

use crate::domain::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// The timer with 20 % or less left.
    pub amber: Style,
    /// The timer once time is up.
    pub over: Style,
    pub negative: Color,
    pub positive: Color,
    pub program: Color,
    pub vision: Color,
    pub commitment: Color,
}

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ColorMode {
    #[default]
    TrueColor,
    /// The 256-colour palette: most terminals that are not sure of 24-bit colour.
    Ansi256,
    /// The 16 ANSI colours: older terminals, the Windows console host, some projectors' laptops.
    Ansi16,
    /// `NO_COLOR`: no colour at all; bold, underline and reverse video carry the meaning.
    None,
}

impl ColorMode {
    /// From the environment the shell passes in: `NO_COLOR`, `COLORTERM`, `TERM`.
    pub fn detect(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> ColorMode {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return ColorMode::None;
        }
        let colorterm = colorterm.unwrap_or("").to_ascii_lowercase();
        if colorterm.contains("truecolor") || colorterm.contains("24bit") {
            return ColorMode::TrueColor;
        }
        let term = term.unwrap_or("");
        if term.contains("direct") || cfg!(windows) {
            // Windows Terminal and the modern console host take 24-bit colour.
            return ColorMode::TrueColor;
        }
        if term.contains("256color") {
            return ColorMode::Ansi256;
        }
        ColorMode::Ansi16
    }
}

/// Which characters the terminal's font can show.
///
/// - `Full`: anything, including the sextants and octants of Unicode 13/16 for big titles
///   (Windows Terminal, most Linux and macOS terminals).
/// - `Block`: beside text, only block elements (U+2580–259F), box drawing and the few shapes of
///   the old PC character set, which is what the classic Windows 10 console's fonts hold.
/// - `Ascii`: plain ASCII, for the Linux text console or a font without blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GlyphLevel {
    #[default]
    Full,
    Block,
    Ascii,
}

impl FromStr for GlyphLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full" => Ok(GlyphLevel::Full),
            "block" => Ok(GlyphLevel::Block),
            "ascii" => Ok(GlyphLevel::Ascii),
            _ => Err(format!("{s}: full, block or ascii")),
        }
    }
}

impl GlyphLevel {
    pub const ALL: [GlyphLevel; 3] = [GlyphLevel::Full, GlyphLevel::Block, GlyphLevel::Ascii];

    /// From the environment: Windows Terminal sets `WT_SESSION`; any other Windows console is
    /// taken for the classic one; the Linux text console and old terminals get ASCII.
    pub fn detect(windows: bool, wt_session: Option<&str>, term: Option<&str>) -> GlyphLevel {
        let term = term.unwrap_or("");
        if term == "linux" || term.starts_with("vt1") || term.starts_with("vt2") || term == "dumb" {
            GlyphLevel::Ascii
        } else if windows && wt_session.is_none_or(str::is_empty) {
            GlyphLevel::Block
        } else {
            GlyphLevel::Full
        }
    }

    /// Whether `c` may be drawn at this level.
    pub fn allows(self, c: char) -> bool {
        match self {
            GlyphLevel::Full => true,
            GlyphLevel::Block => c.is_ascii() || BLOCK_EXTRA.contains(c) || in_block_ranges(c),
            GlyphLevel::Ascii => c == ' ' || c.is_ascii_graphic(),
        }
    }

    /// The character drawn instead of `c` at this level, if `c` is not allowed and has a stand-in.
    pub fn fallback(self, c: char) -> Option<char> {
        if self.allows(c) {
            return None;
        }
        let table = match self {
            GlyphLevel::Full => return None,
            GlyphLevel::Block => BLOCK_FALLBACK,
            GlyphLevel::Ascii => ASCII_FALLBACK,
        };
        table.iter().find(|(from, _)| from.contains(c)).map(|&(_, to)| to)
    }
}

/// Text and shapes the classic console's fonts (Consolas, Lucida Console) hold beside ASCII:
/// Latin-1, typographic punctuation, arrows, and the shapes of code page 437.
const BLOCK_EXTRA: &str = "–—‘’“”•…←↑→↓√■□▪▲►▼◄○●";

fn in_block_ranges(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{ff}' | '\u{2500}'..='\u{259f}')
}

/// Stand-ins at the block level: the nearest shape of the old PC character set.
const BLOCK_FALLBACK: &[(&str, char)] = &[
    ("▶▸", '►'),
    ("◀◂", '◄'),
    ("✓✔", '√'),
    ("✗✘", 'x'),
    ("★☆", '*'),
    ("⋯", '…'),
    ("\u{fffd}", '?'),
];

/// Stand-ins at the ASCII level, for symbols, punctuation, lines and the letters of Latin-1.
const ASCII_FALLBACK: &[(&str, char)] = &[
    ("▶▸►", '>'),
    ("◀◂◄", '<'),
    ("✓✔√", '+'),
    ("✗✘×", 'x'),
    ("★☆*", '*'),
    ("●•·", '-'),
    ("■▪█▓▒", '#'),
    ("□░", '.'),
    ("–—─━═┄┈╌", '-'),
    ("│┃║┆┊╎", '|'),
    ("┌┐└┘├┤┬┴┼╭╮╯╰╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋", '+'),
    ("…⋯", '~'),
    ("↑▲", '^'),
    ("↓▼", 'v'),
    ("←", '<'),
    ("→", '>'),
    ("‘’´", '\''),
    ("“”«»", '"'),
    ("±", '~'),
    ("\u{a0}", ' '),
    ("àáâãäå", 'a'),
    ("ÀÁÂÃÄÅ", 'A'),
    ("èéêë", 'e'),
    ("ÈÉÊË", 'E'),
    ("ìíîï", 'i'),
    ("ÌÍÎÏ", 'I'),
    ("òóôõöø", 'o'),
    ("ÒÓÔÕÖØ", 'O'),
    ("ùúûü", 'u'),
    ("ÙÚÛÜ", 'U'),
    ("ñ", 'n'),
    ("Ñ", 'N'),
    ("çÇ", 'c'),
    ("ýÿ", 'y'),
    ("\u{fffd}", '?'),
];

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleDef {
    /// Empty: the terminal's own.
    #[serde(default)]
    fg: String,
    #[serde(default)]
    bg: String,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
}

/// A theme as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    pub name: String,
    pub label: Text,
    base: StyleDef,
    bar: StyleDef,
    title: StyleDef,
    heading: StyleDef,
    text: StyleDef,
    accent: StyleDef,
    notes: StyleDef,
    selected: StyleDef,
    border: StyleDef,
    border_focus: StyleDef,
    ok: StyleDef,
    warn: StyleDef,
    error: StyleDef,
    key_hint: StyleDef,
    amber: StyleDef,
    over: StyleDef,
    negative: String,
    positive: String,
    program: String,
    vision: String,
    commitment: String,
}

fn color(s: &str) -> Result<Color, String> {
    Color::from_str(s.trim()).map_err(|_| format!("'{s}' is not a colour (use a name like White or #rrggbb)"))
}

fn style(d: &StyleDef) -> Result<Style, String> {
    let mut st = Style::new();
    if !d.fg.is_empty() {
        st = st.fg(color(&d.fg)?);
    }
    if !d.bg.is_empty() {
        st = st.bg(color(&d.bg)?);
    }
    for (on, m) in [
        (d.bold, Modifier::BOLD),
        (d.underlined, Modifier::UNDERLINED),
        (d.reversed, Modifier::REVERSED),
    ] {
        if on {
            st = st.add_modifier(m);
        }
    }
    Ok(st)
}

impl ThemeFile {
    pub fn parse(text: &str) -> Result<ThemeFile, String> {
        let f: ThemeFile =
            ron::from_str(text).map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
        f.theme()?;
        Ok(f)
    }

    pub fn theme(&self) -> Result<Theme, String> {
        Ok(Theme {
            base: style(&self.base)?,
            bar: style(&self.bar)?,
            title: style(&self.title)?,
            heading: style(&self.heading)?,
            text: style(&self.text)?,
            accent: style(&self.accent)?,
            notes: style(&self.notes)?,
            selected: style(&self.selected)?,
            border: style(&self.border)?,
            border_focus: style(&self.border_focus)?,
            ok: style(&self.ok)?,
            warn: style(&self.warn)?,
            error: style(&self.error)?,
            key_hint: style(&self.key_hint)?,
            amber: style(&self.amber)?,
            over: style(&self.over)?,
            negative: color(&self.negative)?,
            positive: color(&self.positive)?,
            program: color(&self.program)?,
            vision: color(&self.vision)?,
            commitment: color(&self.commitment)?,
        })
    }
}

pub const BUILTIN: [&str; 3] = [
    include_str!("../assets/themes/gelap.ron"),
    include_str!("../assets/themes/terang.ron"),
    include_str!("../assets/themes/kontras.ron"),
];

/// The built-in themes, parsed once.
pub fn builtin() -> &'static [ThemeFile] {
    static CELL: OnceLock<Vec<ThemeFile>> = OnceLock::new();
    CELL.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|t| ThemeFile::parse(t).expect("the embedded themes are valid"))
            .collect()
    })
}

/// The nearest of the 16 ANSI colours, for terminals without 24-bit colour.
pub fn to_ansi16(c: Color) -> Color {
    let Color::Rgb(r, g, b) = c else {
        return c;
    };
    const PALETTE: [(Color, (u8, u8, u8)); 16] = [
        (Color::Black, (0, 0, 0)),
        (Color::Red, (128, 0, 0)),
        (Color::Green, (0, 128, 0)),
        (Color::Yellow, (128, 128, 0)),
        (Color::Blue, (0, 0, 128)),
        (Color::Magenta, (128, 0, 128)),
        (Color::Cyan, (0, 128, 128)),
        (Color::Gray, (192, 192, 192)),
        (Color::DarkGray, (128, 128, 128)),
        (Color::LightRed, (255, 0, 0)),
        (Color::LightGreen, (0, 255, 0)),
        (Color::LightYellow, (255, 255, 0)),
        (Color::LightBlue, (0, 0, 255)),
        (Color::LightMagenta, (255, 0, 255)),
        (Color::LightCyan, (0, 255, 255)),
        (Color::White, (255, 255, 255)),
    ];
    let d = |(pr, pg, pb): (u8, u8, u8)| {
        let (dr, dg, db) = (
            i32::from(r) - i32::from(pr),
            i32::from(g) - i32::from(pg),
            i32::from(b) - i32::from(pb),
        );
        dr * dr + dg * dg + db * db
    };
    PALETTE.iter().min_by_key(|(_, rgb)| d(*rgb)).map_or(c, |(c, _)| *c)
}

/// The nearest colour of the 256-colour palette's 6×6×6 cube.
pub fn to_ansi256(c: Color) -> Color {
    let Color::Rgb(r, g, b) = c else {
        return c;
    };
    let level = |v: u8| -> u8 {
        const STEPS: [u8; 6] = [0, 95, 135, 175, 215, 255];
        let mut best = 0;
        for (i, s) in STEPS.iter().enumerate() {
            if v.abs_diff(*s) < v.abs_diff(STEPS[best]) {
                best = i;
            }
        }
        u8::try_from(best).unwrap_or(0)
    };
    Color::Indexed(16 + 36 * level(r) + 6 * level(g) + level(b))
}

fn map_color(c: Color, mode: ColorMode) -> Color {
    match mode {
        ColorMode::TrueColor => c,
        ColorMode::Ansi256 => to_ansi256(c),
        ColorMode::Ansi16 => to_ansi16(c),
        ColorMode::None => Color::Reset,
    }
}

fn adapt_style(s: Style, mode: ColorMode) -> Style {
    match mode {
        ColorMode::TrueColor => s,
        ColorMode::Ansi256 => Style {
            fg: s.fg.map(to_ansi256),
            bg: s.bg.map(to_ansi256),
            ..s
        },
        ColorMode::Ansi16 => Style {
            fg: s.fg.map(to_ansi16),
            bg: s.bg.map(to_ansi16),
            ..s
        },
        ColorMode::None => Style {
            fg: None,
            bg: None,
            ..s
        },
    }
}

impl Theme {
    /// The theme as this terminal can show it.
    pub fn adapt(mut self, mode: ColorMode) -> Theme {
        for s in [
            &mut self.base,
            &mut self.bar,
            &mut self.title,
            &mut self.heading,
            &mut self.text,
            &mut self.accent,
            &mut self.notes,
            &mut self.selected,
            &mut self.border,
            &mut self.border_focus,
            &mut self.ok,
            &mut self.warn,
            &mut self.error,
            &mut self.key_hint,
            &mut self.amber,
            &mut self.over,
        ] {
            *s = adapt_style(*s, mode);
        }
        for c in [
            &mut self.negative,
            &mut self.positive,
            &mut self.program,
            &mut self.vision,
            &mut self.commitment,
        ] {
            *c = map_color(*c, mode);
        }
        if mode == ColorMode::None {
            // Without colour, what stands out must do so by reverse video and weight.
            self.bar = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
            self.selected = Style::new().add_modifier(Modifier::REVERSED);
            self.error = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
            self.amber = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            self.over = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED);
            self.warn = Style::new().add_modifier(Modifier::BOLD);
        }
        self
    }

    /// A theme made `'static`, each (theme, mode) pair once, so frames can hold a plain reference.
    pub fn leak(self) -> &'static Theme {
        static CACHE: OnceLock<Mutex<HashMap<String, &'static Theme>>> = OnceLock::new();
        let key = format!("{self:?}");
        let mut map = CACHE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        map.entry(key).or_insert_with(|| Box::leak(Box::new(self)))
    }
}

/// The built-in dark theme in full colour: the default.
pub fn default_theme() -> &'static Theme {
    static CELL: OnceLock<&'static Theme> = OnceLock::new();
    CELL.get_or_init(|| builtin()[0].theme().expect("valid").leak())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_parse_with_distinct_names() {
        let names: Vec<&str> = builtin().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["gelap", "terang", "kontras"]);
    }

    #[test]
    fn sixteen_colour_fallback_maps_to_ansi() {
        assert_eq!(to_ansi16(Color::Rgb(255, 255, 255)), Color::White);
        assert_eq!(to_ansi16(Color::Rgb(250, 210, 90)), Color::LightYellow);
        assert_eq!(to_ansi16(Color::Rgb(0, 60, 140)), Color::Blue);
        let t = builtin()[1].theme().expect("theme").adapt(ColorMode::Ansi16);
        assert!(!matches!(t.base.bg, Some(Color::Rgb(..))));
    }

    #[test]
    fn no_color_strips_every_colour_but_keeps_emphasis() {
        for f in builtin() {
            let t = f.theme().expect("theme").adapt(ColorMode::None);
            for s in [t.base, t.bar, t.text, t.selected, t.over, t.error] {
                assert_eq!((s.fg, s.bg), (None, None));
            }
            assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        }
    }

    #[test]
    fn color_mode_follows_the_environment() {
        assert_eq!(ColorMode::detect(Some("1"), Some("truecolor"), None), ColorMode::None);
        assert_eq!(
            ColorMode::detect(Some(""), Some("truecolor"), None),
            ColorMode::TrueColor
        );
        assert_eq!(to_ansi256(Color::Rgb(255, 255, 255)), Color::Indexed(231));
        assert_eq!(to_ansi256(Color::Rgb(0, 0, 0)), Color::Indexed(16));
        if cfg!(windows) {
            // Windows Terminal and the console host both take 24-bit colour, whatever TERM says.
            assert_eq!(
                ColorMode::detect(None, None, Some("xterm-256color")),
                ColorMode::TrueColor
            );
        } else {
            assert_eq!(
                ColorMode::detect(None, None, Some("xterm-256color")),
                ColorMode::Ansi256
            );
            assert_eq!(ColorMode::detect(None, None, Some("xterm")), ColorMode::Ansi16);
        }
    }

    #[test]
    fn bad_theme_files_say_why() {
        let bad = builtin_text_with("\"#000000\"", "\"ungu muda\"");
        assert!(ThemeFile::parse(&bad).expect_err("bad colour").contains("ungu muda"));
    }

    fn builtin_text_with(from: &str, to: &str) -> String {
        BUILTIN[0].replacen(from, to, 1)
    }
}
