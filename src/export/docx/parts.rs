//! The parts of the package around the document's body: content types, relationships, styles,
//! list numbering, settings, the footer with the page number, and the document's properties.
//! All fixed text but the properties, which carry the book's title, author and date.

use super::xml::escaped;
use crate::domain::Lang;
use crate::export::book::Book;

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
pub(super) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The footer's relationship id, named by every section.
pub(super) const FOOTER_ID: &str = "rIdFooter1";
/// The bulleted list in numbering.xml.
pub(super) const BULLETS: u32 = 1;
pub(super) const ACCENT: &str = "1F3C5A";
pub(super) const HEADER_FILL: &str = "DCE6F0";

const MAIN: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

pub(super) fn content_types() -> String {
    let part = |name: &str, kind: &str| format!("<Override PartName=\"/{name}\" ContentType=\"{kind}\" />");
    [
        XML.to_string(),
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">".into(),
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
            .into(),
        "<Default Extension=\"xml\" ContentType=\"application/xml\" />".into(),
        part("word/document.xml", &format!("{MAIN}.document.main+xml")),
        part("word/styles.xml", &format!("{MAIN}.styles+xml")),
        part("word/numbering.xml", &format!("{MAIN}.numbering+xml")),
        part("word/settings.xml", &format!("{MAIN}.settings+xml")),
        part("word/footer1.xml", &format!("{MAIN}.footer+xml")),
        part(
            "docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml",
        ),
        part(
            "docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
        "</Types>".into(),
    ]
    .concat()
}

fn relationships(rels: &[(&str, &str, &str)]) -> String {
    let mut out =
        format!("{XML}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (id, kind, target) in rels {
        out.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\" />"
        ));
    }
    out.push_str("</Relationships>");
    out
}

pub(super) fn package_rels() -> String {
    relationships(&[
        ("rId1", &format!("{R_NS}/officeDocument"), "word/document.xml"),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        ("rId3", &format!("{R_NS}/extended-properties"), "docProps/app.xml"),
    ])
}

pub(super) fn document_rels() -> String {
    relationships(&[
        ("rIdStyles", &format!("{R_NS}/styles"), "styles.xml"),
        ("rIdNumbering", &format!("{R_NS}/numbering"), "numbering.xml"),
        ("rIdSettings", &format!("{R_NS}/settings"), "settings.xml"),
        (FOOTER_ID, &format!("{R_NS}/footer"), "footer1.xml"),
    ])
}

/// Calibri 10.5 pt; the title and headings in the accent colour. Headings carry their outline
/// level (Word's navigation pane and TOC field see them) and keep with what follows, so none is
/// left alone at the foot of a page. Table text has its own styles, so that each of the many
/// cells of a big table names one style rather than repeating its properties.
pub(super) fn styles(lang: Lang) -> String {
    let lang = match lang {
        Lang::Id => "id-ID",
        Lang::En => "en-GB",
    };
    let heading = |level: u8, size: u8| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{n}\"><w:name w:val=\"heading {n}\" /><w:basedOn w:val=\"Normal\" /><w:next w:val=\"Normal\" /><w:qFormat />\
<w:pPr><w:keepNext /><w:keepLines /><w:spacing w:before=\"240\" w:after=\"120\" /><w:outlineLvl w:val=\"{level}\" /></w:pPr>\
<w:rPr><w:b /><w:bCs /><w:color w:val=\"{ACCENT}\" /><w:sz w:val=\"{size}\" /><w:szCs w:val=\"{size}\" /></w:rPr></w:style>",
            n = level + 1
        )
    };
    let toc = |level: u8| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"TOC{level}\"><w:name w:val=\"toc {level}\" /><w:basedOn w:val=\"Normal\" /><w:next w:val=\"Normal\" />\
<w:pPr><w:spacing w:before=\"0\" w:after=\"60\" /><w:ind w:left=\"{}\" /></w:pPr></w:style>",
            (u32::from(level) - 1) * 360
        )
    };
    // Properties in the order the schema wants them (Word refuses a document otherwise).
    let table = |id: &str, name: &str, keep: &str, align: &str, bold: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"{id}\"><w:name w:val=\"{name}\" /><w:basedOn w:val=\"Normal\" />\
<w:pPr>{keep}<w:spacing w:before=\"0\" w:after=\"0\" />{align}</w:pPr><w:rPr>{bold}<w:sz w:val=\"18\" /><w:szCs w:val=\"18\" /></w:rPr></w:style>"
        )
    };
    let (keep, right, bold) = ("<w:keepNext />", "<w:jc w:val=\"right\" />", "<w:b /><w:bCs />");
    [
        format!("{XML}<w:styles xmlns:w=\"{W_NS}\">"),
        format!(
            "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\" />\
<w:sz w:val=\"21\" /><w:szCs w:val=\"21\" /><w:lang w:val=\"{lang}\" /></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"120\" /></w:pPr></w:pPrDefault></w:docDefaults>"
        ),
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\" /><w:qFormat /></w:style>".into(),
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\" /><w:basedOn w:val=\"Normal\" /><w:next w:val=\"Normal\" /><w:qFormat />\
<w:pPr><w:keepNext /><w:spacing w:before=\"0\" w:after=\"240\" /></w:pPr>\
<w:rPr><w:b /><w:bCs /><w:color w:val=\"{ACCENT}\" /><w:sz w:val=\"40\" /><w:szCs w:val=\"40\" /></w:rPr></w:style>"
        ),
        heading(0, 32),
        heading(1, 26),
        heading(2, 22),
        toc(1),
        toc(2),
        toc(3),
        table("TableText", "Table Text", "", "", ""),
        table("TableNumber", "Table Number", "", right, ""),
        table("TableHeading", "Table Heading", keep, "", bold),
        table("TableHeadingNumber", "Table Heading Number", keep, right, bold),
        table("ChartLabel", "Chart Label", keep, right, ""),
        table("ChartValue", "Chart Value", keep, "", ""),
        "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\" /><w:basedOn w:val=\"Normal\" /><w:qFormat />\
<w:pPr><w:spacing w:before=\"0\" w:after=\"60\" /></w:pPr></w:style>"
            .into(),
        "</w:styles>".into(),
    ]
    .concat()
}

/// The bulleted list every `Block::List` is: a bullet, then the text indented under it.
pub(super) fn numbering() -> String {
    // A bullet, a dash under it, a bullet again: items inside items stay told apart.
    let levels: String = ["•", "–", "•"]
        .iter()
        .zip(0u32..)
        .map(|(glyph, ilvl)| {
            let left = 360 * (ilvl + 1);
            format!(
                "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText w:val=\"{glyph}\" /><w:lvlJc w:val=\"left\" />\
<w:pPr><w:ind w:left=\"{left}\" w:hanging=\"360\" /></w:pPr></w:lvl>"
            )
        })
        .collect();
    format!(
        "{XML}<w:numbering xmlns:w=\"{W_NS}\"><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\" />{levels}</w:abstractNum>\
<w:num w:numId=\"{BULLETS}\"><w:abstractNumId w:val=\"0\" /></w:num></w:numbering>"
    )
}

pub(super) fn settings() -> String {
    format!(
        "{XML}<w:settings xmlns:w=\"{W_NS}\"><w:defaultTabStop w:val=\"709\" /><w:characterSpacingControl w:val=\"doNotCompress\" />\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\" /></w:compat></w:settings>"
    )
}

/// The page number in every page's footer, as a PAGE field Word and LibreOffice fill in.
pub(super) fn footer() -> String {
    format!(
        "{XML}<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:jc w:val=\"center\" /></w:pPr>\
<w:r><w:fldChar w:fldCharType=\"begin\" /></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\" /></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\" /></w:r></w:p></w:ftr>"
    )
}

/// Title, author (the region's government) and the session's date: no date of export, so the
/// same book gives the same bytes.
pub(super) fn core(book: &Book) -> String {
    let title = escaped(&book.title);
    let author = escaped(&book.author);
    let date = escaped(&book.date);
    format!(
        "{XML}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>\
</cp:coreProperties>"
    )
}

pub(super) fn app() -> String {
    format!(
        "{XML}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>bimtek</Application></Properties>"
    )
}
