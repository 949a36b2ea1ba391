use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{frame_block, window};
use crate::app::panels::matrix::{MatrixPanel, Pending, programs};
use crate::app::{App, SessionScreen};
use crate::domain::program::{Quadrant, quadrant};
use crate::i18n::fill;
use crate::template::catalog;
use crate::ui::text::truncate;
use crate::ui::theme::THEME;

pub fn draw(app: &App, s: &SessionScreen, p: &MatrixPanel, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &s.session;
    let scope = p
        .pillar
        .map_or_else(|| tr.matrix_all.clone(), |pl| catalog().pillar_name(pl, app.lang));
    let inner = frame_block(
        frame,
        area,
        &fill(&tr.matrix_title, &[("scope", &format!("◀ {scope} ▶"))]),
    );
    let list = programs(session, p.pillar);
    let definition_h = if inner.height >= 24 { 3 } else { 2 };
    let [body, def] = Layout::vertical([Constraint::Min(6), Constraint::Length(definition_h)]).areas(inner);
    let [left, right] = Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body);

    // The list: number, impact, effort, quick-win star, text.
    let width = usize::from(left.width);
    let mut lines: Vec<Line> = Vec::new();
    let pending = match p.pending {
        Some(Pending::Impact) => Some(&tr.matrix_pending_impact),
        Some(Pending::Effort) => Some(&tr.matrix_pending_effort),
        None => None,
    };
    if let Some(msg) = pending {
        lines.push(Line::from(Span::styled(truncate(msg, width), THEME.warn)));
    }
    lines.push(Line::from(Span::styled(
        truncate(&format!("  #  {} {}", tr.impact_short, tr.effort_short), width),
        THEME.heading,
    )));
    if list.is_empty() {
        // Wrapped: it says what to do, so all of it must be read.
        lines.extend(
            crate::ui::text::wrap(&tr.matrix_empty, width.saturating_sub(1))
                .into_iter()
                .map(|l| Line::from(Span::styled(l, THEME.text))),
        );
    }
    let height = usize::from(left.height).saturating_sub(lines.len());
    for (n, &i) in list
        .iter()
        .enumerate()
        .skip(window(list.len(), p.cursor, height).start)
        .take(height)
    {
        let e = &session.entries[i];
        let info = e.program.as_ref();
        let v = |x: Option<u8>| x.map_or("–".to_string(), |x| x.to_string());
        let star = if info.is_some_and(|i| i.quick_win) { "★" } else { " " };
        let line = format!(
            "{star}{:>2}  {:^w1$} {:^w2$} {}",
            n + 1,
            v(info.and_then(|i| i.impact)),
            v(info.and_then(|i| i.effort)),
            e.text,
            w1 = tr.impact_short.chars().count(),
            w2 = tr.effort_short.chars().count(),
        );
        let style = if n == p.cursor {
            THEME.selected
        } else if star == "★" {
            THEME.ok
        } else {
            THEME.text
        };
        lines.push(Line::from(Span::styled(truncate(&line, width), style)));
    }
    frame.render_widget(Paragraph::new(lines), left);

    // The 2×2 grid: high impact on top, low effort on the left.
    let rows = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1), Constraint::Length(3)]).split(right);
    let top = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).split(rows[0]);
    let bottom = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).split(rows[1]);
    let cells = [
        (Quadrant::QuickWin, &tr.matrix_quick_win, top[0]),
        (Quadrant::MajorProject, &tr.matrix_major, top[1]),
        (Quadrant::FillIn, &tr.matrix_fill_in, bottom[0]),
        (Quadrant::Reconsider, &tr.matrix_reconsider, bottom[1]),
    ];
    for (q, title, rect) in cells {
        let cell_w = usize::from(rect.width.saturating_sub(2));
        let cell_h = usize::from(rect.height.saturating_sub(2));
        // "QUICK WIN · dampak tinggi, upaya rendah": the name on the border, the rule inside.
        let (name, rule) = title.split_once(" · ").unwrap_or((title.as_str(), ""));
        let members: Vec<String> = list
            .iter()
            .enumerate()
            .filter_map(|(n, &i)| {
                let e = &session.entries[i];
                let info = e.program.as_ref()?;
                let (im, ef) = (info.impact?, info.effort?);
                let star = if info.quick_win { "★" } else { " " };
                (quadrant(im, ef) == q).then(|| truncate(&format!("{star}{:>2} {}", n + 1, e.text), cell_w))
            })
            .collect();
        let style = if q == Quadrant::QuickWin { THEME.ok } else { THEME.text };
        let mut lines = vec![Line::from(Span::styled(truncate(rule, cell_w), THEME.key_hint))];
        let room = cell_h.saturating_sub(1);
        if members.len() > room && room > 0 {
            let hidden = members.len() - (room - 1);
            lines.extend(
                members
                    .iter()
                    .take(room - 1)
                    .map(|m| Line::from(Span::styled(m.clone(), style))),
            );
            lines.push(Line::from(Span::styled(
                fill(&tr.more_below, &[("n", &hidden.to_string())]),
                THEME.warn,
            )));
        } else {
            lines.extend(members.iter().map(|m| Line::from(Span::styled(m.clone(), style))));
        }
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(if q == Quadrant::QuickWin {
                THEME.ok
            } else {
                THEME.border
            })
            .title(Span::styled(
                truncate(name, cell_w),
                style.add_modifier(ratatui::style::Modifier::BOLD),
            ));
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
    let unscored: Vec<String> = list
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            let info = session.entries[**i].program.as_ref();
            info.and_then(|x| x.impact.zip(x.effort)).is_none()
        })
        .map(|(n, _)| (n + 1).to_string())
        .collect();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(THEME.border)
        .title(Span::styled(tr.matrix_unscored.clone(), THEME.warn));
    frame.render_widget(
        Paragraph::new(unscored.join("  "))
            .style(THEME.text)
            .wrap(Wrap { trim: true })
            .block(block),
        rows[2],
    );
    frame.render_widget(
        Paragraph::new(tr.matrix_definition.clone())
            .style(THEME.notes)
            .wrap(Wrap { trim: true }),
        def,
    );
}
