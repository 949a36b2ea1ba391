//! Text into WordprocessingML: escaped for XML, and without the characters XML 1.0 cannot carry
//! at all (control characters pasted from other programs), which would make Word refuse the
//! whole document.

/// Appends `text` escaped for element content and for attribute values in double quotes.
pub(super) fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` escaped, as a new string.
pub(super) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// XML 1.0's `Char`, less the carriage return (lines are split before they get here, and a stray
/// one would read as a line break).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_are_left_out() {
        assert_eq!(
            escaped("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escaped("a\u{0}b\u{1b}c\u{FFFE}d\u{FFFF}e\r"), "abcde");
        assert_eq!(escaped("tab\there ñ 😀"), "tab\there ñ 😀");
    }
}
