//! The readiness scores as a bar chart drawn with a table, since a Word document cannot show the
//! HTML's SVG: a row per sub-aspect with its name, five cells for the scale 1–5 shaded up to its
//! score, and the score itself. Each aspect's row above its bars gives its average. Every row
//! but the scale at the foot keeps with the next, so the chart is not split across pages.

use super::body::{Body, share};
use super::parts::ACCENT;
use crate::export::book::Chart;

const BAR: &str = "2E6DA4";
const GRID: &str = "C8C8C8";
const SCALE: u8 = 5;

pub(super) fn chart(b: &mut Body, c: &Chart, decimal: &str) {
    b.paragraph("<w:keepNext />", &c.title, "<w:b /><w:bCs />");
    let width = b.text_width();
    // Name, five points of the scale, score.
    let mut parts = vec![36];
    parts.extend([11; SCALE as usize]);
    parts.push(9);
    let widths = share(width, &parts);
    b.table_start(width, "", &widths);
    for g in &c.groups {
        let title = match &g.average {
            Some(a) => format!("{} — {a}", g.name),
            None => g.name.clone(),
        };
        b.raw("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
        b.raw(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\" /><w:gridSpan w:val=\"{}\" /></w:tcPr>",
            widths.len()
        ));
        b.paragraph(
            "<w:pStyle w:val=\"TableHeading\" /><w:spacing w:before=\"120\" w:after=\"40\" />",
            &title,
            &format!("<w:color w:val=\"{ACCENT}\" />"),
        );
        b.raw("</w:tc></w:tr>");
        for (label, value) in &g.bars {
            b.raw("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
            b.cell(widths[0], "", "ChartLabel", label);
            for point in 1..=SCALE {
                let filled = value.is_some_and(|v| v >= point);
                b.cell(widths[usize::from(point)], &unit(point, filled), "ChartValue", "");
            }
            let score = value.map_or_else(|| "—".to_string(), |v| format!("{v}{decimal}0"));
            b.cell(widths[widths.len() - 1], "", "ChartValue", &score);
            b.raw("</w:tr>");
        }
    }
    // The scale under the bars.
    b.raw("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
    b.cell(widths[0], "", "TableText", "");
    for point in 1..=SCALE {
        b.cell(widths[usize::from(point)], "", "TableNumber", &point.to_string());
    }
    b.cell(widths[widths.len() - 1], "", "TableText", "");
    b.raw("</w:tr></w:tbl>");
    b.raw("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"60\" /></w:pPr></w:p>");
}

/// One point of the scale: a grey grid line on its left (and on the right of the last), white
/// lines above and below that keep the bars of two rows apart, filled if the score reaches it.
fn unit(point: u8, filled: bool) -> String {
    let grid = format!("w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{GRID}\"");
    let gap = "w:val=\"single\" w:sz=\"18\" w:space=\"0\" w:color=\"FFFFFF\"";
    let right = if point == SCALE {
        format!("<w:right {grid} />")
    } else {
        String::new()
    };
    let fill = if filled {
        format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{BAR}\" />")
    } else {
        String::new()
    };
    format!("<w:tcBorders><w:top {gap} /><w:left {grid} /><w:bottom {gap} />{right}</w:tcBorders>{fill}")
}
