//! Big letters for the projector: the largest size of tui-big-text that fits, else bold text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use tui_big_text::{BigText, PixelSize};

use crate::theme::GlyphLevel;

/// Columns and rows one character takes at each size, largest first, by glyph level: the full
/// level adds the sextant and octant sizes (Unicode's legacy computing blocks); the block level
/// keeps to the sizes drawn with U+2580–259F; ASCII has no big letters.
fn sizes(level: GlyphLevel) -> &'static [(PixelSize, usize, usize)] {
    match level {
        GlyphLevel::Full => &[
            (PixelSize::Full, 8, 8),
            (PixelSize::HalfHeight, 8, 4),
            (PixelSize::ThirdHeight, 8, 3),
            (PixelSize::Quadrant, 4, 4),
            (PixelSize::QuarterHeight, 8, 2),
            (PixelSize::Sextant, 4, 3),
            (PixelSize::Octant, 4, 2),
        ],
        GlyphLevel::Block => &[
            (PixelSize::Full, 8, 8),
            (PixelSize::HalfHeight, 8, 4),
            (PixelSize::Quadrant, 4, 4),
        ],
        GlyphLevel::Ascii => &[],
    }
}

/// Splits `text` into lines of at most `max` characters at spaces; `None` if a word is longer.
fn lines_of(text: &str, max: usize) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        if word.chars().count() > max {
            return None;
        }
        match out.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= max => {
                l.push(' ');
                l.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
    }
    Some(out)
}

/// The size and lines to draw `text` big within `width`×`max_rows`, if it can be. Only plain
/// ASCII: the 8×8 font has no other letters, and a missing letter is worse than small text.
pub fn plan(text: &str, width: u16, max_rows: u16, level: GlyphLevel) -> Option<(PixelSize, Vec<String>, u16)> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
        return None;
    }
    // One line at the largest size that allows it; only then two lines.
    for most_lines in [1, 2] {
        for &(size, cw, ch) in sizes(level) {
            let max = usize::from(width) / cw;
            if max == 0 {
                continue;
            }
            if let Some(lines) = lines_of(text, max)
                && lines.len() <= most_lines
                && lines.len() * ch <= usize::from(max_rows)
            {
                let rows = u16::try_from(lines.len() * ch).unwrap_or(u16::MAX);
                return Some((size, lines, rows));
            }
        }
    }
    None
}

/// Draws the planned big text into `area`.
pub fn draw(frame: &mut Frame, area: Rect, size: PixelSize, lines: Vec<String>, style: Style) {
    let big = BigText::builder()
        .pixel_size(size)
        .style(style)
        .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .build();
    frame.render_widget(big, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_largest_size_that_fits() {
        let (size, lines, rows) = plan("Smart Governance", 240, 10, GlyphLevel::Block).expect("fits");
        assert_eq!((size, lines.len(), rows), (PixelSize::Full, 1, 8));
        let (size, _, rows) = plan("Smart Governance", 83, 10, GlyphLevel::Block).expect("fits");
        assert_eq!((size, rows), (PixelSize::Quadrant, 4));
        let (_, lines, _) = plan("Pembukaan dan tujuan kegiatan", 83, 10, GlyphLevel::Block).expect("two lines");
        assert_eq!(lines, ["Pembukaan dan tujuan", "kegiatan"]);
    }

    #[test]
    fn sextants_and_octants_only_at_the_full_level() {
        let (size, _, rows) = plan("Smart Governance", 83, 3, GlyphLevel::Full).expect("fits");
        assert_eq!((size, rows), (PixelSize::Sextant, 3));
        assert!(plan("Smart Governance", 83, 3, GlyphLevel::Block).is_none());
        assert!(plan("Smart Governance", 240, 10, GlyphLevel::Ascii).is_none());
    }

    #[test]
    fn falls_back_when_it_cannot_fit_or_has_other_letters() {
        assert!(plan("Smart Governance", 30, 10, GlyphLevel::Block).is_none());
        assert!(plan("Rangkuman – penutup", 200, 10, GlyphLevel::Block).is_none());
        assert!(plan("", 200, 10, GlyphLevel::Block).is_none());
    }
}
