//! The room under a burst: 200 phones send 10 ideas each at once over loopback, to a session
//! with 10,000 entries open. Every idea must be in the file exactly once afterwards; the figure
//! is the time from a POST to its answer, which is given only once the idea is on disk.
//!
//! A process-level benchmark (not criterion): one burst is the measurement. Run it with
//! `cargo bench --bench room`. Beside it, keystroke to frame: an arrow key handed to the loop
//! that also serves the room, timed until the frame that shows it is drawn (on a test backend,
//! 120×40), once with the room idle and again while the burst runs.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bimtek::app::Action;
use bimtek::domain::StepKind;
use bimtek::room::{Config, Limits};
use bimtek::tui::room_link::Headless;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PHONES: usize = 200;
const IDEAS: usize = 10;
const ENTRIES: usize = 10_000;

fn http(host: &str, path: &str, cookie: Option<&str>, body: Option<&str>) -> (u16, String, String) {
    let mut s = TcpStream::connect(host).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    let method = if body.is_some() { "POST" } else { "GET" };
    let body = body.unwrap_or("");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(c) = cookie {
        req.push_str(&format!("Cookie: {c}\r\n"));
    }
    if method == "POST" {
        req.push_str("Content-Type: application/json\r\n");
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).expect("write");
    let mut raw = String::new();
    let _ = s.read_to_string(&mut raw);
    let status = raw.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let cookie = raw
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .and_then(|l| l.split_once(':'))
        .and_then(|(_, v)| v.trim().split(';').next())
        .unwrap_or("")
        .to_string();
    (status, cookie, raw)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut session = bimtek::generate::session(ENTRIES, 11);
    session.current_step = session
        .agenda
        .steps
        .iter()
        .position(|s| s.kind == StepKind::Pillar)
        .expect("a dimension step");
    let path = dir.path().join("bench.ron");
    std::fs::write(&path, bimtek::store::to_ron(&session)).expect("write");
    let config = Config {
        bind: Some("127.0.0.1".parse().expect("ip")),
        port: 0,
        limits: Limits {
            // Every simulated phone shares 127.0.0.1; on a hotspot each has its own address.
            posts_per_minute_per_address: 100_000,
            ..Limits::default()
        },
    };
    let room = Headless::start(path.clone(), config).expect("room");
    let host = room.info.address().trim_start_matches("http://").to_string();
    let token = room.info.token.clone();
    let cookies: Vec<String> = (0..PHONES)
        .map(|_| http(&host, &format!("/{token}"), None, None).1)
        .collect();
    let key = |i: usize| {
        let code = if i.is_multiple_of(2) {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
    };
    let mut idle: Vec<Duration> = (0..100).filter_map(|i| room.act_and_draw(key(i))).collect();
    let bursting = AtomicBool::new(true);
    let started = Instant::now();
    let (answers, mut busy): (Vec<(Duration, u32)>, Vec<Duration>) = std::thread::scope(|scope| {
        let keys = scope.spawn(|| {
            let mut times = Vec::new();
            let mut i = 0;
            while bursting.load(Ordering::Relaxed) {
                if let Some(t) = room.act_and_draw(key(i)) {
                    times.push(t);
                }
                i += 1;
                // About a key every 20 ms, a fast typist's pace.
                std::thread::sleep(Duration::from_millis(20));
            }
            times
        });
        let handles: Vec<_> = cookies
            .iter()
            .enumerate()
            .map(|(p, cookie)| {
                let (host, token) = (&host, &token);
                scope.spawn(move || {
                    (0..IDEAS)
                        .map(|i| {
                            let body = format!(r#"{{"id":"p{p}-i{i}","text":"Usulan {i} dari ponsel {p}"}}"#);
                            let t = Instant::now();
                            // As a phone does: a "send again" (503) is sent again with the same id.
                            let mut tries = 0;
                            loop {
                                tries += 1;
                                let (status, _, raw) =
                                    http(host, &format!("/{token}/ideas"), Some(cookie), Some(&body));
                                match status {
                                    200 | 201 => break,
                                    503 if tries < 5 => continue,
                                    _ => panic!("{raw}"),
                                }
                            }
                            (t.elapsed(), tries - 1)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let answers = handles.into_iter().flat_map(|h| h.join().expect("phone")).collect();
        bursting.store(false, Ordering::Relaxed);
        (answers, keys.join().expect("keys"))
    });
    let total = started.elapsed();
    let retries: u32 = answers.iter().map(|a| a.1).sum();
    let mut times: Vec<Duration> = answers.iter().map(|a| a.0).collect();
    room.stop().expect("stop");
    let file = bimtek::store::load(&path).expect("load");
    let mut ids: Vec<&str> = file.ideas.iter().map(|i| i.client_id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(n, PHONES * IDEAS, "every idea in the file");
    assert_eq!(ids.len(), n, "each exactly once");
    times.sort_unstable();
    idle.sort_unstable();
    busy.sort_unstable();
    let pct_of = |times: &[Duration], p: f64| {
        if times.is_empty() {
            return f64::NAN;
        }
        let i = ((times.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(times.len() - 1);
        times[i].as_secs_f64() * 1000.0
    };
    let pct = |p: f64| Duration::from_secs_f64(pct_of(&times, p) / 1000.0);
    println!(
        "room burst: {PHONES} phones x {IDEAS} ideas, {ENTRIES} entries open: all {n} in the file once; \
         {:.1} s in all; first POST to answer p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {retries} sent again",
        total.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
    );
    println!(
        "keystroke to frame (120x40): idle p50 {:.2} ms, p99 {:.2} ms ({} keys); during the burst p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} keys)",
        pct_of(&idle, 0.5),
        pct_of(&idle, 0.99),
        idle.len(),
        pct_of(&busy, 0.5),
        pct_of(&busy, 0.99),
        pct_of(&busy, 1.0),
        busy.len(),
    );
}
