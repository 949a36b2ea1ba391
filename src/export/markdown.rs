//! The books as Markdown (CommonMark with pipe tables, as GitHub, GitLab, pandoc and most
//! editors read it). Text the room typed is escaped, so an asterisk or a `<` stays what it was.

use super::book::{Block, Book, Cover, Signature, Table};

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

/// The title page as centred-looking bold lines, then a rule where the page would end.
fn cover(out: &mut String, c: &Cover) {
    out.push_str(&format!("**{}**\n\n", escape(&c.government)));
    out.push_str(&format!("{}\n\n", escape(&c.logo)));
    out.push_str(&format!("**{}**\n\n", escape(&c.title)));
    let books: Vec<String> = c.books.iter().map(|b| escape(b)).collect();
    out.push_str(&format!("{}\n\n", books.join("<br>")));
    out.push_str(&format!("**{}**<br>{}\n\n---\n\n", escape(&c.region), escape(&c.year)));
}

/// Each place to sign as a paragraph: the line above, the role, room to sign, name and NIP.
fn signatures(out: &mut String, signatures: &[Signature]) {
    for s in signatures {
        let mut lines = vec![
            escape(&s.above),
            escape(&s.role),
            String::new(),
            String::new(),
            escape(&s.name),
        ];
        if let Some(nip) = &s.nip {
            lines.push(escape(nip));
        }
        out.push_str(&format!("{}\n\n", lines.join("<br>")));
    }
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
            Block::Cover(c) => cover(&mut out, c),
            Block::Signatures(s) => signatures(&mut out, s),
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
