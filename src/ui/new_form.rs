use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::theme::THEME;
use super::widgets::{centered, fit, hints};
use crate::app::new_form::{NewField, NewForm, NewFormError};
use crate::app::{App, Scope};

/// A one-line input: shows the cursor only where the keyboard is.
pub fn input_line<'a>(t: &TextArea<'a>, focused: bool, placeholder: &str) -> TextArea<'a> {
    let mut t = t.clone();
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.set_style(if focused { THEME.selected } else { THEME.text });
    t.set_cursor_style(if focused {
        THEME.base.add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        t.style()
    });
    if !placeholder.is_empty() {
        t.set_placeholder_text(placeholder);
        t.set_placeholder_style(if focused { THEME.selected } else { THEME.key_hint });
    }
    t
}

pub fn draw(app: &App, form: &NewForm, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    // A failure is shown whole, wrapped under the fields.
    let failed: Vec<String> = form
        .failed
        .as_deref()
        .map(|m| super::text::wrap(m, usize::from(area.width.min(70).saturating_sub(2))))
        .unwrap_or_default();
    let failed_h = u16::try_from(failed.len()).unwrap_or(0);
    let popup = centered(area, 70, 14 + failed_h);
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(THEME.border_focus)
        .title(Span::styled(format!(" {} ", form_title(app, form)), THEME.title))
        .style(THEME.base);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let mut heights = vec![Constraint::Length(1); 11];
    heights.push(Constraint::Length(failed_h));
    heights.push(Constraint::Length(1));
    let rows = Layout::vertical(heights).split(inner);
    let label_w = 22u16.min(inner.width / 2);
    let field = |i: usize, label: &str, f: NewField| {
        let [l, v] = Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(rows[i]);
        (l, v, label.to_string(), form.field == f)
    };
    for (i, label, f, t, hint) in [
        (
            0,
            &tr.new_region,
            NewField::Region,
            &form.region,
            tr.new_region_hint.as_str(),
        ),
        (
            1,
            &tr.new_region_code,
            NewField::RegionCode,
            &form.region_code,
            tr.new_region_code_hint.as_str(),
        ),
        (5, &tr.new_date, NewField::Date, &form.date, ""),
        (7, &tr.new_venue, NewField::Venue, &form.venue, ""),
        (
            9,
            &tr.new_mentors,
            NewField::Mentors,
            &form.mentors,
            tr.new_mentors_hint.as_str(),
        ),
    ] {
        let (l, v, label, focused) = field(i, label, f);
        frame.render_widget(Paragraph::new(fit(&label, l.width, THEME.heading)), l);
        frame.render_widget(&input_line(t, focused, hint), v);
    }
    let (l, v, label, focused) = field(3, &tr.new_stage, NewField::Stage);
    frame.render_widget(Paragraph::new(fit(&label, l.width, THEME.heading)), l);
    let stage = format!("◀ Bimtek {} ▶", form.stage.roman());
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            stage,
            if focused { THEME.selected } else { THEME.text },
        ))),
        v,
    );
    if let Some(e) = form.error {
        let msg = match e {
            NewFormError::RegionEmpty => &tr.new_err_region,
            NewFormError::BadDate => &tr.new_err_date,
            NewFormError::BadRegionCode => &tr.new_err_region_code,
        };
        frame.render_widget(Paragraph::new(fit(msg, rows[10].width, THEME.error)), rows[10]);
    }
    let failed: Vec<Line> = failed
        .into_iter()
        .map(|l| Line::from(Span::styled(l, THEME.error)))
        .collect();
    frame.render_widget(Paragraph::new(failed), rows[11]);
    frame.render_widget(Paragraph::new(hints(app, Scope::NewForm, rows[12].width)), rows[12]);
}

/// "New session", or for the next stage of an earlier session, which one.
fn form_title(app: &App, form: &NewForm) -> String {
    match &form.from {
        Some(_) => crate::i18n::fill(&app.tr().out_carry_title, &[("name", &form.from_label)]),
        None => app.tr().new_title.clone(),
    }
}
