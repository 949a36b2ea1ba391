//! The phone page in a real browser: headless Chromium (Debian's `chromium`) opens the link,
//! an idea is typed and sent, and it is found in the session file — once with JavaScript on (the
//! page sends JSON without reloading) and once with JavaScript off (a plain form post). Chromium
//! is driven over the DevTools protocol on a pipe, so nothing but 127.0.0.1 is ever contacted.
//! Skipped, saying so, where /usr/bin/chromium is missing.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use bimtek::domain::StepKind;
use bimtek::room::{Config, Limits};
use bimtek::tui::room_link::Headless;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";

struct Browser {
    child: Child,
    input: ChildStdin,
    output: Receiver<Value>,
    next: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Chromium with the DevTools protocol on file descriptors 3 (to it) and 4 (from it),
    /// which a shell sets up from the pipes it is given.
    fn start() -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let script = format!(
            "exec 3<&0 4>&1 0</dev/null 1>/dev/null; exec {CHROMIUM} --headless --no-sandbox --disable-gpu \
             --disable-background-networking --disable-component-update --disable-sync --no-first-run \
             --no-default-browser-check --remote-debugging-pipe --user-data-dir='{}' about:blank",
            profile.path().display()
        );
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let input = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut buf = Vec::new();
            while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                buf.pop();
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(v).is_err()
                {
                    return;
                }
                buf.clear();
            }
        });
        Browser {
            child,
            input,
            output,
            next: 0,
            _profile: profile,
        }
    }

    /// Sends a command and waits for its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = msg.to_string().into_bytes();
        bytes.push(0);
        self.input.write_all(&bytes).expect("write to chromium");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self
                .output
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer from chromium to {method}"));
            if v["id"] == json!(id) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// A new tab, attached; returns its session id.
    fn tab(&mut self, javascript: bool) -> String {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().expect("target id").to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        let session = attached["sessionId"].as_str().expect("session id").to_string();
        if !javascript {
            self.call(
                Some(&session),
                "Emulation.setScriptExecutionDisabled",
                json!({"value": true}),
            );
        }
        session
    }

    fn eval(&mut self, session: &str, expr: &str) -> Value {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true}),
        );
        r["result"]["value"].clone()
    }

    fn wait_for(&mut self, session: &str, what: &str, expr: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.eval(session, expr) != json!(true) {
            let text = self.eval(session, "document.body ? document.body.innerText : ''");
            assert!(Instant::now() < deadline, "{what}; the page says: {text}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0u32);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).unwrap_or(0));
        }
    }
    out
}

fn session_file(dir: &Path) -> std::path::PathBuf {
    let mut s = bimtek::generate::session(20, 5);
    s.current_step = s
        .agenda
        .steps
        .iter()
        .position(|st| st.kind == StepKind::Pillar)
        .expect("a dimension step");
    let path = dir.join("sesi.ron");
    std::fs::write(&path, bimtek::store::to_ron(&s)).expect("write");
    path
}

fn send_from_browser(javascript: bool) {
    if !Path::new(CHROMIUM).exists() {
        println!("skipped: {CHROMIUM} is missing (apt-get install chromium)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = session_file(dir.path());
    let config = Config {
        bind: Some("127.0.0.1".parse().expect("ip")),
        port: 0,
        limits: Limits::default(),
    };
    let room = Headless::start(path.clone(), config).expect("room");
    let link = room.info.link();
    let mut browser = Browser::start();
    let tab = browser.tab(javascript);
    browser.call(Some(&tab), "Page.navigate", json!({"url": link}));
    browser.wait_for(
        &tab,
        "the phone page with its form",
        "document.readyState === 'complete' && !!document.getElementById('text')",
    );
    let text = if javascript {
        "Ruang tunggu puskesmas ber-AC (dikirim dengan JavaScript)"
    } else {
        "Papan informasi desa (dikirim tanpa JavaScript)"
    };
    browser.eval(
        &tab,
        &format!(
            "document.getElementById('text').value = {}; document.getElementById('name').value = 'Ani'; \
             document.getElementById('opd').value = 'Dinas Kesehatan'; \
             document.querySelector('#idea button').click(); true",
            json!(text)
        ),
    );
    browser.wait_for(
        &tab,
        "the page to say Terkirim with the text",
        &format!(
            "!!document.getElementById('note') && document.getElementById('note').innerText.includes('Terkirim') \
             && document.body.innerText.includes({})",
            json!(text)
        ),
    );
    // BIMTEK_SCREENSHOT_DIR=DIR keeps a picture of the phone after sending, to look at.
    if let Some(dir) = std::env::var_os("BIMTEK_SCREENSHOT_DIR") {
        let shot = browser.call(Some(&tab), "Page.captureScreenshot", json!({"format": "png"}));
        let png = base64(shot["data"].as_str().unwrap_or(""));
        let name = if javascript { "phone-js.png" } else { "phone-no-js.png" };
        std::fs::write(Path::new(&dir).join(name), png).expect("write screenshot");
    }
    // With JavaScript the page stayed where it was; without, the form was posted and answered.
    let posted = browser.eval(&tab, "window.location.pathname.endsWith('/ideas')");
    assert_eq!(posted, json!(!javascript), "how the idea was sent");
    // Told "Terkirim": it is in the file.
    let file = bimtek::store::load(&path).expect("load");
    let found: Vec<_> = file.ideas.iter().filter(|i| i.text == text).collect();
    assert_eq!(found.len(), 1, "{:?}", file.ideas);
    assert_eq!(found[0].name, "Ani");
    assert_eq!(found[0].opd, "Dinas Kesehatan");
    room.stop().expect("stop");
}

#[test]
fn an_idea_sent_from_chromium_with_javascript_is_in_the_file() {
    send_from_browser(true);
}

#[test]
fn an_idea_sent_from_chromium_without_javascript_is_in_the_file() {
    send_from_browser(false);
}
