//! `word/document.xml`, written as the blocks are rendered: each block goes through a small
//! buffer straight into the zip entry, so a book of 100,000 entries never exists as a whole
//! document in memory. One function per kind of block.
//!
//! Tables of many columns ([`Table::wide`]) are printed in a landscape section of their own,
//! and the pages after them are portrait again.

use std::io::{self, Write};

use super::parts::{BULLETS, FOOTER_ID, HEADER_FILL, R_NS, W_NS};
use super::xml::push_escaped;
use crate::export::book::{Block, Book, Cover, Signature, Table};

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// 2 cm.
const MARGIN: u32 = 1134;
const BORDER: &str = "8A8A8A";
/// What is gathered before it is handed to the compressor.
const CHUNK: usize = 1 << 16;

pub(super) struct Body<'w> {
    out: &'w mut dyn Write,
    buf: String,
    /// The section being written is landscape.
    landscape: bool,
    /// Nothing is on the current page yet (a new section just began): a page break here would
    /// leave a blank page.
    page_start: bool,
}

/// Writes the whole document of `book` into `out`.
pub(super) fn write(book: &Book, out: &mut dyn Write) -> io::Result<()> {
    let plan = landscape_plan(&book.blocks);
    let decimal = &crate::i18n::strings(book.lang).out_decimal;
    let mut b = Body {
        out,
        buf: String::with_capacity(CHUNK * 2),
        landscape: false,
        page_start: true,
    };
    b.raw(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"
    ));
    // The title heads the first page after the cover (or the first page, with no cover).
    let mut titled = false;
    for (block, landscape) in book.blocks.iter().zip(plan) {
        if landscape != b.landscape {
            b.section_break(landscape);
        }
        if !titled && !matches!(block, Block::Cover(_) | Block::PageBreak) {
            b.paragraph("<w:pStyle w:val=\"Title\" />", &book.title, "");
            titled = true;
        }
        match block {
            Block::Cover(c) => b.cover(c),
            Block::Signatures(s) => b.signatures(s),
            Block::Meta(lines) => b.meta(lines),
            Block::Part(t) => b.part(t),
            Block::Section(t) => b.heading(2, t),
            Block::Subsection(t) => b.heading(3, t),
            Block::Para(t) => b.paragraph("", t, ""),
            Block::Empty(t) => b.paragraph("", t, "<w:i /><w:iCs />"),
            Block::List(items) => b.list(items),
            Block::Table(t) => b.table(t)?,
            Block::Chart(c) => super::chart::chart(&mut b, c, decimal),
            Block::PageBreak => b.page_break(),
            Block::Toc(title) => b.toc(title, &book.blocks),
        }
        b.flush_if_full()?;
    }
    let last = b.sect_pr(b.landscape);
    b.raw(&last);
    b.raw("</w:body></w:document>");
    b.flush()
}

/// For each block, whether it is printed landscape: wide tables, and what leads up to one from
/// the heading above it (a book's title and its introduction, a section's and subsection's
/// headings), so that no heading is left on a portrait page whose table is on the next.
fn landscape_plan(blocks: &[Block]) -> Vec<bool> {
    let mut plan = vec![false; blocks.len()];
    for (i, block) in blocks.iter().enumerate() {
        let Block::Table(t) = block else { continue };
        if !t.wide() {
            continue;
        }
        plan[i] = true;
        let mut from = i;
        for j in (0..i).rev() {
            match blocks[j] {
                Block::Part(_) => {
                    from = j;
                    break;
                }
                Block::Section(_) | Block::Subsection(_) => from = j,
                Block::Para(_) | Block::Empty(_) => {}
                _ => break,
            }
        }
        // Paragraphs above the first heading belong to what came before.
        plan[from..i].iter_mut().for_each(|p| *p = true);
    }
    plan
}

impl Body<'_> {
    pub(super) fn raw(&mut self, xml: &str) {
        self.buf.push_str(xml);
    }

    pub(super) fn text(&mut self, text: &str) {
        push_escaped(&mut self.buf, text);
    }

    fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK { self.flush() } else { Ok(()) }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }

    /// The width between the margins of the current section, in twentieths of a point.
    pub(super) fn text_width(&self) -> u32 {
        if self.landscape {
            PAGE_H - 2 * MARGIN
        } else {
            PAGE_W - 2 * MARGIN
        }
    }

    /// A run per line of `text`, with line breaks between them, each with the run properties
    /// `rpr`.
    pub(super) fn runs(&mut self, text: &str, rpr: &str) {
        for (i, line) in text.lines().enumerate() {
            self.raw("<w:r>");
            if !rpr.is_empty() {
                self.raw("<w:rPr>");
                self.raw(rpr);
                self.raw("</w:rPr>");
            }
            if i > 0 {
                self.raw("<w:br />");
            }
            self.raw("<w:t xml:space=\"preserve\">");
            self.text(line);
            self.raw("</w:t></w:r>");
        }
    }

    /// A paragraph with the paragraph properties `ppr` (in the schema's order) and its text in
    /// runs with the properties `rpr`.
    pub(super) fn paragraph(&mut self, ppr: &str, text: &str, rpr: &str) {
        self.raw("<w:p>");
        if !ppr.is_empty() {
            self.raw("<w:pPr>");
            self.raw(ppr);
            self.raw("</w:pPr>");
        }
        self.runs(text, rpr);
        self.raw("</w:p>");
        self.page_start = false;
    }

    /// The properties of a section, A4 with 2 cm margins, the page number in the footer.
    fn sect_pr(&self, landscape: bool) -> String {
        let (w, h, orient) = if landscape {
            (PAGE_H, PAGE_W, " w:orient=\"landscape\"")
        } else {
            (PAGE_W, PAGE_H, "")
        };
        format!(
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"{FOOTER_ID}\" /><w:type w:val=\"nextPage\" />\
<w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient} />\
<w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\" />\
<w:cols w:space=\"708\" /></w:sectPr>"
        )
    }

    /// Ends the current section (a section's properties close it) and starts one of the other
    /// orientation on a new page.
    fn section_break(&mut self, landscape: bool) {
        let props = self.sect_pr(self.landscape);
        self.raw("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" />");
        self.raw(&props);
        self.raw("</w:pPr></w:p>");
        self.landscape = landscape;
        self.page_start = true;
    }

    fn meta(&mut self, lines: &[(String, String)]) {
        for (label, value) in lines {
            self.raw("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"60\" /></w:pPr>");
            self.runs(&format!("{label}: "), "<w:b /><w:bCs />");
            self.runs(value, "");
            self.raw("</w:p>");
        }
        self.page_start = false;
    }

    /// A book or the annexes: Heading 1 on a new page.
    fn part(&mut self, title: &str) {
        let ppr = if self.page_start {
            "<w:pStyle w:val=\"Heading1\" />"
        } else {
            "<w:pStyle w:val=\"Heading1\" /><w:pageBreakBefore />"
        };
        self.paragraph(ppr, title, "");
    }

    fn heading(&mut self, level: u8, title: &str) {
        self.paragraph(&format!("<w:pStyle w:val=\"Heading{level}\" />"), title, "");
    }

    /// A real Word list: each item a paragraph of the bulleted numbering.
    fn list(&mut self, items: &[String]) {
        let ppr = format!(
            "<w:pStyle w:val=\"ListParagraph\" /><w:numPr><w:ilvl w:val=\"0\" /><w:numId w:val=\"{BULLETS}\" /></w:numPr>"
        );
        for item in items {
            self.paragraph(&ppr, item, "");
        }
    }

    /// The title page: centred lines, the logo's place a framed box to paste it into.
    fn cover(&mut self, c: &Cover) {
        let centred = |b: &mut Self, text: &str, size: u32, bold: bool| {
            let rpr = if bold {
                format!("<w:b /><w:bCs /><w:sz w:val=\"{size}\" /><w:szCs w:val=\"{size}\" />")
            } else {
                format!("<w:sz w:val=\"{size}\" /><w:szCs w:val=\"{size}\" />")
            };
            b.paragraph(
                "<w:spacing w:before=\"0\" w:after=\"240\" /><w:jc w:val=\"center\" />",
                text,
                &rpr,
            );
        };
        centred(self, &c.government, 28, true);
        let line = |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"{BORDER}\" />");
        let borders: String = ["top", "left", "bottom", "right"].iter().map(|s| line(s)).collect();
        const LOGO_W: u32 = 2835;
        self.raw(&format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"{LOGO_W}\" w:type=\"dxa\" /><w:jc w:val=\"center\" /><w:tblBorders>{borders}</w:tblBorders>\
<w:tblLayout w:type=\"fixed\" /></w:tblPr><w:tblGrid><w:gridCol w:w=\"{LOGO_W}\" /></w:tblGrid>\
<w:tr><w:trPr><w:cantSplit /><w:trHeight w:val=\"2835\" /></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"{LOGO_W}\" w:type=\"dxa\" /><w:vAlign w:val=\"center\" /></w:tcPr>"
        ));
        self.paragraph(
            "<w:jc w:val=\"center\" />",
            &c.logo,
            "<w:sz w:val=\"20\" /><w:szCs w:val=\"20\" />",
        );
        self.raw("</w:tc></w:tr></w:tbl>");
        self.raw("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"480\" /></w:pPr></w:p>");
        centred(self, &c.title, 44, true);
        centred(self, &c.books.join("\n"), 28, false);
        centred(self, &c.region, 28, true);
        centred(self, &c.year, 28, false);
    }

    /// Places to sign side by side, in a table without borders: the line above, the role, room
    /// for the signature, the name line and the NIP.
    fn signatures(&mut self, signatures: &[Signature]) {
        if signatures.is_empty() {
            return;
        }
        let width = self.text_width();
        let widths = share(width, &vec![1; signatures.len()]);
        self.table_start(width, "", &widths);
        self.raw("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
        for (s, w) in signatures.iter().zip(&widths) {
            self.raw(&format!("<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\" /></w:tcPr>"));
            let centre = "<w:spacing w:before=\"0\" w:after=\"0\" /><w:jc w:val=\"center\" />";
            self.paragraph(centre, &s.above, "");
            self.paragraph(centre, &s.role, "");
            self.raw("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"1200\" /></w:pPr></w:p>");
            self.paragraph(centre, &s.name, "<w:b /><w:bCs />");
            if let Some(nip) = &s.nip {
                self.paragraph(centre, nip, "");
            }
            self.raw("</w:tc>");
        }
        self.raw("</w:tr></w:tbl>");
        self.raw("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"60\" /></w:pPr></w:p>");
        self.page_start = false;
    }

    fn page_break(&mut self) {
        if !self.page_start {
            self.raw("<w:p><w:pPr><w:pageBreakBefore /></w:pPr></w:p>");
        }
    }

    /// The table of contents: its title on a new page, then a TOC field over Heading 1–3 that
    /// Word fills in when fields are updated (F9, or on opening: the field is marked dirty).
    /// Until then it shows the books and their sections, without page numbers.
    fn toc(&mut self, title: &str, blocks: &[Block]) {
        let ppr = if self.page_start {
            "<w:pStyle w:val=\"Title\" />"
        } else {
            "<w:pStyle w:val=\"Title\" /><w:pageBreakBefore />"
        };
        self.paragraph(ppr, title, "");
        let entries: Vec<(u8, &str)> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Part(t) => Some((1, t.as_str())),
                Block::Section(t) => Some((2, t.as_str())),
                _ => None,
            })
            .collect();
        let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\" /></w:r>\
<w:r><w:instrText xml:space=\"preserve\">TOC \\o &quot;1-3&quot; \\h \\z \\u</w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\" /></w:r>";
        let end = "<w:r><w:fldChar w:fldCharType=\"end\" /></w:r>";
        if entries.is_empty() {
            self.raw(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"TOC1\" /></w:pPr>{begin}{end}</w:p>"
            ));
            return;
        }
        let last = entries.len() - 1;
        for (i, (level, text)) in entries.into_iter().enumerate() {
            self.raw(&format!("<w:p><w:pPr><w:pStyle w:val=\"TOC{level}\" /></w:pPr>"));
            if i == 0 {
                self.raw(begin);
            }
            self.runs(text, "");
            if i == last {
                self.raw(end);
            }
            self.raw("</w:p>");
        }
    }

    /// A Word table: fixed column widths in the proportions of the book's columns, the header
    /// row shaded and repeated on each page, no row split across pages. A small paragraph
    /// follows, since Word joins two tables that touch.
    fn table(&mut self, t: &Table) -> io::Result<()> {
        if t.columns.is_empty() {
            return Ok(());
        }
        let width = self.text_width();
        let widths = share(width, &t.columns.iter().map(|c| u32::from(c.width)).collect::<Vec<_>>());
        let line = |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{BORDER}\" />");
        let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
            .iter()
            .map(|s| line(s))
            .collect();
        self.table_start(width, &borders, &widths);
        self.raw("<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
        for (c, w) in t.columns.iter().zip(&widths) {
            let style = if c.numeric {
                "TableHeadingNumber"
            } else {
                "TableHeading"
            };
            let shade = format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{HEADER_FILL}\" />");
            self.cell(*w, &shade, style, &c.title);
        }
        self.raw("</w:tr>");
        for row in &t.rows {
            self.raw("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
            for (i, (c, w)) in t.columns.iter().zip(&widths).enumerate() {
                let style = if c.numeric { "TableNumber" } else { "TableText" };
                self.cell(*w, "", style, row.get(i).map_or("", String::as_str));
            }
            self.raw("</w:tr>");
            // A table of 100,000 rows is one block: it is handed on as it grows.
            self.flush_if_full()?;
        }
        self.raw("</w:tbl>");
        self.raw("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"60\" /></w:pPr></w:p>");
        self.page_start = false;
        Ok(())
    }

    /// Opens a table of fixed layout and the given column widths.
    pub(super) fn table_start(&mut self, width: u32, borders: &str, widths: &[u32]) {
        self.raw(&format!("<w:tbl><w:tblPr><w:tblW w:w=\"{width}\" w:type=\"dxa\" />"));
        if !borders.is_empty() {
            self.raw(&format!("<w:tblBorders>{borders}</w:tblBorders>"));
        }
        self.raw(
            "<w:tblLayout w:type=\"fixed\" /><w:tblCellMar><w:top w:w=\"30\" w:type=\"dxa\" /><w:left w:w=\"90\" w:type=\"dxa\" />\
<w:bottom w:w=\"30\" w:type=\"dxa\" /><w:right w:w=\"90\" w:type=\"dxa\" /></w:tblCellMar></w:tblPr><w:tblGrid>",
        );
        for w in widths {
            self.raw(&format!("<w:gridCol w:w=\"{w}\" />"));
        }
        self.raw("</w:tblGrid>");
        self.page_start = false;
    }

    /// A cell of the given width and extra cell properties `tcpr`, a paragraph of `style` per
    /// line of `text` (a cell holds at least one paragraph).
    pub(super) fn cell(&mut self, width: u32, tcpr: &str, style: &str, text: &str) {
        self.raw(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\" />{tcpr}</w:tcPr>"
        ));
        let mut any = false;
        for line in text.lines() {
            any = true;
            self.raw(&format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\" /></w:pPr>"));
            self.runs(line, "");
            self.raw("</w:p>");
        }
        if !any {
            self.raw(&format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\" /></w:pPr></w:p>"));
        }
        self.raw("</w:tc>");
    }
}

/// `total` split in the proportions of `parts`, in whole units, the rounding left to the last.
pub(super) fn share(total: u32, parts: &[u32]) -> Vec<u32> {
    let sum = parts.iter().sum::<u32>().max(1);
    let mut widths: Vec<u32> = parts.iter().map(|p| p * total / sum).collect();
    let used: u32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total.saturating_sub(used);
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::book::Column;

    fn table(columns: usize) -> Block {
        let column = Column {
            title: "x".into(),
            width: 1,
            numeric: false,
        };
        Block::Table(Table {
            columns: vec![column; columns],
            rows: Vec::new(),
        })
    }

    #[test]
    fn a_wide_table_takes_its_headings_but_not_the_paragraphs_before_them() {
        let para = || Block::Para("p".into());
        let blocks = [
            table(3),
            para(),
            Block::Section("s".into()),
            Block::Subsection("t".into()),
            table(7),
            table(3),
            Block::Part("b".into()),
            para(),
            table(8),
            para(),
        ];
        let plan = landscape_plan(&blocks);
        assert_eq!(plan, [false, false, true, true, true, false, true, true, true, false]);
    }

    #[test]
    fn widths_add_up_to_the_text_width() {
        assert_eq!(share(100, &[1, 1, 1]), [33, 33, 34]);
        assert_eq!(share(9638, &[2, 4, 12, 2]).iter().sum::<u32>(), 9638);
    }
}
