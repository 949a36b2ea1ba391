use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};

use super::text::truncate;
use super::theme::THEME;
use super::widgets::{fit, hints};
use crate::app::{App, Home, Scope};
use crate::domain::Stage;
use crate::i18n::fill;

pub fn draw(app: &App, home: &Home, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let [bar, folder, body, message, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(fit(
            &format!(" {} · {}", tr.app_name, tr.home_title),
            bar.width,
            THEME.bar,
        ))
        .style(THEME.bar),
        bar,
    );
    let folder_text = fill(&tr.home_folder, &[("path", &app.sessions_dir.display().to_string())]);
    frame.render_widget(Paragraph::new(fit(&folder_text, folder.width, THEME.text)), folder);

    let header = Row::new([
        tr.col_region.as_str(),
        tr.col_stage.as_str(),
        tr.col_date.as_str(),
        tr.col_entries.as_str(),
        tr.col_changed.as_str(),
    ])
    .style(THEME.heading);
    // The first column takes what the fixed ones leave; text is cut with a visible mark.
    let first_w = usize::from(body.width.saturating_sub(11 + 11 + 8 + 17 + 4 + 2));
    let mut rows: Vec<Row> = home
        .rows
        .iter()
        .map(|r| match &r.summary {
            Ok(s) => Row::new([
                truncate(&s.region, first_w),
                format!("Bimtek {}", s.stage.roman()),
                s.date.to_string(),
                s.entries.to_string(),
                tr.stamp(s.updated),
            ])
            .style(THEME.text),
            Err(e) => {
                let name = r
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let why = fill(&tr.home_unreadable, &[("error", e)]);
                Row::new([truncate(&format!("{name}: {why}"), first_w)]).style(THEME.warn)
            }
        })
        .collect();
    for (stage, date) in Stage::ALL.iter().zip(crate::store::demo::DATES) {
        rows.push(
            Row::new([
                truncate(&tr.home_demo_row, first_w),
                format!("Bimtek {}", stage.roman()),
                date.into(),
            ])
            .style(THEME.accent),
        );
    }
    let widths = [
        Constraint::Fill(3),
        Constraint::Length(11),
        Constraint::Length(11),
        Constraint::Length(8),
        Constraint::Length(17),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(THEME.selected)
        .highlight_symbol("▶ ")
        .block(Block::new().borders(Borders::TOP).border_style(THEME.border));
    let mut state = TableState::default().with_selected(Some(home.selected));
    let [list, empty] = if home.rows.is_empty() && home.scanned {
        // The header, the sample rows and a blank line above the hint.
        let list = u16::try_from(crate::app::home::SAMPLE_ROWS + 3).unwrap_or(u16::MAX);
        Layout::vertical([Constraint::Length(list), Constraint::Min(1)]).areas(body)
    } else {
        [body, Rect::default()]
    };
    frame.render_stateful_widget(table, list, &mut state);
    if home.rows.is_empty() && home.scanned {
        frame.render_widget(
            Paragraph::new(tr.home_empty.as_str())
                .style(THEME.text)
                .wrap(Wrap { trim: true }),
            empty,
        );
    }
    if let Some(m) = &home.message {
        frame.render_widget(Paragraph::new(fit(m, message.width, THEME.error)), message);
    } else if !home.scanned {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(tr.home_loading.as_str(), THEME.text))),
            message,
        );
    }
    frame.render_widget(Paragraph::new(hints(app, Scope::Home, keys.width)), keys);
    if let Some(form) = &home.form {
        super::new_form::draw(app, form, frame, area);
    }
}
