//! The room's card in the audience view: the QR code, the address and the join code, as the
//! facilitator's projector shows them while the room panel is open. Without the inbox: the
//! ideas waiting are the facilitator's to judge, not the hall's to read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::panels::frame_block;
use super::panels::inbox::draw_room;
use crate::app::App;
use crate::app::room::RoomInfo;

pub fn draw(app: &App, room: &RoomInfo, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let inner = frame_block(frame, area, &app.tr().room_title);
    let (rest, lines) = draw_room(app, room, frame, inner);
    // The link wraps rather than being cut: someone may copy it from the screen.
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rest);
}
