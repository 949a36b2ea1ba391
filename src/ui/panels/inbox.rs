//! The room's panel: the QR code, the short address and the join code big enough for the back
//! of the hall, the full link to paste into a chat, and the ideas waiting in the inbox.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{frame_block, window};
use crate::app::panels::inbox::{InboxPanel, merge_targets, pending};
use crate::app::room::RoomInfo;
use crate::app::{App, SessionScreen};
use crate::domain::Proposer;
use crate::i18n::{Strings, fill};
use crate::ui::text::{truncate, wrap};
use crate::ui::theme::{THEME, kind_style};

pub fn draw(app: &App, s: &SessionScreen, p: &InboxPanel, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    // Over the projector layout too: nothing of the screen beneath may show through.
    frame.render_widget(ratatui::widgets::Clear, area);
    let inner = frame_block(frame, area, &tr.room_title);
    match &app.room {
        Some(room) => {
            let (list, lines) = draw_room(app, room, frame, inner);
            draw_inbox(app, s, p, frame, list, lines);
        }
        None => {
            let lines = vec![Line::from(Span::styled(tr.room_off.clone(), THEME.warn))];
            draw_inbox(app, s, p, frame, inner, lines);
        }
    }
}

/// The QR code, the big address and the join code in `area`; returns the area left below the
/// address and the lines (join code, full link, other addresses) that head it.
pub fn draw_room(app: &App, room: &RoomInfo, frame: &mut Frame, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let (qr_w, qr_h) = crate::ui::qr::size(&room.link());
    // The code may fill the panel's whole height: at 83×22 on a projector it must show.
    let fits = qr_w + 30 <= area.width && qr_h <= area.height;
    let text = if fits {
        let [qr, rest] = Layout::horizontal([Constraint::Length(qr_w + 2), Constraint::Min(20)]).areas(area);
        frame.render_widget(Paragraph::new(crate::ui::qr::lines(&room.link())), qr);
        rest
    } else {
        area
    };
    let [head, list] = Layout::vertical([Constraint::Length(address_rows(text)), Constraint::Min(3)]).areas(text);
    draw_address(room, app.look.glyphs, frame, head);
    (list, link_lines(app.tr(), room, usize::from(text.width)))
}

/// Rows for the big address and code: the big letters where there is room.
fn address_rows(area: Rect) -> u16 {
    if area.height >= 24 { 10 } else { 2 }
}

fn draw_address(room: &RoomInfo, glyphs: crate::theme::GlyphLevel, frame: &mut Frame, area: Rect) {
    let plain = |frame: &mut Frame, area: Rect| {
        let lines = vec![Line::from(Span::styled(room.short().to_string(), THEME.title))];
        frame.render_widget(Paragraph::new(lines), area);
    };
    if area.height < 10 {
        // Without room for big letters the address alone heads the panel; the code follows it
        // in the link lines below, once.
        plain(frame, area);
        return;
    }
    // Each in big letters if it fits on its own: a long address may not where the short join
    // code still does, and one is never drawn over the other.
    let [a, c] = Layout::vertical([Constraint::Length(5), Constraint::Length(5)]).areas(area);
    match crate::ui::big::plan(room.short(), a.width, 4, glyphs) {
        Some((size, big, _)) => crate::ui::big::draw(frame, a, size, big, THEME.title),
        None => plain(frame, a),
    }
    if let Some((size, big, _)) = crate::ui::big::plan(&room.join_code, c.width, 4, glyphs) {
        crate::ui::big::draw(frame, c, size, big, THEME.accent);
    }
}

fn link_lines(tr: &Strings, room: &RoomInfo, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        fill(&tr.room_code, &[("code", &room.join_code)]),
        THEME.accent,
    ))];
    // The link is never cut: a chat needs all of it, so it wraps instead (within the link, too,
    // where the area is narrower than the link).
    lines.extend(
        wrap(&fill(&tr.room_link, &[("link", &room.link())]), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, THEME.text))),
    );
    if room.addresses.len() > 1 {
        let others: Vec<&str> = room
            .addresses
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != room.chosen)
            .map(|(_, a)| a.trim_start_matches("http://"))
            .collect();
        lines.push(Line::from(Span::styled(
            truncate(&fill(&tr.room_other_addresses, &[("list", &others.join(", "))]), width),
            THEME.text,
        )));
    }
    lines
}

fn who(tr: &Strings, name: &str, opd: &str) -> String {
    Proposer::from_fields(name, opd)
        .label()
        .unwrap_or_else(|| tr.room_anonymous.clone())
}

fn draw_inbox(app: &App, s: &SessionScreen, p: &InboxPanel, frame: &mut Frame, area: Rect, mut lines: Vec<Line>) {
    let tr = app.tr();
    let session = &s.session;
    let width = usize::from(area.width);
    let waiting = pending(session);
    let state = if session.room.straight {
        &tr.room_yes
    } else {
        &tr.room_no
    };
    lines.push(Line::from(Span::styled(
        fill(&tr.room_straight, &[("state", state)]),
        THEME.text,
    )));
    lines.push(Line::from(Span::styled(
        fill(&tr.room_inbox, &[("n", &waiting.len().to_string())]),
        THEME.title,
    )));
    if waiting.is_empty() {
        lines.push(Line::from(Span::styled(tr.room_inbox_empty.clone(), THEME.text)));
    }
    let selected = waiting
        .get(p.cursor.min(waiting.len().saturating_sub(1)))
        .map(|&i| &session.ideas[i]);
    if let (Some(m), Some(idea)) = (p.merge, selected) {
        lines.push(Line::from(Span::styled(
            truncate(&format!("{} {}", tr.room_merge_title, idea.text), width),
            THEME.accent,
        )));
        let targets = merge_targets(session, idea);
        let height = usize::from(area.height).saturating_sub(lines.len() + 1);
        for pos in window(targets.len(), m, height) {
            let e = &session.entries[targets[pos]];
            let style = if pos == m { THEME.selected } else { THEME.text };
            lines.push(Line::from(Span::styled(
                truncate(&format!("  {}", e.text), width),
                style,
            )));
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let height = usize::from(area.height).saturating_sub(lines.len());
    for pos in window(waiting.len(), p.cursor, height) {
        let idea = &session.ideas[waiting[pos]];
        let chosen = pos == p.cursor.min(waiting.len().saturating_sub(1));
        let lead = format!("{:<10}", truncate(tr.kind(idea.kind), 10));
        let text = match (&p.edit, chosen) {
            (Some(t), true) => format!("{}▏", t.lines().join(" ")),
            _ => format!("{} — {}", idea.text, who(tr, &idea.name, &idea.opd)),
        };
        let style = if chosen { THEME.selected } else { THEME.text };
        lines.push(Line::from(vec![
            Span::styled(lead, if chosen { THEME.selected } else { kind_style(idea.kind) }),
            Span::styled(truncate(&format!(" {text}"), width.saturating_sub(10)), style),
        ]));
    }
    // The keys are on the hint line at the foot of the screen, whole; a copy cut to the panel's
    // width here dropped the most used one (Enter, accept).
    frame.render_widget(Paragraph::new(lines), area);
}
