//! The merge dialog over the home screen: the target, the folder's other sessions to mark, what
//! would come in; then what came in and how to undo it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::dialog::frame_box;
use super::text::{sanitize, truncate};
use super::theme::THEME;
use super::widgets::hint_text;
use crate::app::merge_dialog::{Candidate, MergeDialog, Preview, Refusal, file_name};
use crate::app::{App, Scope};
use crate::domain::merge::{Conflict, Report};
use crate::domain::session::SessionSummary;
use crate::i18n::{Strings, fill};

/// Conflicting entries listed in the report; the rest are counted.
const CONFLICTS_SHOWN: usize = 5;

const DONE_WIDTH: u16 = 90;

pub fn draw(app: &App, d: &MergeDialog, frame: &mut Frame, area: Rect) {
    match &d.done {
        Some((report, sources)) => draw_done(app, d, report, *sources, frame, area),
        None => draw_choosing(app, d, frame, area),
    }
}

/// The first key of a binding, as the hints show it.
fn key(app: &App, name: &str) -> String {
    app.keys
        .keys_of(name)
        .first()
        .map(|k| k.label(&app.tr().key_space))
        .unwrap_or_default()
}

fn draw_choosing(app: &App, d: &MergeDialog, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let title = fill(&tr.merge_title, &[("name", &d.target_name())]);
    let height = u16::try_from(d.candidates.len() + 12).unwrap_or(u16::MAX);
    let inner = frame_box(frame, area, 100, height, &title, &hint_text(app, Scope::Merge, 98));
    let [target, choose, list_area, _, preview, note] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(3),
    ])
    .areas(inner);
    let width = usize::from(inner.width);
    let s = &d.target_summary;
    let target_text = fill(
        &tr.merge_target,
        &[
            ("region", &s.region),
            ("stage", s.stage.roman()),
            ("date", &s.date.to_string()),
            ("entries", &s.entries.to_string()),
        ],
    );
    frame.render_widget(
        Paragraph::new(truncate(&target_text, width)).style(THEME.heading),
        target,
    );
    if d.candidates.is_empty() {
        let text = fill(&tr.merge_none_other, &[("key", &key(app, "home.rescan"))]);
        frame.render_widget(
            Paragraph::new(sanitize(&text))
                .style(THEME.text)
                .wrap(Wrap { trim: true }),
            list_area,
        );
        return;
    }
    let choose_text = fill(&tr.merge_choose, &[("key", &key(app, "merge.mark"))]);
    frame.render_widget(Paragraph::new(truncate(&choose_text, width)).style(THEME.text), choose);
    let row_width = width.saturating_sub(2);
    let items: Vec<ListItem> = d
        .candidates
        .iter()
        .map(|c| {
            let (text, style) = candidate_line(tr, c, s);
            ListItem::new(Line::from(Span::styled(truncate(&text, row_width), style)))
        })
        .collect();
    let list = List::new(items).highlight_style(THEME.selected).highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(d.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
    let (text, style) = preview_line(tr, &d.preview);
    frame.render_widget(
        Paragraph::new(sanitize(&text)).style(style).wrap(Wrap { trim: true }),
        preview,
    );
    // A merge refused for the reason the preview already gives says it once.
    let error = d
        .error
        .as_ref()
        .filter(|e| !matches!(&d.preview, Preview::Failed(p) if p == *e));
    let (text, style) = match (error, &d.refusal) {
        (Some(e), _) => (e.clone(), THEME.error),
        (None, Some(r)) => (refusal_text(app, r), THEME.warn),
        (None, None) => (String::new(), THEME.text),
    };
    frame.render_widget(
        Paragraph::new(sanitize(&text)).style(style).wrap(Wrap { trim: true }),
        note,
    );
}

/// A source as the list shows it: `[x]` when marked; another masterplan's and a broken file in
/// the warning colour, saying why they cannot be marked.
fn candidate_line(tr: &Strings, c: &Candidate, target: &SessionSummary) -> (String, Style) {
    let name = file_name(&c.path);
    let mark = if c.marked { "[x]" } else { "[ ]" };
    match &c.summary {
        Ok(s) if c.related_to(target) => {
            let text = fill(
                &tr.merge_row,
                &[
                    ("region", &s.region),
                    ("stage", s.stage.roman()),
                    ("date", &s.date.to_string()),
                    ("entries", &s.entries.to_string()),
                    ("name", &name),
                ],
            );
            (format!("{mark} {text}"), THEME.text)
        }
        Ok(s) => {
            let text = fill(
                &tr.merge_row_other,
                &[("name", &name), ("region", &s.region), ("stage", s.stage.roman())],
            );
            (format!("{mark} {text}"), THEME.warn)
        }
        Err(e) => {
            let why = fill(&tr.home_unreadable, &[("error", e)]);
            (format!("{mark} {name}: {why}"), THEME.warn)
        }
    }
}

fn preview_line(tr: &Strings, preview: &Preview) -> (String, Style) {
    match preview {
        Preview::NoneMarked => (String::new(), THEME.text),
        Preview::Pending => (tr.merge_pending.clone(), THEME.text),
        Preview::Ready(r) if r.nothing() => (tr.merge_preview_nothing.clone(), THEME.text),
        Preview::Ready(r) => (
            fill(
                &tr.merge_preview,
                &[
                    ("entries", &r.entries_added.to_string()),
                    ("participants", &r.participants_added.to_string()),
                    ("votes", &r.votes_added.to_string()),
                    ("conflicts", &r.conflicts.len().to_string()),
                ],
            ),
            THEME.accent,
        ),
        Preview::Failed(message) => (message.clone(), THEME.error),
    }
}

fn refusal_text(app: &App, r: &Refusal) -> String {
    let tr = app.tr();
    match r {
        Refusal::Unrelated(path) => fill(&tr.merge_refused_other, &[("name", &file_name(path))]),
        Refusal::Unreadable(path, error) => fill(
            &tr.merge_refused_unreadable,
            &[("name", &file_name(path)), ("error", error)],
        ),
        Refusal::NothingMarked => fill(&tr.merge_mark_first, &[("key", &key(app, "merge.mark"))]),
    }
}

fn draw_done(app: &App, d: &MergeDialog, report: &Report, sources: usize, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let name = d.target_name();
    let mut lines: Vec<Line> = Vec::new();
    if report.nothing() {
        lines.push(Line::styled(
            fill(&tr.merge_done_nothing, &[("name", &name)]),
            THEME.text,
        ));
    } else {
        let done = fill(
            &tr.merge_done,
            &[
                ("name", &name),
                ("entries", &report.entries_added.to_string()),
                ("participants", &report.participants_added.to_string()),
                ("votes", &report.votes_added.to_string()),
                ("sources", &sources.to_string()),
            ],
        );
        lines.push(Line::styled(done, THEME.accent));
        if !report.conflicts.is_empty() {
            lines.push(Line::raw(""));
            let n = report.conflicts.len().to_string();
            lines.push(Line::styled(fill(&tr.merge_done_conflicts, &[("n", &n)]), THEME.text));
            for c in report.conflicts.iter().take(CONFLICTS_SHOWN) {
                lines.push(Line::styled(conflict_line(app, c), THEME.text));
            }
            if report.conflicts.len() > CONFLICTS_SHOWN {
                lines.push(Line::styled("…", THEME.text));
            }
        }
        lines.push(Line::raw(""));
        let backup = fill(&tr.merge_backup, &[("key", &key(app, "home.backups"))]);
        lines.push(Line::styled(backup, THEME.text));
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| {
            let style = l.style;
            Line::styled(sanitize(&l.to_string()), style)
        })
        .collect();
    // Room for each line as it wraps inside the box, and the border.
    let inside = usize::from(area.width.min(DONE_WIDTH).saturating_sub(4)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inside).max(1)).sum();
    let height = u16::try_from(rows + 4).unwrap_or(u16::MAX);
    let inner = frame_box(
        frame,
        area,
        DONE_WIDTH,
        height,
        &tr.merge_done_title,
        &hint_text(app, Scope::MergeDone, 88),
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// One thing both copies had differently, with what was kept: an entry by its text and when it
/// was last edited, anything else by its name.
fn conflict_line(app: &App, c: &Conflict) -> String {
    let tr = app.tr();
    let short = |t: &str| truncate(t, 60);
    match c {
        Conflict::Entry(e) => fill(
            &tr.merge_conflict_entry,
            &[
                ("text", &short(&e.text)),
                // In the laptop's time zone, as the rest of the screen.
                ("time", &tr.date_time(e.updated.to_offset(app.now.offset()))),
            ],
        ),
        Conflict::Participant(p) => format!("• {}", p.name),
        Conflict::Score(s) => format!("• {} {}", tr.out_col_score, s.sub),
        Conflict::Round(_) => format!("• {}", tr.vote_title),
        Conflict::Commitment(k) => format!("• {} {}", tr.commit_title, k.opd),
    }
}
