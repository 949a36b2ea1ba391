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
use super::widgets::{fit, hints};
use crate::app::{App, Mode, SaveState, SessionScreen};
use crate::domain::timer::{self, Phase};
use crate::domain::{Session, StepKind};
use crate::i18n::{Strings, fill};

pub fn draw(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
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

    bottom_lines(app, s, frame, status, keys);
    match &s.mode {
        Mode::Form(form) => super::entry_form::draw(app, s, form, frame, body),
        Mode::Panel(p) => super::panels::draw(app, s, p, frame, right.union(left)),
        _ => {}
    }
}

/// In projector and focus mode: whatever is open (a form, a tool, a question) is drawn over the
/// room's layout with the status and key lines under it, so no key goes into something unseen.
pub fn draw_open(app: &App, s: &SessionScreen, frame: &mut Frame, area: Rect) {
    if matches!(s.mode, Mode::Normal) || area.height < 8 {
        return;
    }
    let [_, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(ratatui::widgets::Clear, status.union(keys));
    frame.render_widget(ratatui::widgets::Block::new().style(THEME.base), status.union(keys));
    bottom_lines(app, s, frame, status, keys);
    match &s.mode {
        Mode::Form(form) => super::entry_form::draw(app, s, form, frame, body),
        Mode::Panel(p) => super::panels::draw(app, s, p, frame, body),
        _ => {}
    }
}

/// The status line and the key line (or the question waiting for an answer).
fn bottom_lines(app: &App, s: &SessionScreen, frame: &mut Frame, status: Rect, keys: Rect) {
    let tr = app.tr();
    frame.render_widget(Paragraph::new(status_line(app, s, status.width)), status);
    let key_line = if let Mode::Form(f) = &s.mode
        && f.asking_discard
    {
        fit(&tr.form_discard_ask, keys.width, THEME.warn)
    } else if s.asking() {
        let text = if matches!(s.mode, Mode::ConfirmDelete(_)) {
            &tr.confirm_delete
        } else {
            &tr.roster_confirm
        };
        fit(text, keys.width, THEME.warn)
    } else {
        hints(app, s.scope(), keys.width)
    };
    frame.render_widget(Paragraph::new(key_line), keys);
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
    let end = format!(" {} ", fill(&tr.projected_end, &[("time", &tr.hm(end))]));
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
        // Nothing is written: "all changes saved" would contradict "changes are not saved".
        _ if s.read_only => match &s.read_only_why {
            Some(why) => (
                fill(&tr.status_read_only_why, &[("why", &tr.os_error(why))]),
                THEME.warn,
            ),
            None => (tr.status_read_only.clone(), THEME.warn),
        },
        SaveState::Clean => (tr.save_clean.clone(), THEME.ok),
        SaveState::Pending => (tr.save_pending.clone(), THEME.warn),
        SaveState::Saved(at) => (fill(&tr.save_ok, &[("time", &tr.clock(*at))]), THEME.ok),
        SaveState::Failed(e) => (fill(&tr.save_failed, &[("error", &tr.os_error(e))]), THEME.error),
    };
    // Read-only with news of the last key: the news (it says read-only itself) goes first.
    let mut spans = if s.read_only && s.flash.is_some() {
        vec![Span::styled("●".to_string(), save_style)]
    } else {
        vec![Span::styled(format!("● {save}"), save_style)]
    };
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
