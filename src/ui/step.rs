//! The current step, large: title, prompt, guiding question, notes and the entries under their
//! headings.

use std::cell::RefCell;
use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::wrap;
use super::theme::{THEME, kind_style};
use crate::app::session_screen::{KindCounts, Row, StepIndex};
use crate::app::{App, Mode, Pane, SessionScreen};
use crate::domain::grouping::{Group, GroupKey, group_title};
use crate::domain::{Entry, Kind, Lang, Pillar, Session, StepKind};
use crate::i18n::{Strings, fill};
use crate::template::catalog;

/// Notes are for the facilitator's eye; they never push the room's entries off the screen.
const MAX_NOTE_LINES: usize = 3;

pub fn draw(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let lang = app.lang;
    let session = &s.session;
    let Some(step) = session.step() else {
        return;
    };
    let focused = s.focus == Pane::Step;
    let heading = format!(
        " {} · {} ",
        fill(
            &tr.step_of,
            &[
                ("n", &(session.current_step + 1).to_string()),
                ("total", &session.agenda.steps.len().to_string())
            ]
        ),
        fill(&tr.minutes, &[("n", &step.minutes.to_string())])
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { THEME.border_focus } else { THEME.border })
        .title(Span::styled(heading, THEME.heading));
    let inner = block.inner(area).inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    });
    frame.render_widget(block, area);
    let width = usize::from(inner.width);

    let index = s.index();
    let groups = &index.groups;
    let (selected_key, _) = index.at(s.cursor);
    let mut top: Vec<Line> = Vec::new();
    for l in wrap(step.title.get(lang), width) {
        top.push(Line::from(Span::styled(l, THEME.title)));
    }
    for l in wrap(step.prompt.get(lang), width) {
        top.push(Line::from(Span::styled(l, THEME.text)));
    }
    if let Some(GroupKey::Element(code)) = &selected_key
        && let Some(q) = element_question(session, code, lang)
    {
        for l in wrap(&format!("{}: {q}", tr.question), width) {
            top.push(Line::from(Span::styled(l, THEME.accent)));
        }
    }
    match step.kind {
        StepKind::Pillars => top.extend(pillars_overview(tr, lang, width)),
        StepKind::Summary => top.extend(summary(session, &s.counts(), tr, lang, width)),
        _ => {}
    }
    let notes = step.notes.get(lang);
    let note_lines: Vec<Line> = if notes.is_empty() {
        Vec::new()
    } else {
        let mut lines = wrap(&format!("{}: {notes}", tr.notes_title), width);
        if lines.len() > MAX_NOTE_LINES {
            lines.truncate(MAX_NOTE_LINES);
            if let Some(last) = lines.last_mut() {
                *last = super::text::truncate(&format!("{last} …"), width);
            }
        }
        lines
            .into_iter()
            .map(|l| Line::from(Span::styled(l, THEME.notes)))
            .collect()
    };
    let list_min = if groups.is_empty() { 0 } else { 4 };
    let avail = inner.height.saturating_sub(list_min);
    let top_h = u16::try_from(top.len()).unwrap_or(u16::MAX).min(avail);
    let notes_h = u16::try_from(note_lines.len())
        .unwrap_or(0)
        .min(inner.height.saturating_sub(top_h + list_min + 1));
    let [top_area, _, list_area, notes_area] = Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Length(u16::from(top_h > 0 && !groups.is_empty())),
        Constraint::Min(0),
        Constraint::Length(notes_h),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(top), top_area);
    frame.render_widget(Paragraph::new(note_lines), notes_area);
    if !groups.is_empty() {
        let highlight = focused && !matches!(s.mode, Mode::Form(_));
        indexed_entry_list(app, s, &index, highlight, false, frame, list_area);
    }
}

fn element_question(session: &Session, code: &str, lang: Lang) -> Option<String> {
    catalog()
        .element(code)
        .or_else(|| session.agenda.elements.iter().find(|e| e.code == code))
        .map(|e| e.question.get(lang).to_string())
        .filter(|q| !q.is_empty())
}

fn pillars_overview(tr: &Strings, lang: Lang, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled(tr.pillars_overview_hint.clone(), THEME.text)),
    ];
    for p in &catalog().pillars {
        lines.push(Line::from(Span::styled(p.name.get(lang).to_string(), THEME.heading)));
        let elements: Vec<&str> = p.elements.iter().map(|e| e.name.get(lang)).collect();
        for l in wrap(&format!("  {}", elements.join(" · ")), width) {
            lines.push(Line::from(Span::styled(l, THEME.text)));
        }
    }
    lines
}

/// A kind's name inside a sentence: its first letter small (`kekuatan`, `strategi S-O …`), but
/// an abbreviation kept as it is (`S-O strategy`).
fn in_a_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(name[first.len_utf8()..].chars()).collect()
        }
        _ => name.to_string(),
    }
}

fn summary(session: &Session, counts: &KindCounts, tr: &Strings, lang: Lang, width: usize) -> Vec<Line<'static>> {
    let (per_pillar, other) = counts.table();
    let describe = |counts: &[usize; crate::app::step_index::KINDS]| {
        Kind::ALL
            .iter()
            .zip(counts)
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{n} {}", in_a_sentence(tr.kind(*k))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled(tr.summary_heading.clone(), THEME.heading)),
    ];
    for (p, counts) in Pillar::ALL.iter().zip(per_pillar.iter()) {
        let n: usize = counts.iter().sum();
        let text = format!("{:<20} {:>4}  {}", catalog().pillar_name(*p, lang), n, describe(counts));
        for l in wrap(&text, width) {
            lines.push(Line::from(Span::styled(l, THEME.text)));
        }
    }
    let rest: usize = other.iter().sum();
    if rest > 0 {
        for l in wrap(&format!("{:<20} {:>4}  {}", tr.general, rest, describe(&other)), width) {
            lines.push(Line::from(Span::styled(l, THEME.text)));
        }
    }
    let total = format!("{:<20} {:>4}", tr.summary_total, session.entries.len());
    lines.push(Line::from(Span::styled(total, THEME.heading)));
    lines
}

/// The lines of one row of the list, already wrapped to `width`.
pub(crate) fn row_lines(
    app: &App,
    session: &Session,
    groups: &[Group],
    row: Row,
    width: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    let tr = app.tr();
    let pick = |style: Style| if selected { THEME.selected } else { style };
    match row {
        Row::Header(g) => {
            let group = &groups[g];
            let title = group_title(&group.key, session, catalog(), app.lang, &tr.general);
            let text = if group.entries.is_empty() {
                format!("■ {title} · {}", tr.no_entries)
            } else {
                format!("■ {title} ({})", group.entries.len())
            };
            wrap(&text, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, pick(THEME.heading))))
                .collect()
        }
        Row::Entry { index, .. } => {
            let Some(e) = session.entries.get(index) else {
                return Vec::new();
            };
            entry_lines(tr, e, width, selected)
        }
    }
}

pub(crate) fn entry_lines(tr: &Strings, e: &Entry, width: usize, selected: bool) -> Vec<Line<'static>> {
    let pick = |style: Style| if selected { THEME.selected } else { style };
    let tag = format!("[{}]", tr.kind(e.kind));
    let mut by = e.proposer.label().unwrap_or_default();
    if e.example {
        by = if by.is_empty() {
            tr.example.clone()
        } else {
            format!("{by} · {}", tr.example)
        };
    }
    if e.from_phone {
        by = if by.is_empty() {
            tr.room_phone_mark.clone()
        } else {
            format!("{by} · {}", tr.room_phone_mark)
        };
    }
    let indent = 4;
    let inner = width.saturating_sub(indent).max(8);
    let mut wrapped = wrap(&format!("{tag} {}", e.text), inner);
    // The proposer goes on the text's last line if it fits there whole, else on its own line,
    // so it is always drawn in one colour and never split.
    let by = if by.is_empty() { None } else { Some(format!("— {by}")) };
    let mut by_line = None;
    if let Some(by) = by {
        let last_w = wrapped
            .last()
            .map_or(0, |l| unicode_width::UnicodeWidthStr::width(l.as_str()));
        if last_w + 1 + unicode_width::UnicodeWidthStr::width(by.as_str()) <= inner {
            by_line = Some((wrapped.len() - 1, format!(" {by}")));
        } else {
            let extra = wrap(&by, inner);
            let at = wrapped.len();
            wrapped.extend(extra);
            by_line = Some((at, String::new()));
        }
    }
    wrapped
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { "  • " } else { "    " };
            let mut spans = vec![Span::styled(lead.to_string(), pick(THEME.text))];
            let mut rest = l.as_str();
            if i == 0
                && let Some(after) = rest.strip_prefix(&tag)
            {
                spans.push(Span::styled(tag.clone(), pick(kind_style(e.kind))));
                rest = after;
            }
            match &by_line {
                // The proposer on a line of its own (and any line it wrapped onto).
                Some((at, tail)) if tail.is_empty() && i >= *at => {
                    spans.push(Span::styled(rest.to_string(), pick(THEME.accent)))
                }
                Some((at, tail)) if i == *at => {
                    spans.push(Span::styled(rest.to_string(), pick(THEME.text)));
                    spans.push(Span::styled(tail.clone(), pick(THEME.accent)));
                }
                _ => spans.push(Span::styled(rest.to_string(), pick(THEME.text))),
            }
            Line::from(spans)
        })
        .collect()
}

/// The list of headings and entries, scrolled so the cursor is in view. Only the rows that can be
/// seen are wrapped and drawn, so a step with thousands of entries costs what a screenful costs.
/// With `spacing`, a blank line follows each entry: easier to read from the back of a hall.
pub(crate) fn entry_list(
    app: &App,
    s: &SessionScreen,
    groups: &[Group],
    highlight: bool,
    spacing: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let index = StepIndex::new(&s.session, groups.to_vec());
    indexed_entry_list(app, s, &index, highlight, spacing, frame, area);
}

/// `entry_list` over an index of the step's rows: only the rows in the window are looked at.
fn indexed_entry_list(
    app: &App,
    s: &SessionScreen,
    index: &StepIndex,
    highlight: bool,
    spacing: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let groups = &index.groups;
    let tr = app.tr();
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    if height == 0 {
        return;
    }
    let total = index.len();
    let cursor = s.cursor.min(total.saturating_sub(1));
    let lines_of = |i: usize| {
        let Some(row) = index.row(i) else {
            return Vec::new();
        };
        let mut l = row_lines(app, &s.session, groups, row, width, highlight && i == cursor);
        if spacing && matches!(row, Row::Entry { .. }) {
            l.push(Line::default());
        }
        l
    };
    // Each row is wrapped once a frame, however many times the layout below asks how tall it is.
    let wrapped: RefCell<HashMap<usize, Vec<Line>>> = RefCell::new(HashMap::new());
    let height_of = |i: usize| wrapped.borrow_mut().entry(i).or_insert_with(|| lines_of(i)).len();
    let shown = |start: usize, end: usize| (start..end).map(height_of).sum::<usize>();

    // Lay the window out once on the whole height; if rows are hidden above or below, lay it out
    // again leaving a line for each mark, so a mark never covers a row that should be seen.
    let (mut start, mut end) = window(&height_of, total, cursor, height);
    let marks = usize::from(start > 0) + usize::from(end < total || shown(start, end) > height);
    let mut room = height;
    if marks > 0 {
        room = height.saturating_sub(marks).max(1);
        (start, end) = window(&height_of, total, cursor, room);
    }
    let cut = marks > 0 && shown(start, end) > room;
    let mut wrapped = wrapped.into_inner();
    let mut lines: Vec<Line> = (start..end)
        .flat_map(|i| wrapped.remove(&i).unwrap_or_default())
        .collect();
    lines.truncate(room);
    if start > 0 {
        lines.insert(
            0,
            Line::from(Span::styled(
                fill(&tr.more_above, &[("n", &start.to_string())]),
                THEME.warn,
            )),
        );
    }
    let hidden = total - end + usize::from(cut);
    if hidden > 0 && marks > 0 {
        lines.push(Line::from(Span::styled(
            fill(&tr.more_below, &[("n", &hidden.to_string())]),
            THEME.warn,
        )));
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The rows `start..end` to show for a window of `height` lines: starting a third of the way up
/// from the cursor, filling downwards, and pulling earlier rows in if the list ends early.
fn window(height_of: &dyn Fn(usize) -> usize, len: usize, cursor: usize, height: usize) -> (usize, usize) {
    if len == 0 {
        return (0, 0);
    }
    let mut start = cursor;
    let mut used = height_of(cursor);
    while start > 0 {
        let h = height_of(start - 1);
        if used + h > height / 3 {
            break;
        }
        used += h;
        start -= 1;
    }
    let mut filled = 0;
    let mut end = start;
    while end < len && filled < height {
        filled += height_of(end);
        end += 1;
    }
    while start > 0 && filled < height {
        let h = height_of(start - 1);
        if filled + h > height {
            break;
        }
        filled += h;
        start -= 1;
    }
    (start, end)
}
