//! The books as a Word document (docx-rs): the title in Word's Title style, books and sections as
//! Heading 1–3 (so Word's navigation pane and table of contents see them), tables as Word
//! tables, each book on a new page, A4 with 2 cm margins.
//!
//! Deterministic output: docx-rs numbers paragraphs from a per-thread counter, so every paragraph
//! gets its id here instead; and the finished archive is rewritten with fixed timestamps
//! (1980-01-01, the zip format's earliest) so that the same session always gives the same bytes.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, PageMargin, Paragraph,
    Run, RunFonts, Shading, ShdType, Style, StyleType, Table as DocTable, TableCell, TableCellMargins, TableLayoutType,
    TableOfContents, TableRow, WidthType,
};

use super::book::{Block, Book, Cover, Signature, Table};

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// 2 cm.
const MARGIN: i32 = 1134;
/// The width of the text between the margins.
const TEXT_W: usize = 11906 - 2 * 1134;
const ACCENT: &str = "1F3C5A";
const HEADER_FILL: &str = "DCE6F0";
/// Text in tables, in half-points: 9 pt, so that eight columns fit a portrait page.
const TABLE_SIZE: usize = 18;

/// Hands out paragraph ids in order, the same for the same document.
struct Ids(u32);

impl Ids {
    fn para(&mut self) -> Paragraph {
        self.0 += 1;
        Paragraph::new().id(format!("{:08X}", self.0))
    }
}

fn styles(doc: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color(ACCENT)
            .outline_lvl(level)
    };
    doc.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(40)
            .color(ACCENT),
    )
    .add_style(heading("Heading1", "heading 1", 32, 0))
    .add_style(heading("Heading2", "heading 2", 26, 1))
    .add_style(heading("Heading3", "heading 3", 22, 2))
}

/// A run per line of `text`, with line breaks between them.
fn runs(p: Paragraph, text: &str, bold: bool, italic: bool) -> Paragraph {
    sized_runs(p, text, bold, italic, None)
}

fn sized_runs(p: Paragraph, text: &str, bold: bool, italic: bool, size: Option<usize>) -> Paragraph {
    let mut p = p;
    for (i, line) in text.lines().enumerate() {
        let mut run = Run::new();
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
        if bold {
            run = run.bold();
        }
        if italic {
            run = run.italic();
        }
        if let Some(size) = size {
            run = run.size(size);
        }
        p = p.add_run(run);
    }
    p
}

fn spaced(p: Paragraph, after: u32) -> Paragraph {
    p.line_spacing(LineSpacing::new().before(0).after(after))
}

fn heading(ids: &mut Ids, style: &str, text: &str, new_page: bool) -> Paragraph {
    let p = runs(ids.para().style(style).keep_next(true), text, false, false)
        .line_spacing(LineSpacing::new().before(240).after(120));
    if new_page { p.page_break_before(true) } else { p }
}

fn table(ids: &mut Ids, t: &Table) -> DocTable {
    let total: usize = t.columns.iter().map(|c| usize::from(c.width)).sum::<usize>().max(1);
    let widths: Vec<usize> = t
        .columns
        .iter()
        .map(|c| usize::from(c.width) * TEXT_W / total)
        .collect();
    let cell = |ids: &mut Ids, text: &str, width: usize, numeric: bool, header: bool| {
        let mut cell = TableCell::new().width(width, WidthType::Dxa);
        if header {
            cell = cell.shading(Shading::new().shd_type(ShdType::Clear).color("auto").fill(HEADER_FILL));
        }
        let lines: Vec<&str> = if text.is_empty() {
            vec![""]
        } else {
            text.lines().collect()
        };
        for line in lines {
            let mut p = spaced(sized_runs(ids.para(), line, header, false, Some(TABLE_SIZE)), 0);
            if numeric {
                p = p.align(AlignmentType::Right);
            }
            cell = cell.add_paragraph(p);
        }
        cell
    };
    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    rows.push(TableRow::new(
        t.columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| cell(ids, &c.title, *w, c.numeric, true))
            .collect(),
    ));
    for row in &t.rows {
        rows.push(
            TableRow::new(
                t.columns
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (c, w))| cell(ids, row.get(i).map_or("", String::as_str), *w, c.numeric, false))
                    .collect(),
            )
            .cant_split(),
        );
    }
    DocTable::new(rows)
        .margins(TableCellMargins::new().margin(30, 90, 30, 90))
        .set_grid(widths)
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The title page, centred: the logo's place a bordered one-cell table.
fn cover(ids: &mut Ids, doc: Docx, c: &Cover) -> Docx {
    let centred = |ids: &mut Ids, text: &str, size: usize, bold: bool| {
        spaced(sized_runs(ids.para(), text, bold, false, Some(size)), 240).align(AlignmentType::Center)
    };
    let logo = TableCell::new()
        .width(2835, WidthType::Dxa)
        .add_paragraph(spaced(ids.para(), 600))
        .add_paragraph(centred(ids, &c.logo, 20, false))
        .add_paragraph(spaced(ids.para(), 600));
    doc.add_paragraph(centred(ids, &c.government, 28, true))
        .add_table(
            DocTable::new(vec![TableRow::new(vec![logo]).cant_split()])
                .set_grid(vec![2835])
                .width(2835, WidthType::Dxa)
                .align(docx_rs::TableAlignmentType::Center),
        )
        .add_paragraph(centred(ids, &c.title, 44, true))
        .add_paragraph(centred(ids, &c.books.join("\n"), 28, false))
        .add_paragraph(centred(ids, &c.region, 28, true))
        .add_paragraph(centred(ids, &c.year, 28, false))
}

/// Places to sign side by side: a table without borders, a column each.
fn signatures(ids: &mut Ids, signatures: &[Signature]) -> DocTable {
    let width = TEXT_W / signatures.len().max(1);
    let cells = signatures
        .iter()
        .map(|s| {
            let line = |ids: &mut Ids, text: &str, bold: bool| {
                spaced(runs(ids.para(), text, bold, false), 0).align(AlignmentType::Center)
            };
            let mut cell = TableCell::new()
                .width(width, WidthType::Dxa)
                .add_paragraph(line(ids, &s.above, false))
                .add_paragraph(line(ids, &s.role, false))
                .add_paragraph(spaced(ids.para(), 1200))
                .add_paragraph(line(ids, &s.name, true));
            if let Some(nip) = &s.nip {
                cell = cell.add_paragraph(line(ids, nip, false));
            }
            cell
        })
        .collect();
    DocTable::new(vec![TableRow::new(cells).cant_split()])
        .set_grid(vec![width; signatures.len()])
        .width(TEXT_W, WidthType::Dxa)
        .clear_all_border()
}

/// The Word document, as the bytes of a `.docx` file.
pub fn render(book: &Book) -> Result<Vec<u8>, String> {
    let mut ids = Ids(0);
    let mut doc = styles(
        Docx::new()
            .page_size(PAGE_W, PAGE_H)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN)
                    .bottom(MARGIN)
                    .left(MARGIN)
                    .right(MARGIN)
                    .header(708)
                    .footer(708),
            )
            .default_fonts(
                RunFonts::new()
                    .ascii("Calibri")
                    .hi_ansi("Calibri")
                    .cs("Calibri")
                    .east_asia("Calibri"),
            )
            .default_size(21)
            .created_at(&book.date)
            .updated_at(&book.date),
    );
    // The page number in every page's footer, as a PAGE field Word and LibreOffice fill in.
    let page = ids.para().align(AlignmentType::Center).add_run(
        Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false),
    );
    doc = doc.footer(Footer::new().add_paragraph(page));
    doc = doc.add_paragraph(runs(ids.para().style("Title"), &book.title, false, false));
    for block in &book.blocks {
        doc = match block {
            Block::Meta(lines) => {
                let mut doc = doc;
                for (label, value) in lines {
                    let p = ids
                        .para()
                        .add_run(Run::new().add_text(format!("{label}: ")).bold())
                        .add_run(Run::new().add_text(value.as_str()));
                    doc = doc.add_paragraph(spaced(p, 60));
                }
                doc
            }
            Block::Part(t) => doc.add_paragraph(heading(&mut ids, "Heading1", t, true)),
            // The table of contents: a real TOC field over Heading 1–3, which Word fills in when
            // fields are updated (F9, or on printing).
            Block::Toc(title) => doc
                .add_paragraph(runs(
                    ids.para().style("Title").page_break_before(true),
                    title,
                    false,
                    false,
                ))
                .add_table_of_contents(TableOfContents::new().heading_styles_range(1, 3)),
            Block::Section(t) => doc.add_paragraph(heading(&mut ids, "Heading2", t, false)),
            Block::Subsection(t) => doc.add_paragraph(heading(&mut ids, "Heading3", t, false)),
            Block::Para(t) => doc.add_paragraph(spaced(runs(ids.para(), t, false, false), 120)),
            Block::Empty(t) => doc.add_paragraph(spaced(runs(ids.para(), t, false, true), 120)),
            Block::List(items) => {
                let mut doc = doc;
                for item in items {
                    let p = runs(ids.para(), &format!("•\t{item}"), false, false).indent(
                        Some(360),
                        Some(docx_rs::SpecialIndentType::Hanging(360)),
                        None,
                        None,
                    );
                    doc = doc.add_paragraph(spaced(p, 60));
                }
                doc
            }
            Block::Table(t) => {
                let doc = doc.add_table(table(&mut ids, t));
                // Word joins two tables that touch; a small paragraph keeps them apart.
                doc.add_paragraph(spaced(ids.para(), 60))
            }
            // The readiness tables carry the same numbers.
            Block::Chart(_) => doc,
            Block::PageBreak => doc.add_paragraph(ids.para().page_break_before(true)),
            Block::Cover(c) => cover(&mut ids, doc, c),
            Block::Signatures(s) => doc.add_table(signatures(&mut ids, s)),
        };
    }
    let mut packed = Cursor::new(Vec::new());
    doc.build().pack(&mut packed).map_err(|e| e.to_string())?;
    normalise(&packed.into_inner(), book)
}

/// Rewrites the archive with fixed timestamps and permissions, compressed, leaving out the
/// folder entries (Word needs only the files).
///
/// Two things docx-rs cannot say are written into its XML here: the header row of every table
/// repeats on each page (`w:tblHeader`; only header rows have an empty row property, since body
/// rows cannot split), and the document's title and author.
fn normalise(bytes: &[u8], book: &Book) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| e.to_string())?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).map_err(|e| e.to_string())?;
        if name == "word/document.xml" {
            content = replace_bytes(
                &content,
                b"<w:tr><w:trPr />",
                b"<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
            );
        } else if name == "docProps/core.xml" {
            let title = super::html::escape(&book.title);
            let author = super::html::escape(&book.author);
            let props = format!("<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>");
            content = replace_bytes(&content, b"<dc:creator>unknown</dc:creator>", props.as_bytes());
            let by = format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>");
            content = replace_bytes(
                &content,
                b"<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
                by.as_bytes(),
            );
        }
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&content).map_err(|e| e.to_string())?;
    }
    out.finish().map(Cursor::into_inner).map_err(|e| e.to_string())
}

/// `haystack` with every `from` replaced by `to`.
fn replace_bytes(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}
