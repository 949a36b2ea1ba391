//! The books as a Word document, WordprocessingML written by hand: the title in Word's Title
//! style, books and sections as Heading 1–3 (so Word's navigation pane and table of contents see
//! them), lists as Word lists, tables as Word tables (wide ones on landscape pages), the
//! readiness chart as a table of shaded cells, each book on a new page, A4 with 2 cm margins.
//!
//! The document's body is streamed into its zip entry as the blocks are rendered, so a book of a
//! national roll-up needs little more memory than the book itself. Deterministic output: no
//! date of export, and every entry of the archive has the fixed timestamp 1980-01-01 (the zip
//! format's earliest), so the same session always gives the same bytes.

mod body;
mod chart;
mod parts;
mod xml;

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::book::Book;

/// The Word document, as the bytes of a `.docx` file.
pub fn render(book: &Book) -> Result<Vec<u8>, String> {
    package(book).map_err(|e| e.to_string())
}

fn package(book: &Book) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let part = |zip: &mut ZipWriter<_>, name: &str, text: String| -> zip::result::ZipResult<()> {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
        Ok(())
    };
    part(&mut zip, "[Content_Types].xml", parts::content_types())?;
    part(&mut zip, "_rels/.rels", parts::package_rels())?;
    zip.start_file("word/document.xml", options)?;
    body::write(book, &mut zip)?;
    part(&mut zip, "word/_rels/document.xml.rels", parts::document_rels())?;
    part(&mut zip, "word/styles.xml", parts::styles(book.lang))?;
    part(&mut zip, "word/numbering.xml", parts::numbering())?;
    part(&mut zip, "word/settings.xml", parts::settings())?;
    part(&mut zip, "word/footer1.xml", parts::footer())?;
    part(&mut zip, "docProps/core.xml", parts::core(book))?;
    part(&mut zip, "docProps/app.xml", parts::app())?;
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::domain::Lang;
    use crate::export::book::Block;

    fn document(book: &Book) -> String {
        let bytes = render(book).expect("a Word document");
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .expect("document.xml")
            .read_to_string(&mut xml)
            .expect("UTF-8");
        xml
    }

    #[test]
    fn pasted_control_characters_cannot_break_the_document() {
        let book = Book {
            lang: Lang::Id,
            title: "Judul \u{1}<b>".into(),
            author: "Kab. \"A\" & B".into(),
            date: "2021-09-07T00:00:00Z".into(),
            blocks: vec![
                Block::Para("teks\u{1b}[31m dari terminal\u{0} & <tag>".into()),
                Block::List(vec!["  spasi di depan".into()]),
            ],
        };
        let xml = document(&book);
        assert!(!xml.contains(['\u{0}', '\u{1}', '\u{1b}']), "{xml}");
        assert!(xml.contains(">teks[31m dari terminal &amp; &lt;tag&gt;</w:t>"), "{xml}");
        assert!(
            xml.contains("<w:t xml:space=\"preserve\">  spasi di depan</w:t>"),
            "{xml}"
        );
        assert!(xml.contains(">Judul &lt;b&gt;</w:t>"), "{xml}");
    }
}
