//! Text helpers for drawing: harmless characters, word wrapping and truncation by display width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Control characters (and so terminal escape sequences) are shown as visible symbols, never
/// sent to the terminal.
pub fn printable(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() => '�',
        c => c,
    }
}

pub fn sanitize(s: &str) -> String {
    s.chars().map(printable).collect()
}

/// Wraps text to `width` columns at word boundaries, breaking words longer than a line. Every
/// character of the input appears in the output (apart from spaces at breaks).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in para.split(' ') {
            let word = sanitize(word);
            let w = word.width();
            if line_w > 0 && line_w + 1 + w <= width {
                line.push(' ');
                line.push_str(&word);
                line_w += 1 + w;
                continue;
            }
            if line_w > 0 {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if w <= width {
                line.push_str(&word);
                line_w = w;
                continue;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if line_w + cw > width && line_w > 0 {
                    out.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        out.push(line);
    }
    out
}

/// A one-line field's text with `▏` where its cursor is (when it has the keyboard).
pub fn with_cursor(t: &ratatui_textarea::TextArea, focused: bool) -> String {
    let lines = t.lines();
    if !focused {
        return lines.join(" ");
    }
    let cursor = t.cursor();
    let (row, col) = (cursor.0, cursor.1);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i == row {
            let at = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
            out.push_str(&line[..at]);
            out.push('▏');
            out.push_str(&line[at..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Text on one line: line breaks become a visible ` / ` (`�` is for control characters only).
pub fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return sanitize(text);
    }
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    sanitize(&lines.join(" / "))
}

/// Cuts to `width` columns, ending with `…` when something was cut. Line breaks show as ` / `.
pub fn truncate(text: &str, width: usize) -> String {
    let text = one_line(text);
    if text.width() <= width {
        return text;
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_and_respects_width() {
        let text = "Pengurusan dokumen kependudukan masih harus datang ke Tobelo";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn wrap_breaks_long_words_and_keeps_newlines() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
    }

    #[test]
    fn escapes_are_made_harmless() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a�[2Jb");
        assert!(!wrap("x\u{7}y", 10)[0].contains('\u{7}'));
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("Pelayanan publik", 10), "Pelayanan…");
        assert_eq!(truncate("abc", 10), "abc");
        assert_eq!(truncate("Air bersih\r\ndesa pesisir", 40), "Air bersih / desa pesisir");
    }
}
