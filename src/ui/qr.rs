//! A QR code in half blocks: each character is two modules, the upper one drawn in the
//! foreground, the lower one in the background, always black on white whatever the theme, so a
//! phone reads it off a projector.

use qrcode::{Color as Module, EcLevel, QrCode};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

/// Light modules around the code. The standard asks for four; two read well off a screen (the
/// theme's background is never taken for a module) and keep the code bigger in a small panel.
pub const QUIET: usize = 2;

/// The code's modules, quiet zone included, `true` for dark, row by row; `None` if the text is
/// too long for a QR code.
pub fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let size = w + 2 * QUIET;
    let mut out = vec![false; size * size];
    for y in 0..w {
        for x in 0..w {
            out[(y + QUIET) * size + x + QUIET] = colors[y * w + x] == Module::Dark;
        }
    }
    Some((size, out))
}

/// The lines to draw: `size` columns, `size / 2` rounded up rows.
pub fn lines(text: &str) -> Vec<Line<'static>> {
    let Some((size, m)) = modules(text) else {
        return Vec::new();
    };
    let color = |dark: bool| if dark { Color::Black } else { Color::White };
    (0..size.div_ceil(2))
        .map(|row| {
            let spans: Vec<Span> = (0..size)
                .map(|x| {
                    let top = m[2 * row * size + x];
                    let bottom = (2 * row + 1 < size) && m[(2 * row + 1) * size + x];
                    Span::styled("▀", Style::new().fg(color(top)).bg(color(bottom)))
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// Columns and rows the code of `text` takes.
pub fn size(text: &str) -> (u16, u16) {
    modules(text).map_or((0, 0), |(s, _)| {
        let s = u16::try_from(s).unwrap_or(u16::MAX);
        (s, s.div_ceil(2))
    })
}
