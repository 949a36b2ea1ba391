//! The session screen's frame: title bar, agenda, step, status line, key hints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use super::widgets::{clock, fit, hints};
use crate::app::session_screen::Flash;
use crate::app::{App, Mode, SaveState, SessionScreen};
use crate::i18n::fill;

pub fn draw(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let [bar, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let session = &s.session;
    let mut title = format!(
        " {} · Bimtek {} · {}",
        session.region,
        session.stage.roman(),
        session.date
    );
    if !session.venue.is_empty() {
        title.push_str(&format!(" · {}", session.venue));
    }
    if s.read_only {
        title.push_str(&format!(" · {}", tr.read_only));
    }
    frame.render_widget(Paragraph::new(fit(&title, bar.width, THEME.bar)).style(THEME.bar), bar);

    let agenda_w = (body.width / 4).clamp(24, 40);
    let [left, right] = Layout::horizontal([Constraint::Length(agenda_w), Constraint::Min(20)]).areas(body);
    super::agenda::draw(app, s, frame, left);
    super::step::draw(app, s, frame, right);

    frame.render_widget(Paragraph::new(status_line(app, s, status.width)), status);
    let key_text = match &s.mode {
        Mode::Form(_) => &tr.form_keys,
        Mode::ConfirmDelete(_) => &tr.confirm_delete,
        Mode::Normal => &tr.session_keys,
    };
    let key_line = if matches!(s.mode, Mode::ConfirmDelete(_)) {
        fit(key_text, keys.width, THEME.warn)
    } else {
        hints(key_text, keys.width)
    };
    frame.render_widget(Paragraph::new(key_line), keys);
    if let Mode::Form(form) = &s.mode {
        super::entry_form::draw(app, s, form, frame, body);
    }
}

fn status_line(app: &App, s: &SessionScreen, width: u16) -> Line<'static> {
    let tr = app.tr();
    let (save, save_style) = match &s.save {
        SaveState::Clean => (tr.save_clean.clone(), THEME.ok),
        SaveState::Pending => (tr.save_pending.clone(), THEME.warn),
        SaveState::Saved(at) => (fill(&tr.save_ok, &[("time", &clock(*at))]), THEME.ok),
        SaveState::Failed(e) => (fill(&tr.save_failed, &[("error", e)]), THEME.error),
    };
    let flash = s.flash.as_ref().map(|f| match f {
        Flash::Added => tr.flash_added.clone(),
        Flash::Updated => tr.flash_updated.clone(),
        Flash::Deleted => tr.flash_deleted.clone(),
        Flash::Undone => tr.flash_undone.clone(),
        Flash::Redone => tr.flash_redone.clone(),
        Flash::NothingToUndo => tr.flash_nothing_undo.clone(),
        Flash::NothingToRedo => tr.flash_nothing_redo.clone(),
        Flash::ReadOnly => tr.flash_read_only.clone(),
        Flash::Refused(r) => fill(&tr.flash_refused, &[("reason", r)]),
        Flash::Text(t) => t.clone(),
    });
    let mut spans = vec![Span::styled(format!("● {save}"), save_style)];
    if let Some(f) = flash {
        spans.push(Span::styled(format!("  {f}"), THEME.accent));
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    if unicode_width::UnicodeWidthStr::width(text.as_str()) > usize::from(width) {
        // Too long for one line: the save state matters most, so it keeps its place.
        return fit(&text, width, save_style);
    }
    Line::from(spans)
}
