use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::THEME;
use super::widgets::centered;
use crate::app::App;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let mut lines: Vec<Line> = Vec::new();
    let key_w = 16;
    for (heading, keys) in [
        (&tr.help_everywhere, &tr.help_keys_everywhere),
        (&tr.help_home, &tr.help_keys_home),
        (&tr.help_session, &tr.help_keys_session),
        (&tr.help_form, &tr.help_keys_form),
    ] {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(heading.clone(), THEME.heading)));
        for (k, what) in keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {k:<key_w$}"), THEME.accent),
                Span::styled(what.clone(), THEME.text),
            ]));
        }
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, 84, height);
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(THEME.border_focus)
        .title(Span::styled(format!(" {} ", tr.help_title), THEME.title))
        .title_bottom(Span::styled(format!(" {} ", tr.help_close), THEME.key_hint))
        .style(THEME.base);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), popup);
}
