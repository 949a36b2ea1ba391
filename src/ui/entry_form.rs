//! The add/edit form, drawn over the lower part of the session screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::new_form::input_line;
use super::text::truncate;
use super::theme::{THEME, kind_style};
use super::widgets::fit;
use crate::app::entry_form::{EntryForm, Field, FormError};
use crate::app::{App, SessionScreen};
use crate::domain::grouping::group_title;
use crate::template::catalog;

pub fn draw(app: &App, s: &SessionScreen, form: &EntryForm, frame: &mut Frame, body: Rect) {
    let tr = app.tr();
    let height = (body.height / 2).clamp(8, 13).min(body.height);
    let area = Rect {
        x: body.x,
        y: body.y + body.height - height,
        width: body.width,
        height,
    };
    frame.render_widget(Clear, area);
    let title = if form.editing.is_some() {
        &tr.form_edit
    } else {
        &tr.form_add
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(THEME.border_focus)
        .title(Span::styled(format!(" {title} "), THEME.title))
        .style(THEME.base);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [text_label, text_area, choices, people, suggest, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let label = |f: Field, name: &str| {
        let style = if form.field == f { THEME.title } else { THEME.heading };
        Span::styled(format!("{name}: "), style)
    };
    frame.render_widget(
        Paragraph::new(Line::from(label(Field::Text, &tr.field_text))),
        text_label,
    );
    let mut text = input_line(&form.text, form.field == Field::Text, "");
    text.set_style(THEME.text);
    frame.render_widget(&text, text_area);

    let place = form
        .place()
        .map(|k| group_title(k, &s.session, catalog(), app.lang, &tr.general))
        .unwrap_or_default();
    let choice = |f: Field, value: String, style| {
        let style = if form.field == f { THEME.selected } else { style };
        Span::styled(format!("◀ {value} ▶"), style)
    };
    let half = choices.width / 2;
    let [kind_area, place_area] = Layout::horizontal([Constraint::Length(half), Constraint::Min(1)]).areas(choices);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            label(Field::Kind, &tr.field_kind),
            choice(Field::Kind, tr.kind(form.kind()).to_string(), kind_style(form.kind())),
        ])),
        kind_area,
    );
    let place_w = usize::from(place_area.width).saturating_sub(tr.field_place.chars().count() + 6);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            label(Field::Place, &tr.field_place),
            choice(Field::Place, truncate(&place, place_w), THEME.text),
        ])),
        place_area,
    );

    let [who_label, who, opd_label, opd] = Layout::horizontal([
        Constraint::Length(u16::try_from(tr.field_proposer.chars().count() + 2).unwrap_or(12)),
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(tr.field_opd.chars().count() + 3).unwrap_or(8)),
        Constraint::Fill(1),
    ])
    .areas(people);
    frame.render_widget(
        Paragraph::new(Line::from(label(Field::Proposer, &tr.field_proposer))),
        who_label,
    );
    frame.render_widget(
        &input_line(&form.proposer, form.field == Field::Proposer, &tr.anonymous),
        who,
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![Span::raw(" "), label(Field::Opd, &tr.field_opd)])),
        opd_label,
    );
    frame.render_widget(&input_line(&form.opd, form.field == Field::Opd, ""), opd);

    let matches = s.session.find_participants(&form.proposer_query());
    if form.field == Field::Proposer && !matches.is_empty() {
        let mut spans = vec![Span::styled(format!("{} ", tr.form_suggest), THEME.key_hint)];
        for (i, p) in matches.iter().take(4).enumerate() {
            let style = if form.suggestion == Some(i) {
                THEME.selected
            } else {
                THEME.accent
            };
            let label = if p.institution.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.institution)
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw("  "));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), suggest);
    }
    if form.asking_discard {
        frame.render_widget(
            Paragraph::new(fit(&tr.form_discard_ask, message.width, THEME.warn)),
            message,
        );
        return;
    }
    match form.error {
        Some(FormError::EmptyText) => {
            frame.render_widget(Paragraph::new(fit(&tr.form_empty, message.width, THEME.error)), message)
        }
        Some(FormError::TooLong(n)) => {
            let max = crate::domain::entry::MAX_ENTRY_CHARS.to_string();
            let text = crate::i18n::fill(&tr.entry_too_long, &[("n", &n.to_string()), ("max", &max)]);
            frame.render_widget(Paragraph::new(fit(&text, message.width, THEME.error)), message)
        }
        None => {}
    }
}
