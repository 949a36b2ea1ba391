//! The session screen's frame: title bar with the timer, agenda, step, status line, key hints,
//! and whatever tool is open over the step.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::text::truncate;
use super::theme::THEME;
use super::widgets::{clock, fit, hints};
use crate::app::panels::Panel;
use crate::app::{App, Mode, SaveState, SessionScreen};
use crate::domain::timer::{self, Phase};
use crate::domain::{Session, StepKind};
use crate::i18n::{Strings, fill};

pub fn draw(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let [bar, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(app, s, frame, bar);

    let agenda_w = (body.width / 4).clamp(24, 40);
    let [left, right] = Layout::horizontal([Constraint::Length(agenda_w), Constraint::Min(20)]).areas(body);
    super::agenda::draw(app, s, frame, left);
    if s.session.step().is_some_and(|st| st.kind == StepKind::Commitments) {
        super::commitments::draw(app, s, frame, right);
    } else {
        super::step::draw(app, s, frame, right);
    }

    frame.render_widget(Paragraph::new(status_line(app, s, status.width)), status);
    let on_commitments = s.session.step().is_some_and(|st| st.kind == StepKind::Commitments);
    let key_text = match &s.mode {
        Mode::Form(_) => &tr.form_keys,
        Mode::ConfirmDelete(_) => &tr.confirm_delete,
        Mode::Panel(p) => panel_keys(tr, p),
        Mode::Normal if on_commitments => &tr.commit_keys,
        Mode::Normal => &tr.session_keys,
    };
    let asking = s.asking();
    let key_line = if asking {
        let text = if matches!(s.mode, Mode::ConfirmDelete(_)) {
            key_text
        } else {
            &tr.roster_confirm
        };
        fit(text, keys.width, THEME.warn)
    } else {
        hints(key_text, keys.width)
    };
    frame.render_widget(Paragraph::new(key_line), keys);
    match &s.mode {
        Mode::Form(form) => super::entry_form::draw(app, s, form, frame, body),
        Mode::Panel(p) => super::panels::draw(app, s, p, frame, right.union(left)),
        _ => {}
    }
}

fn panel_keys<'a>(tr: &'a Strings, p: &Panel) -> &'a String {
    match p {
        Panel::Readiness(_) => &tr.readiness_keys,
        Panel::Vote(_) => &tr.vote_keys,
        Panel::Matrix(_) => &tr.matrix_keys,
        Panel::Roster(r) if r.form.is_some() => &tr.roster_form_keys,
        Panel::Roster(_) => &tr.roster_keys,
        Panel::Find(_) => &tr.find_keys,
        Panel::Program(_) => &tr.program_keys,
        Panel::Commitment(_) => &tr.commit_form_keys,
        Panel::Inbox(p) if p.merge.is_some() => &tr.room_merge_keys,
        Panel::Inbox(p) if p.edit.is_some() => &tr.room_edit_keys,
        Panel::Inbox(_) => &tr.room_keys,
    }
}

/// Style of the countdown: the bar's own while there is time, amber at 20 % left, red when over.
pub fn timer_style(phase: Phase) -> Style {
    match phase {
        Phase::Normal => THEME.bar,
        Phase::Amber => THEME.amber,
        Phase::Over => THEME.over,
    }
}

/// `sisa 12:05` / `LEWAT 03:10`, with `dijeda` while paused. No clock symbol: the fonts of
/// Windows consoles and many projector laptops lack it.
pub fn timer_text(tr: &Strings, session: &Session, now: time::OffsetDateTime) -> (String, Phase) {
    let step = session.current_step;
    let left = timer::remaining(session, step, now);
    let phase = timer::phase(session, step, now);
    let mut text = if left < 0 {
        fill(&tr.timer_over, &[("time", &timer::format_countdown(-left))])
    } else {
        fill(&tr.timer_left, &[("time", &timer::format_countdown(left))])
    };
    if session.timer_started.is_none() {
        text.push_str(&format!(" ({})", tr.timer_paused));
    }
    (format!(" {text} "), phase)
}

fn title_bar(app: &App, s: &SessionScreen, frame: &mut Frame, bar: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let (timer, phase) = timer_text(tr, session, app.now);
    let end = timer::projected_end(session, app.now);
    let end = format!(
        " {} ",
        fill(
            &tr.projected_end,
            &[("time", &format!("{:02}:{:02}", end.hour(), end.minute()))]
        )
    );
    let right_w = timer.width() + end.width();
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
    let width = usize::from(bar.width);
    let show_end = width >= right_w + 30;
    let right_w = if show_end { right_w } else { timer.width() };
    let left_w = width.saturating_sub(right_w);
    let title = truncate(&title, left_w);
    let pad = left_w.saturating_sub(title.width());
    let mut spans = vec![Span::styled(format!("{title}{}", " ".repeat(pad)), THEME.bar)];
    if show_end {
        spans.push(Span::styled(end, THEME.bar));
    }
    spans.push(Span::styled(timer, timer_style(phase)));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(THEME.bar), bar);
}

fn status_line(app: &App, s: &SessionScreen, width: u16) -> Line<'static> {
    let tr = app.tr();
    let (save, save_style) = match &s.save {
        SaveState::Clean => (tr.save_clean.clone(), THEME.ok),
        SaveState::Pending => (tr.save_pending.clone(), THEME.warn),
        SaveState::Saved(at) => (fill(&tr.save_ok, &[("time", &clock(*at))]), THEME.ok),
        SaveState::Failed(e) => (fill(&tr.save_failed, &[("error", e)]), THEME.error),
    };
    let mut spans = vec![Span::styled(format!("● {save}"), save_style)];
    if let Some(f) = &s.flash {
        let style = if super::flash::is_refusal(f) {
            THEME.warn
        } else {
            THEME.accent
        };
        spans.push(Span::styled(format!("  {}", super::flash::text(tr, f)), style));
    }
    if app.room.is_some() {
        let n = s.session.pending_ideas().to_string();
        spans.push(Span::styled(
            format!("  {}", fill(&tr.room_status, &[("n", &n)])),
            THEME.accent,
        ));
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    if text.width() > usize::from(width) {
        // Too long for one line: the save state matters most, so it keeps its place.
        return fit(&text, width, save_style);
    }
    Line::from(spans)
}
