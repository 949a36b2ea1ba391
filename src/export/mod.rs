//! Exports: a session as the masterplan books (Markdown, HTML, Word) or as a table of its entries
//! (CSV). Every writer is pure — `Session` in, bytes out — and deterministic: the same session
//! gives the same bytes, with no "now" inside. Writing the bytes to a file is the caller's job.
//!
//! The three book formats share one outline, built once by [`book::build`]: headings, short
//! paragraphs, lists and tables, so the Markdown, the HTML and the Word document always hold the
//! same content.

mod annex_ideas;
pub mod book;
pub mod csv;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod masterplan;

use std::fmt;
use std::str::FromStr;

use crate::domain::{Lang, Session};

/// What `bimtek export --format` and the session screen's export dialog offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Csv,
    Docx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Csv, Format::Docx];

    /// The file extension, which is also the code on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Docx => "docx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            "docx" | "word" => Ok(Format::Docx),
            other => Err(format!("unknown format '{other}' (use md, html, csv or docx)")),
        }
    }
}

/// How an export is written beyond its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The CSV's cell separator: `,`, or `;` for Excel with Indonesian regional settings.
    pub csv_sep: u8,
}

impl Default for Options {
    fn default() -> Self {
        Options { csv_sep: b',' }
    }
}

/// The session in the given format. Only the Word writer can fail (its zip library reports
/// errors); the message says why.
pub fn render(session: &Session, format: Format, lang: Lang) -> Result<Vec<u8>, String> {
    render_with(session, format, lang, Options::default())
}

/// As [`render`], with the given options.
pub fn render_with(session: &Session, format: Format, lang: Lang, options: Options) -> Result<Vec<u8>, String> {
    match format {
        Format::Markdown => Ok(markdown::render(&book::build(session, lang)).into_bytes()),
        Format::Html => Ok(html::render(&book::build(session, lang), lang).into_bytes()),
        Format::Csv => csv::render_with(session, lang, options.csv_sep),
        Format::Docx => docx::render(&book::build(session, lang)),
    }
}

/// A book (one session's, or the masterplan's over its stages) in a book format.
pub fn render_book(book: &book::Book, format: Format, lang: Lang) -> Result<Vec<u8>, String> {
    match format {
        Format::Markdown => Ok(markdown::render(book).into_bytes()),
        Format::Html => Ok(html::render(book, lang).into_bytes()),
        Format::Docx => docx::render(book),
        Format::Csv => Err("CSV is a table of entries, not a book".into()),
    }
}

/// Votes an entry received, over every voting round of the session.
pub fn votes_for(session: &Session, entry: &str) -> u32 {
    session
        .votes
        .iter()
        .flat_map(|r| r.ballots.iter())
        .filter(|b| b.entry == entry)
        .map(|b| b.count)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_their_extension() {
        for f in Format::ALL {
            assert_eq!(f.extension().parse::<Format>(), Ok(f));
        }
        assert!("pdf".parse::<Format>().is_err());
    }
}
