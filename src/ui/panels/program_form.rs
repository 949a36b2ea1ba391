use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::frame_block;
use crate::app::panels::program_form::{Field, ProgramForm};
use crate::app::{App, SessionScreen};
use crate::i18n::Strings;
use crate::ui::text::{truncate, wrap};
use crate::ui::theme::THEME;

pub fn draw(app: &App, s: &SessionScreen, p: &ProgramForm, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let inner = frame_block(frame, area, &tr.program_title);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(e) = s.session.entry(&p.entry) {
        for l in wrap(&e.text, width).into_iter().take(3) {
            lines.push(Line::from(Span::styled(l, THEME.title)));
        }
        lines.push(Line::default());
    }
    let label_w = 24.min(width / 2);
    let info = &p.info;
    let opt = |v: Option<&str>| v.map_or_else(|| tr.unset.clone(), str::to_string);
    let code = |map: &std::collections::BTreeMap<String, String>, c: Option<&'static str>| {
        opt(c.map(|c| Strings::label(map, c)))
    };
    let text = |f: Field, focused: bool| p.text_of(f).map_or_else(String::new, |t| text(t, focused));
    let mut rows: Vec<Line> = Vec::new();
    for (i, field) in Field::ALL.iter().enumerate() {
        let focused = i == p.field;
        let (label, value) = match field {
            Field::Horizon => (&tr.program_horizon, code(&tr.horizons, info.horizon.map(|h| h.code()))),
            Field::Budget => (&tr.program_budget, code(&tr.budgets, info.budget.map(|b| b.code()))),
            Field::Innovation => (
                &tr.program_innovation,
                code(&tr.innovations, info.innovation.map(|x| x.code())),
            ),
            Field::Impact => (&tr.program_impact, opt(info.impact.map(|v| v.to_string()).as_deref())),
            Field::Effort => (&tr.program_effort, opt(info.effort.map(|v| v.to_string()).as_deref())),
            Field::QuickWin => (
                &tr.program_quick_win,
                if info.quick_win { tr.yes.clone() } else { tr.no.clone() },
            ),
            Field::Status => (&tr.program_status, code(&tr.statuses, info.status.map(|x| x.code()))),
            typed => (label_of(tr, *typed), text(*typed, focused)),
        };
        let value = if field.is_text() || !focused {
            value
        } else {
            format!("◀ {value} ▶")
        };
        let label = truncate(label, label_w);
        let pad = " ".repeat(label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str())) + 1);
        rows.push(Line::from(vec![
            Span::styled(format!("{label}{pad}"), THEME.heading),
            Span::styled(
                truncate(&value, width.saturating_sub(label_w + 1)),
                if focused { THEME.selected } else { THEME.text },
            ),
        ]));
    }
    // Twenty-one fields do not fit a small screen: the window of fields follows the focused one,
    // and a last line says how many are below.
    let room = usize::from(inner.height).saturating_sub(lines.len()).max(1);
    if rows.len() > room {
        let shown = room.saturating_sub(1).max(1);
        let first = p.field.saturating_sub(shown - 1).min(rows.len() - shown);
        let below = rows.len() - first - shown;
        lines.extend(rows.into_iter().skip(first).take(shown));
        if below > 0 {
            lines.push(Line::from(Span::styled(
                crate::i18n::fill(&tr.program_more, &[("n", &below.to_string())]),
                THEME.text,
            )));
        }
    } else {
        lines.extend(rows);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn text(t: &ratatui_textarea::TextArea, focused: bool) -> String {
    crate::ui::text::with_cursor(t, focused)
}

/// The label of a typed field.
fn label_of(tr: &Strings, f: Field) -> &String {
    match f {
        Field::Description => &tr.program_description,
        Field::Opd => &tr.program_opd,
        Field::Year => &tr.program_year,
        Field::PlanLink => &tr.program_plan_link,
        Field::Partners => &tr.program_partners,
        Field::Location => &tr.program_location,
        Field::Indicator => &tr.program_indicator,
        Field::Output => &tr.program_output,
        Field::Cost => &tr.program_cost,
        Field::StartYear => &tr.program_start_year,
        Field::Background => &tr.program_background,
        Field::Goal => &tr.program_goal,
        Field::Activities => &tr.program_activities,
        Field::Schedule => &tr.program_schedule,
        _ => &tr.program_title,
    }
}
