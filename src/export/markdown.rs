//! The books as Markdown (CommonMark with pipe tables, as GitHub, GitLab, pandoc and most
//! editors read it). Text the room typed is escaped, so an asterisk or a `<` stays what it was.

use super::book::{Block, Book, Table};

/// Escapes Markdown's punctuation; line breaks inside an entry become `<br>`, which works in
/// tables and lists alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line_i in text.lines().enumerate() {
        let (i, line) = line_i;
        if i > 0 {
            out.push_str("<br>");
        }
        for ch in line.chars() {
            if matches!(
                ch,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~'
            ) {
                out.push('\\');
            }
            out.push(ch);
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let cells = |row: &mut dyn Iterator<Item = String>| {
        let joined: Vec<String> = row.collect();
        format!("| {} |\n", joined.join(" | "))
    };
    out.push_str(&cells(&mut t.columns.iter().map(|c| escape(&c.title))));
    out.push_str(&cells(&mut t.columns.iter().map(|c| {
        if c.numeric {
            "---:".to_string()
        } else {
            "---".to_string()
        }
    })));
    for row in &t.rows {
        out.push_str(&cells(&mut row.iter().map(|c| escape(c))));
    }
    out.push('\n');
}

pub fn render(book: &Book) -> String {
    let mut out = format!("# {}\n\n", escape(&book.title));
    for block in &book.blocks {
        match block {
            Block::Meta(lines) => {
                for (label, value) in lines {
                    out.push_str(&format!("- **{}:** {}\n", escape(label), escape(value)));
                }
                out.push('\n');
            }
            Block::Part(t) => out.push_str(&format!("## {}\n\n", escape(t))),
            Block::Section(t) => out.push_str(&format!("### {}\n\n", escape(t))),
            Block::Subsection(t) => out.push_str(&format!("#### {}\n\n", escape(t))),
            Block::Para(t) => out.push_str(&format!("{}\n\n", escape(t))),
            Block::Empty(t) => out.push_str(&format!("_{}_\n\n", escape(t))),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", escape(item)));
                }
                out.push('\n');
            }
            Block::Table(t) => table(&mut out, t),
            // The readiness tables right after it carry the same numbers.
            Block::Chart(_) | Block::PageBreak => {}
            Block::Toc(title) => {
                out.push_str(&format!("## {}\n\n", escape(title)));
                for b in &book.blocks {
                    match b {
                        Block::Part(t) => out.push_str(&format!("- {}\n", escape(t))),
                        Block::Section(t) => out.push_str(&format!("  - {}\n", escape(t))),
                        _ => {}
                    }
                }
                out.push('\n');
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_become_markup() {
        assert_eq!(escape("a|b *c* <x>"), "a\\|b \\*c\\* \\<x\\>");
        assert_eq!(escape("line 1\nline 2"), "line 1<br>line 2");
        assert_eq!(escape("Drs. Siswoko, M.Si"), "Drs. Siswoko, M.Si");
    }
}
