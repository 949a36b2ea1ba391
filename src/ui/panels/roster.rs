use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{frame_block, window};
use crate::app::panels::roster::{RosterField, RosterPanel};
use crate::app::{App, SessionScreen};
use crate::i18n::fill;
use crate::ui::text::truncate;
use crate::ui::theme::THEME;

pub fn draw(app: &App, s: &SessionScreen, p: &RosterPanel, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let people = &s.session.participants;
    let present = people.iter().filter(|x| x.present).count();
    let title = fill(
        &tr.roster_title,
        &[("n", &people.len().to_string()), ("present", &present.to_string())],
    );
    let inner = frame_block(frame, area, &title);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(form) = &p.form {
        let field = |f: RosterField, label: &str, value: String| {
            let style = if form.field == f { THEME.selected } else { THEME.text };
            Line::from(vec![
                Span::styled(format!("{label:<18}"), THEME.heading),
                Span::styled(truncate(&value, width.saturating_sub(18)), style),
            ])
        };
        let cursor = crate::ui::text::with_cursor;
        lines.push(field(
            RosterField::Name,
            &tr.roster_name,
            cursor(&form.name, form.field == RosterField::Name),
        ));
        lines.push(field(
            RosterField::Institution,
            &tr.roster_institution,
            cursor(&form.institution, form.field == RosterField::Institution),
        ));
        lines.push(field(
            RosterField::Role,
            &tr.roster_role,
            format!("◀ {} ▶", tr.role(form.role)),
        ));
        lines.push(Line::default());
    }
    if people.is_empty() {
        lines.push(Line::from(Span::styled(tr.roster_empty.clone(), THEME.text)));
    }
    let height = usize::from(inner.height).saturating_sub(lines.len());
    let name_w = (width * 2 / 5).max(10);
    for (i, person) in people
        .iter()
        .enumerate()
        .skip(window(people.len(), p.cursor, height).start)
        .take(height)
    {
        let mark = if person.unrecorded {
            "?"
        } else if person.present {
            "✓"
        } else {
            "✗"
        };
        let name = truncate(&person.name, name_w);
        let pad = " ".repeat(name_w.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str())));
        let attendance = if person.unrecorded {
            &tr.roster_unrecorded
        } else if person.present {
            &tr.roster_present
        } else {
            &tr.roster_absent
        };
        let line = format!(
            "{mark} {name}{pad}  {} · {} · {attendance}",
            person.institution,
            tr.role(person.role)
        );
        let style = if i == p.cursor && p.form.is_none() {
            THEME.selected
        } else if person.present {
            THEME.text
        } else {
            THEME.key_hint
        };
        lines.push(Line::from(Span::styled(truncate(&line, width), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
