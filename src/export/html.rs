//! The books as one self-contained HTML page that prints well to PDF from any browser: inline
//! CSS, no script, no external link, image or font; each book starts on a new page; the
//! readiness scores as an inline SVG chart. All text from the session is escaped.

use super::book::{Block, Book, Chart, Cover, Signature, Table};
use crate::domain::Lang;

const STYLE: &str = r#"
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page); font-size: 9pt; } }
nav.toc { break-before: page; page-break-before: always; }
nav.toc ul { list-style: none; padding-left: 0; }
nav.toc li.section { padding-left: 1.5em; }
nav.toc a { color: inherit; text-decoration: none; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }
p, li, dd, h1, h2, h3, h4 { overflow-wrap: anywhere; }
body { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.4; color: #111; max-width: 62em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0 0 .6em; color: #1f3c5a; }
h2 { font-size: 16pt; color: #1f3c5a; border-bottom: 2px solid #1f3c5a; padding-bottom: .15em;
  break-before: page; page-break-before: always; margin: 1.5em 0 .6em; }
h3 { font-size: 13pt; color: #1f3c5a; margin: 1.2em 0 .4em; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 11pt; margin: 1em 0 .3em; break-after: avoid; page-break-after: avoid; }
p { margin: .3em 0 .7em; }
p.empty { font-style: italic; color: #444; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; margin: 1em 0 1.5em; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #8a8a8a; padding: 3px 6px; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; word-break: break-word; }
table { table-layout: fixed; }
div.page { break-before: page; page-break-before: always; }
th { background: #dce6f0; }
th.n, td.n { text-align: right; }
ul { margin: .3em 0 .8em; padding-left: 1.4em; }
figure.chart { margin: .6em 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: bold; margin-bottom: .3em; }
svg text { font-family: inherit; }
@page wide { size: A4 landscape; }
div.wide { page: wide; }
section.cover { text-align: center; padding-top: 2em; }
section.cover p { margin: .6em 0; }
section.cover .gov { font-size: 14pt; font-weight: bold; letter-spacing: .05em; }
section.cover .logo { width: 45mm; height: 45mm; margin: 2em auto; border: 2px dashed #555;
  display: flex; align-items: center; justify-content: center; color: #444; padding: .5em; }
section.cover .title { font-size: 24pt; font-weight: bold; color: #1f3c5a; margin-top: 1.5em; }
section.cover .books { font-size: 14pt; margin: 1.5em 0 3em; }
section.cover .region, section.cover .year { font-size: 14pt; font-weight: bold; }
div.signatures { display: flex; justify-content: space-between; gap: 2em; margin: 1.5em 0 1em;
  break-inside: avoid; page-break-inside: avoid; }
div.signatures div.sign { flex: 0 1 45%; margin-left: auto; text-align: center; }
div.sign p { margin: 0; }
div.sign p.space { height: 5em; }
div.sign p.name { font-weight: bold; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
"#;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped, with the entry's own line breaks kept.
fn lines(text: &str) -> String {
    text.lines().map(escape).collect::<Vec<_>>().join("<br>")
}

/// Which blocks print on landscape pages: wide tables, and the headings and paragraphs that lead
/// into one, so that a heading never stays behind alone on a portrait page.
fn landscape(blocks: &[Block]) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    for i in (0..blocks.len()).rev() {
        out[i] = match &blocks[i] {
            Block::Table(t) => t.wide(),
            Block::Part(_) | Block::Section(_) | Block::Subsection(_) | Block::Para(_) => {
                out.get(i + 1).copied().unwrap_or(false)
            }
            _ => false,
        };
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let total: u32 = t.columns.iter().map(|c| u32::from(c.width)).sum::<u32>().max(1);
    out.push_str("<table>\n<colgroup>");
    for c in &t.columns {
        let pct = u32::from(c.width) * 100 / total;
        out.push_str(&format!("<col style=\"width:{pct}%\">"));
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for c in &t.columns {
        let class = if c.numeric { " class=\"n\"" } else { "" };
        out.push_str(&format!("<th{class}>{}</th>", escape(&c.title)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let numeric = t.columns.get(i).is_some_and(|c| c.numeric);
            let class = if numeric { " class=\"n\"" } else { "" };
            out.push_str(&format!("<td{class}>{}</td>", lines(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The table of contents: a link to every book and section, numbered as the headings are.
fn toc(out: &mut String, title: &str, blocks: &[Block]) {
    out.push_str(&format!("<nav class=\"toc\">\n<h3>{}</h3>\n<ul>\n", escape(title)));
    let mut anchor = 0usize;
    for b in blocks {
        let (t, class) = match b {
            Block::Part(t) => (t, "part"),
            Block::Section(t) => (t, "section"),
            _ => continue,
        };
        anchor += 1;
        out.push_str(&format!(
            "<li class=\"{class}\"><a href=\"#h{anchor}\">{}</a></li>\n",
            escape(t)
        ));
    }
    out.push_str("</ul>\n</nav>\n");
}

/// Horizontal bars, one per sub-aspect, on a 0–5 scale with grid lines at each point.
fn chart(out: &mut String, c: &Chart) {
    const WIDTH: u32 = 640;
    const LABEL: u32 = 250;
    const UNIT: u32 = 66;
    const ROW: u32 = 20;
    const HEAD: u32 = 26;
    let rows: u32 = c
        .groups
        .iter()
        .map(|g| HEAD + ROW * u32::try_from(g.bars.len()).unwrap_or(0))
        .sum();
    let height = rows + 24;
    out.push_str(&format!(
        "<figure class=\"chart\">\n<figcaption>{}</figcaption>\n<svg viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\">\n",
        escape(&c.title),
        escape(&c.title)
    ));
    // Grid and scale.
    for v in 0..=5u32 {
        let x = LABEL + v * UNIT;
        out.push_str(&format!(
            "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{rows}\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>\n<text x=\"{x}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{v}</text>\n",
            rows + 16
        ));
    }
    let mut y = 0;
    for g in &c.groups {
        let title = match &g.average {
            Some(a) => format!("{} — {a}", g.name),
            None => g.name.clone(),
        };
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#1f3c5a\">{}</text>\n",
            y + 18,
            escape(&title)
        ));
        y += HEAD;
        for (label, value) in &g.bars {
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\" fill=\"#111\">{}</text>\n",
                LABEL - 8,
                y + 14,
                escape(label)
            ));
            match value {
                Some(v) => {
                    let w = u32::from(*v) * UNIT;
                    out.push_str(&format!(
                        "<rect x=\"{LABEL}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"#2e6da4\"/>\n<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#111\">{v}</text>\n",
                        y + 3,
                        ROW - 6,
                        LABEL + w + 5,
                        y + 14
                    ));
                }
                None => out.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#555\">—</text>\n",
                    LABEL + 5,
                    y + 14
                )),
            }
            y += ROW;
        }
    }
    out.push_str("</svg>\n</figure>\n");
}

fn cover(out: &mut String, c: &Cover) {
    out.push_str("<section class=\"cover\">\n");
    out.push_str(&format!("<p class=\"gov\">{}</p>\n", escape(&c.government)));
    out.push_str(&format!("<div class=\"logo\">{}</div>\n", escape(&c.logo)));
    out.push_str(&format!("<p class=\"title\">{}</p>\n", escape(&c.title)));
    let books: Vec<String> = c.books.iter().map(|b| escape(b)).collect();
    out.push_str(&format!("<p class=\"books\">{}</p>\n", books.join("<br>")));
    out.push_str(&format!("<p class=\"region\">{}</p>\n", escape(&c.region)));
    out.push_str(&format!("<p class=\"year\">{}</p>\n", escape(&c.year)));
    out.push_str("</section>\n");
}

fn signatures(out: &mut String, signatures: &[Signature]) {
    out.push_str("<div class=\"signatures\">\n");
    for s in signatures {
        out.push_str("<div class=\"sign\">");
        out.push_str(&format!(
            "<p>{}</p><p>{}</p><p class=\"space\"></p>",
            escape(&s.above),
            escape(&s.role)
        ));
        out.push_str(&format!("<p class=\"name\">{}</p>", escape(&s.name)));
        if let Some(nip) = &s.nip {
            out.push_str(&format!("<p>{}</p>", escape(nip)));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
}

pub fn render(book: &Book, lang: Lang) -> String {
    let code = match lang {
        Lang::Id => "id",
        Lang::En => "en",
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&book.title),
    );
    // The title heads the first page after the cover (or the first page, with no cover).
    let mut titled = false;
    // Books and sections get anchors, in order, for the table of contents to link to.
    let mut anchor = 0usize;
    let landscape = landscape(&book.blocks);
    let mut wide = false;
    for (block, on_landscape) in book.blocks.iter().zip(landscape) {
        // Runs of landscape blocks share one wrapper, so they share their pages too.
        if !titled && !matches!(block, Block::Cover(_) | Block::PageBreak) {
            out.push_str(&format!("<h1>{}</h1>\n", escape(&book.title)));
            titled = true;
        }
        if on_landscape != wide {
            out.push_str(if on_landscape {
                "<div class=\"wide\">\n"
            } else {
                "</div>\n"
            });
            wide = on_landscape;
        }
        match block {
            Block::Meta(items) => {
                out.push_str("<dl class=\"meta\">\n");
                for (label, value) in items {
                    out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(label), lines(value)));
                }
                out.push_str("</dl>\n");
            }
            Block::Part(t) => {
                anchor += 1;
                out.push_str(&format!("<h2 id=\"h{anchor}\">{}</h2>\n", escape(t)));
            }
            Block::Section(t) => {
                anchor += 1;
                out.push_str(&format!("<h3 id=\"h{anchor}\">{}</h3>\n", escape(t)));
            }
            Block::Subsection(t) => out.push_str(&format!("<h4>{}</h4>\n", escape(t))),
            Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", lines(t))),
            Block::Empty(t) => out.push_str(&format!("<p class=\"empty\">{}</p>\n", lines(t))),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", lines(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(c) => chart(&mut out, c),
            Block::Cover(c) => cover(&mut out, c),
            Block::Signatures(s) => signatures(&mut out, s),
            Block::PageBreak => out.push_str("<div class=\"page\"></div>\n"),
            Block::Toc(title) => toc(&mut out, title, &book.blocks),
        }
    }
    if wide {
        out.push_str("</div>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_tables_and_their_headings_share_one_landscape_wrapper() {
        use crate::export::book::Column;
        let table = |n: usize| {
            Block::Table(Table {
                columns: (0..n)
                    .map(|i| Column {
                        title: format!("c{i}"),
                        width: 1,
                        numeric: false,
                    })
                    .collect(),
                rows: vec![],
            })
        };
        let book = Book {
            lang: Lang::Id,
            title: "t".into(),
            author: "a".into(),
            date: "2021-09-07T00:00:00Z".into(),
            blocks: vec![
                Block::Para("before".into()),
                table(3),
                Block::Subsection("first".into()),
                table(7),
                Block::Subsection("second".into()),
                table(11),
                table(6),
            ],
        };
        let html = render(&book, Lang::Id);
        assert_eq!(html.matches("<div class=\"wide\">").count(), 1, "{html}");
        let open = html.find("<div class=\"wide\">").unwrap_or(0);
        let first = html.find("<h4>first</h4>").unwrap_or(0);
        let close = html[open..].find("</div>").map_or(0, |i| i + open);
        let narrow = html.rfind("<th>c5</th></tr>").unwrap_or(0);
        assert!(open < first && first < close, "the heading goes with its table");
        assert!(
            html[open..close].contains("<th>c10</th>"),
            "both wide tables in one wrapper"
        );
        assert!(close < narrow && !html[open..close].contains("<th>c5</th></tr>"));
        assert!(html.find("before").unwrap_or(0) < open);
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(lines("a\n<b>"), "a<br>&lt;b&gt;");
    }
}
