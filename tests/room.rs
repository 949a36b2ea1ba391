//! The room against the real server on 127.0.0.1: what a phone (or a hostile page on the same
//! hotspot) can and cannot do, read back from the session file. Every answer is given only once
//! the idea is on disk, so the file is read right after the answer, without waiting.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bimtek::domain::idea::IdeaStatus;
use bimtek::domain::vote::VoteRound;
use bimtek::domain::{Session, StepKind};
use bimtek::room::{Config, Limits};
use bimtek::tui::room_link::Headless;

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request on a fresh connection, the way a phone's browser sends it.
fn http(host: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(host_addr(host)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {host}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write head");
    // A body the server refuses early may not be read to the end.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

fn host_addr(host: &str) -> String {
    host.replace("localhost", "127.0.0.1")
}

struct Room {
    _dir: tempfile::TempDir,
    path: PathBuf,
    server: Option<Headless>,
    host: String,
    token: String,
}

/// A Bimtek I session on a dimension step (which collects ideas), with a voting round on it.
fn session_file(dir: &Path, entries: usize) -> PathBuf {
    let mut s: Session = bimtek::generate::session(entries, 3);
    s.current_step = s
        .agenda
        .steps
        .iter()
        .position(|st| st.kind == StepKind::Pillar && !st.collects.is_empty())
        .expect("a dimension step");
    let path = dir.join("sesi.ron");
    std::fs::write(&path, bimtek::store::to_ron(&s)).expect("write session");
    path
}

fn add_round(path: &Path, budget: u32) {
    let mut s = bimtek::store::load(path).expect("load");
    let step = s.step().expect("step").id.clone();
    let mut round = VoteRound::new("round-1".into(), step);
    round.budget = budget;
    s.votes.push(round);
    std::fs::write(path, bimtek::store::to_ron(&s)).expect("write session");
}

fn start(entries: usize, limits: Limits, round: bool) -> Room {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = session_file(dir.path(), entries);
    if round {
        add_round(&path, 3);
    }
    let config = Config {
        bind: Some("127.0.0.1".parse().expect("ip")),
        port: 0,
        limits,
    };
    let server = Headless::start(path.clone(), config).expect("room starts");
    let host = server.info.address().trim_start_matches("http://").to_string();
    let token = server.info.token.clone();
    Room {
        _dir: dir,
        path,
        server: Some(server),
        host,
        token,
    }
}

impl Room {
    fn file(&self) -> Session {
        bimtek::store::load(&self.path).expect("the session file loads")
    }

    /// A new phone: its first visit to the link gives it its cookie (and the form's CSRF token).
    fn phone(&self) -> Phone {
        let r = http(&self.host, "GET", &format!("/{}", self.token), &[], b"");
        assert_eq!(r.status, 200, "{}", r.body);
        let cookie = r
            .header("set-cookie")
            .and_then(|c| c.split(';').next())
            .expect("a device cookie")
            .to_string();
        let csrf = r
            .body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a CSRF token in the form")
            .to_string();
        Phone { cookie, csrf }
    }

    fn post_json(&self, phone: &Phone, what: &str, json: &str) -> Reply {
        http(
            &self.host,
            "POST",
            &format!("/{}/{what}", self.token),
            &[("Content-Type", "application/json"), ("Cookie", &phone.cookie)],
            json.as_bytes(),
        )
    }

    fn stop(mut self) -> Session {
        if let Some(s) = self.server.take() {
            s.stop().expect("stops");
        }
        self.file()
    }
}

struct Phone {
    cookie: String,
    csrf: String,
}

fn idea(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text, "name": "Ani", "opd": "Dinas Kominfo"}).to_string()
}

#[test]
fn an_idea_is_on_disk_when_the_phone_is_told_and_a_retry_stores_nothing_new() {
    let room = start(20, Limits::default(), false);
    let phone = room.phone();
    let first = room.post_json(&phone, "ideas", &idea("c-1", "Aplikasi antrean puskesmas"));
    assert_eq!(first.status, 201, "{}", first.body);
    let stored: serde_json::Value = serde_json::from_str(&first.body).expect("json");
    let id = stored["id"].as_str().expect("the stored id").to_string();
    // Told "Terkirim": it is in the file already.
    let file = room.file();
    let found: Vec<_> = file.ideas.iter().filter(|i| i.client_id == "c-1").collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, id);
    assert_eq!(found[0].status, IdeaStatus::Pending);
    assert_eq!(found[0].opd, "Dinas Kominfo");

    let again = room.post_json(&phone, "ideas", &idea("c-1", "Aplikasi antrean puskesmas"));
    assert_eq!(again.status, 200, "{}", again.body);
    assert!(again.body.contains(&id));
    let file = room.stop();
    assert_eq!(file.ideas.iter().filter(|i| i.client_id == "c-1").count(), 1);
}

#[test]
fn a_wrong_or_missing_token_is_a_bare_404() {
    let room = start(0, Limits::default(), false);
    for path in [
        "/x".to_string(),
        format!("/{}x", room.token),
        format!("/{}/state", &room.token[1..]),
        "/state".into(),
        "/ideas".into(),
    ] {
        let r = http(&room.host, "GET", &path, &[], b"");
        assert_eq!(r.status, 404, "{path}");
        assert!(r.body.is_empty(), "{path}: {}", r.body);
    }
    let r = http(
        &room.host,
        "POST",
        "/ideas",
        &[("Content-Type", "application/json")],
        b"{}",
    );
    assert_eq!(r.status, 404);
    // The landing page asks for the code and says nothing of the token.
    let landing = http(&room.host, "GET", "/", &[], b"");
    assert_eq!(landing.status, 200);
    assert!(!landing.body.contains(&room.token));
}

#[test]
fn paths_that_climb_out_are_404_and_no_file_is_served() {
    let room = start(0, Limits::default(), false);
    for path in [
        "/../Cargo.toml".to_string(),
        "/%2e%2e/%2e%2e/etc/passwd".into(),
        format!("/{}/../../etc/passwd", room.token),
        format!("/{}/..%2f..%2fCargo.toml", room.token),
        format!("/{}/assets/phone.html", room.token),
        "/sesi.ron".into(),
    ] {
        let r = http(&room.host, "GET", &path, &[], b"");
        assert_eq!(r.status, 404, "{path}: {}", r.body);
        assert!(!r.body.contains("root:") && !r.body.contains("[package]"), "{path}");
    }
}

#[test]
fn a_foreign_host_header_is_refused() {
    let room = start(0, Limits::default(), false);
    let phone = room.phone();
    let r = http(
        &room.host,
        "POST",
        &format!("/{}/ideas", room.token),
        &[
            ("Host", "evil.example:8080"),
            ("Content-Type", "application/json"),
            ("Cookie", &phone.cookie),
        ],
        idea("h-1", "rebinding").as_bytes(),
    );
    assert_eq!(r.status, 421);
    let r = http(
        &room.host,
        "GET",
        &format!("/{}", room.token),
        &[("Host", "evil.example")],
        b"",
    );
    assert_eq!(r.status, 421);
    assert!(room.stop().ideas.is_empty());
}

#[test]
fn a_form_post_needs_the_csrf_token_and_other_bodies_are_refused() {
    let room = start(0, Limits::default(), false);
    let phone = room.phone();
    let path = format!("/{}/ideas", room.token);
    let form = |csrf: &str| format!("csrf={csrf}&id=f-1&text=Jaringan+internet+desa&name=&opd=");
    let no_csrf = http(
        &room.host,
        "POST",
        &path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &phone.cookie),
        ],
        "id=f-1&text=Tanpa+token".as_bytes(),
    );
    assert_eq!(no_csrf.status, 403);
    let plain = http(
        &room.host,
        "POST",
        &path,
        &[("Content-Type", "text/plain"), ("Cookie", &phone.cookie)],
        idea("p-1", "text/plain dari halaman lain").as_bytes(),
    );
    assert_eq!(plain.status, 415);
    let no_cookie = http(
        &room.host,
        "POST",
        &path,
        &[("Content-Type", "application/json")],
        idea("n-1", "tanpa cookie").as_bytes(),
    );
    assert_eq!(no_cookie.status, 403);
    assert!(room.file().ideas.is_empty(), "nothing refused was stored");
    let ok = http(
        &room.host,
        "POST",
        &path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &phone.cookie),
        ],
        form(&phone.csrf).as_bytes(),
    );
    assert_eq!(ok.status, 201, "{}", ok.body);
    assert!(ok.body.contains("Terkirim") && ok.body.contains("Jaringan internet desa"));
    assert_eq!(room.stop().ideas.len(), 1);
    assert!(ok.header("access-control-allow-origin").is_none(), "no CORS");
}

#[test]
fn a_body_over_16_kib_is_413() {
    let room = start(0, Limits::default(), false);
    let phone = room.phone();
    let big = idea("big", &"a".repeat(17 * 1024));
    let r = room.post_json(&phone, "ideas", &big);
    assert_eq!(r.status, 413);
    assert!(room.stop().ideas.is_empty());
}

#[test]
fn a_phone_sending_too_fast_is_told_to_wait() {
    let limits = Limits {
        ideas_per_minute: 3,
        ..Limits::default()
    };
    let room = start(0, limits, false);
    let phone = room.phone();
    let codes: Vec<u16> = (0..4)
        .map(|i| {
            room.post_json(&phone, "ideas", &idea(&format!("r-{i}"), "cepat"))
                .status
        })
        .collect();
    assert_eq!(codes, [201, 201, 201, 429]);
    // Another phone is not held up by the first.
    let other = room.phone();
    assert_eq!(room.post_json(&other, "ideas", &idea("o-1", "lain")).status, 201);
    assert_eq!(room.stop().ideas.len(), 4);
}

#[test]
fn markup_in_an_idea_is_kept_as_text_and_shown_escaped() {
    let room = start(0, Limits::default(), false);
    let phone = room.phone();
    let evil = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let body = format!(
        "csrf={}&id=x-1&text={}&name={}",
        phone.csrf,
        urlencode(evil),
        urlencode("<b>Budi</b>")
    );
    let r = http(
        &room.host,
        "POST",
        &format!("/{}/ideas", room.token),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &phone.cookie),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(r.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(!r.body.contains("<script>alert"));
    assert!(!r.body.contains("<img src=x"));
    let file = room.stop();
    assert_eq!(file.ideas[0].text, evil, "the file keeps what was sent");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn concurrent_votes_never_exceed_a_phones_budget() {
    let room = start(150, Limits::default(), true);
    let state = http(&room.host, "GET", &format!("/{}/state", room.token), &[], b"");
    let state: serde_json::Value = serde_json::from_str(&state.body).expect("state json");
    let candidates: Vec<String> = state["round"]["candidates"]
        .as_array()
        .expect("a round with candidates")
        .iter()
        .filter_map(|c| c["id"].as_str().map(str::to_string))
        .collect();
    assert!(candidates.len() >= 6, "{candidates:?}");
    let phones: Vec<Phone> = (0..3).map(|_| room.phone()).collect();
    let results: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = phones
            .iter()
            .flat_map(|phone| {
                let room = &room;
                candidates.iter().take(6).map(move |c| {
                    scope.spawn(move || {
                        room.post_json(phone, "votes", &serde_json::json!({"entry": c}).to_string())
                            .status
                    })
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    assert_eq!(results.iter().filter(|&&c| c == 200).count(), 9, "{results:?}");
    assert_eq!(results.iter().filter(|&&c| c == 409).count(), 9, "{results:?}");
    let file = room.stop();
    let round = &file.votes[0];
    let voters: std::collections::BTreeSet<&str> =
        round.ballots.iter().filter_map(|b| b.participant.as_deref()).collect();
    assert_eq!(voters.len(), 3);
    for v in voters {
        assert_eq!(round.spent(v), 3, "{v}");
    }
}

fn room_info() -> bimtek::app::room::RoomInfo {
    bimtek::app::room::RoomInfo {
        addresses: vec!["http://192.168.137.1:8080".into()],
        chosen: 0,
        token: "k5qv2jz7mxw3hy4r6tn8bd2cfa".into(),
        join_code: "KX7PM".into(),
    }
}

/// The facilitator's app with a session of ten entries open (read-only for the audience view).
fn app_with_session(dir: &Path, read_only: bool) -> bimtek::app::App {
    use bimtek::app::{Action, App, update};
    let path = session_file(dir, 10);
    let session = bimtek::store::load(&path).expect("load");
    let mut app = App::new(
        bimtek::domain::Lang::Id,
        time::OffsetDateTime::UNIX_EPOCH,
        1,
        PathBuf::new(),
    );
    update(
        &mut app,
        Action::SessionOpened {
            session: Box::new(session),
            path,
            read_only,
        },
    );
    app
}

fn press(app: &mut bimtek::app::App, c: char) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    bimtek::app::update(
        app,
        bimtek::app::Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    );
}

/// The app with the room panel open and the room started.
fn app_with_room_panel(dir: &Path) -> bimtek::app::App {
    let mut app = app_with_session(dir, false);
    press(&mut app, 'w');
    bimtek::app::update(&mut app, bimtek::app::Action::RoomStarted(Ok(room_info())));
    app
}

fn draw(app: &bimtek::app::App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| bimtek::ui::view(app, f)).expect("draw");
    t.backend().buffer().clone()
}

fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            let row: String = (0..area.width).map(|x| buf[(x, y)].symbol().to_string()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The QR code on screen, read back cell by cell (half blocks drawn black on white) and
/// decoded as a phone's camera would; `None` if there is none or it does not decode.
fn qr_on_screen(buf: &ratatui::buffer::Buffer) -> Option<String> {
    use ratatui::style::Color;
    let (w, h) = (buf.area.width, buf.area.height);
    let is_qr = |x: u16, y: u16| {
        let c = &buf[(x, y)];
        c.symbol() == "▀"
            && [Color::Black, Color::White].contains(&c.fg)
            && [Color::Black, Color::White].contains(&c.bg)
    };
    let cells: Vec<(u16, u16)> = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| is_qr(x, y))
        .collect();
    let x0 = cells.iter().map(|c| c.0).min()?;
    let y0 = cells.iter().map(|c| c.1).min()?;
    let x1 = cells.iter().map(|c| c.0).max()?;
    let y1 = cells.iter().map(|c| c.1).max()?;
    let (cols, rows) = (usize::from(x1 - x0 + 1), usize::from(y1 - y0 + 1));
    const SCALE: usize = 6;
    let dark = |px: usize, py: usize| {
        let (mx, my) = (px / SCALE, py / SCALE);
        let c = &buf[(
            x0 + u16::try_from(mx).unwrap_or(0),
            y0 + u16::try_from(my / 2).unwrap_or(0),
        )];
        let color = if my % 2 == 0 { c.fg } else { c.bg };
        color == Color::Black
    };
    // A white margin around it, as the screen's own background would be for a camera.
    let margin = 4 * SCALE;
    let (iw, ih) = (cols * SCALE + 2 * margin, rows * 2 * SCALE + 2 * margin);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(iw, ih, |x, y| {
        let inside = x >= margin && y >= margin && x < iw - margin && y < ih - margin;
        if inside && dark(x - margin, y - margin) { 0 } else { 255 }
    });
    let grids = img.detect_grids();
    assert!(grids.len() <= 1, "one QR code on screen");
    grids.first()?.decode().ok().map(|(_, content)| content)
}

/// The room panel as the facilitator's screen draws it: the QR code's half blocks decode to
/// the link the panel shows as text.
#[test]
fn the_qr_code_on_screen_decodes_to_the_link_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = app_with_room_panel(dir.path());
    let info = room_info();
    let buf = draw(&app, 112, 32);
    let shown = screen_text(&buf);
    assert!(shown.contains(&info.link()), "the full link is on screen:\n{shown}");
    assert!(shown.contains("KX7PM"), "{shown}");
    assert_eq!(qr_on_screen(&buf).as_deref(), Some(info.link().as_str()), "{shown}");
}

/// The smallest projector size: the panel fills the screen, the code decodes, and nothing of
/// the screens drawn before it (the step on the projector) is left beside the address.
#[test]
fn the_room_panel_on_the_projector_at_83x22_decodes_and_leaves_nothing_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_with_session(dir.path(), false);
    // One terminal for every frame, as on the projector: each frame is drawn over the last.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(83, 22)).expect("terminal");
    let mut frame = |app: &bimtek::app::App| {
        t.draw(|f| bimtek::ui::view(app, f)).expect("draw");
        t.backend().buffer().clone()
    };
    frame(&app);
    press(&mut app, 'P');
    let step = screen_text(&frame(&app));
    press(&mut app, 'w');
    bimtek::app::update(&mut app, bimtek::app::Action::RoomStarted(Ok(room_info())));
    let shown_buf = frame(&app);
    let shown = screen_text(&shown_buf);
    assert_eq!(
        shown,
        screen_text(&draw(&app, 83, 22)),
        "drawn over the step as on a fresh screen"
    );
    assert_eq!(
        qr_on_screen(&shown_buf).as_deref(),
        Some(room_info().link().as_str()),
        "{shown}"
    );
    // Beside the address, nothing: no word of the step that was on the projector before.
    let address_row = shown
        .lines()
        .find(|l| l.contains("192.168.137.1:8080"))
        .expect("the address");
    let beside = address_row.split("192.168.137.1:8080").nth(1).unwrap_or("");
    assert_eq!(
        beside.trim_end_matches(['│', ' ']),
        "",
        "leftovers beside the address: {beside:?}\nover:\n{step}"
    );
    let flat: String = shown.lines().map(|l| l.replace(['▀', '│', ' '], "")).collect();
    assert!(flat.contains(&room_info().link()), "the whole link, wrapped:\n{shown}");
    insta::assert_snapshot!("room_panel_projector_83x22", shown);
}

/// P works with the room panel open, and the panel drawn fresh at 83×22 decodes too.
#[test]
fn p_with_the_room_panel_open_at_83x22() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_with_room_panel(dir.path());
    press(&mut app, 'P');
    assert!(app.look.projector, "P works with the room panel open");
    let buf = draw(&app, 83, 22);
    assert_eq!(
        qr_on_screen(&buf).as_deref(),
        Some(room_info().link().as_str()),
        "{}",
        screen_text(&buf)
    );
}

/// P with the room panel open puts it on the projector, where it fills the screen; P again
/// returns to the facilitator's screen with the panel still open.
#[test]
fn p_in_the_room_panel_shows_it_to_the_room_and_back() {
    use bimtek::app::Scope;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_with_room_panel(dir.path());
    let beside = screen_text(&draw(&app, 112, 32));
    assert!(beside.contains("Kotak masuk"), "the inbox beside the code:\n{beside}");
    press(&mut app, 'P');
    assert!(app.look.projector);
    assert_eq!(app.scope(), Scope::Inbox, "the panel stays open");
    let buf = draw(&app, 112, 32);
    assert_eq!(qr_on_screen(&buf).as_deref(), Some(room_info().link().as_str()));
    press(&mut app, 'P');
    assert!(!app.look.projector);
    assert_eq!(app.scope(), Scope::Inbox);
}

/// `bimtek present` learns of the room from the note the facilitator's bimtek leaves: with the
/// room panel open there, the audience view shows the code; closed, the step; stopped, nothing.
#[test]
fn the_audience_view_shows_the_room_while_the_facilitator_shows_it() {
    use bimtek::app::{Action, update};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_with_session(dir.path(), true);
    app.look.audience = true;
    app.look.projector = true;
    let link = room_info().link();
    update(&mut app, Action::FollowRoom(Some((room_info(), true))));
    for (w, h) in [(83, 22), (112, 32)] {
        let buf = draw(&app, w, h);
        let shown = screen_text(&buf);
        assert_eq!(qr_on_screen(&buf).as_deref(), Some(link.as_str()), "{w}x{h}:\n{shown}");
        assert!(
            shown.contains("192.168.137.1:8080") && shown.contains("KX7PM"),
            "{shown}"
        );
        assert!(!shown.contains("Kotak masuk"), "no inbox for the hall:\n{shown}");
    }
    update(&mut app, Action::FollowRoom(Some((room_info(), false))));
    assert_eq!(
        qr_on_screen(&draw(&app, 112, 32)),
        None,
        "the panel closed: the step again"
    );
    update(&mut app, Action::FollowRoom(None));
    assert!(app.room.is_none());
}

#[test]
fn the_join_code_leads_to_the_link_and_guessing_is_limited() {
    let limits = Limits {
        joins_per_minute: 3,
        ..Limits::default()
    };
    let room = start(0, limits, false);
    let code = room.server.as_ref().expect("server").info.join_code.clone();
    let join = |code: &str| {
        http(
            &room.host,
            "POST",
            "/join",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            format!("code={code}").as_bytes(),
        )
    };
    let wrong = join("ZZZZZ");
    assert_eq!(wrong.status, 200);
    assert!(wrong.body.contains("tidak cocok"), "{}", wrong.body);
    // Typed in small letters on a phone: still the code.
    let right = join(&code.to_lowercase());
    assert_eq!(right.status, 303);
    assert_eq!(right.header("location"), Some(format!("/{}", room.token).as_str()));
    assert_eq!(join("YYYYY").status, 200);
    assert_eq!(join(&code).status, 429, "the fourth try in a minute waits");
}

#[test]
fn a_port_in_use_is_said_with_a_free_one_to_use() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let config = Config {
        bind: Some("127.0.0.1".parse().expect("ip")),
        port,
        limits: Limits::default(),
    };
    let views = bimtek::room::view::views(&bimtek::generate::session(0, 1));
    match bimtek::room::Server::start(&config, "t".repeat(26), "ABCDE".into(), views) {
        Err(bimtek::room::StartError::PortInUse {
            port: p,
            free: Some(free),
        }) => {
            assert_eq!(p, port);
            assert_ne!(free, port);
            assert!(
                std::net::TcpListener::bind(("127.0.0.1", free)).is_ok(),
                "the offered port is free"
            );
        }
        Err(e) => panic!("{e:?}"),
        Ok(_) => panic!("started on a port in use"),
    }
}

#[test]
fn an_entry_sent_from_a_phone_says_so_on_screen() {
    use bimtek::app::{Action, App, update};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let dir = tempfile::tempdir().expect("tempdir");
    let path = session_file(dir.path(), 0);
    let mut session = bimtek::store::load(&path).expect("load");
    let step = session.step().expect("step").clone();
    let mut e = bimtek::domain::Entry::new(
        "01PHONE".into(),
        step.collects[0],
        "Antrean daring puskesmas",
        time::OffsetDateTime::UNIX_EPOCH,
    );
    e.pillar = step.pillar;
    e.proposer = bimtek::domain::Proposer::from_fields("Ani", "Bappeda");
    e.from_phone = true;
    session.entries.push(e.into());
    let mut app = App::new(
        bimtek::domain::Lang::Id,
        time::OffsetDateTime::UNIX_EPOCH,
        1,
        PathBuf::new(),
    );
    update(
        &mut app,
        Action::SessionOpened {
            session: Box::new(session),
            path,
            read_only: false,
        },
    );
    let mut t = Terminal::new(TestBackend::new(112, 32)).expect("terminal");
    t.draw(|f| bimtek::ui::view(&app, f)).expect("draw");
    let shown = format!("{}", t.backend());
    assert!(shown.contains("Ani (Bappeda) · dari ponsel"), "{shown}");
}
