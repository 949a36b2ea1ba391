//! The room: a small web server on the venue network (the laptop's hotspot, the hotel's Wi-Fi, a
//! pocket router) through which participants send ideas and votes from their phones, without
//! internet. It runs on a thread of its own with its own runtime, so the screen never waits for
//! it; it never touches the session: each request goes to the shell as an `Incoming`, becomes an
//! `Action`, and its answer comes back only once the writer has the change on disk.
//!
//! An open hotspot is hostile: the link carries a 128-bit secret, the `Host` header must be an
//! address served (DNS rebinding), changes come only by POST with a JSON body (which a foreign
//! page cannot send without a CORS preflight this server never answers) or a form with the
//! device's CSRF token, bodies are capped, phones and addresses are rate-limited, and no file is
//! ever served from disk.

pub mod addresses;
pub mod page;
pub mod view;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::{oneshot, watch};

use crate::app::room::{Refusal, RoomAnswer, RoomBody, RoomInfo, RoomRequest};
use crate::domain::Lang;
use crate::domain::idea::{IdeaForm, IdeaRefusal};
use view::{PhoneView, Views, lang_index};

/// Largest request body: an idea is at most 1,000 characters.
pub const MAX_BODY: usize = 16 * 1024;
/// The port tried first.
pub const DEFAULT_PORT: u16 = 8080;
/// How long a phone waits for its idea to be on disk before it is told to send again.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(15);
const DEVICE_COOKIE: &str = "bimtek_device";

/// Limits that keep one phone (or one address) from flooding the room.
#[derive(Debug, Clone)]
pub struct Limits {
    pub ideas_per_minute: u32,
    pub votes_per_minute: u32,
    /// All posts from one network address (a phone, or many behind one router).
    pub posts_per_minute_per_address: u32,
    pub max_devices: usize,
    /// Join codes tried on the landing page, per address.
    pub joins_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            ideas_per_minute: 10,
            votes_per_minute: 60,
            posts_per_minute_per_address: 120,
            max_devices: 500,
            joins_per_minute: 10,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Listen on this address only; all of the laptop's addresses when `None`.
    pub bind: Option<IpAddr>,
    pub port: u16,
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: None,
            port: DEFAULT_PORT,
            limits: Limits::default(),
        }
    }
}

/// A request from a phone for the shell, with where its answer goes.
pub struct Incoming {
    pub request: RoomRequest,
    pub reply: oneshot::Sender<RoomAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartError {
    /// The port is taken; `free` is one nearby that is not.
    PortInUse {
        port: u16,
        free: Option<u16>,
    },
    Other(String),
}

/// The running server. Dropping it stops it.
pub struct Server {
    pub info: RoomInfo,
    pub incoming: mpsc::Receiver<Incoming>,
    views: watch::Sender<Arc<Views>>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// 128 random bits from the operating system, as 26 base-32 letters and digits.
pub fn secret() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(base32(&bytes))
}

fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

/// A join code: five characters without look-alikes (no 0/O, 1/I/L).
pub fn join_code() -> Result<String, String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 5];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect())
}

/// A port near `port` that nobody listens on, to offer instead.
fn free_port(ip: IpAddr, port: u16) -> Option<u16> {
    (1..=50u16)
        .filter_map(|d| port.checked_add(d))
        .find(|p| TcpListener::bind((ip, *p)).is_ok())
}

impl Server {
    /// Binds the port (so a port in use is known at once) and starts serving on a thread.
    pub fn start(config: &Config, token: String, join: String, views: Views) -> Result<Server, StartError> {
        let listen_ip = config.bind.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let listener = match TcpListener::bind((listen_ip, config.port)) {
            Ok(l) => l,
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                return Err(StartError::PortInUse {
                    port: config.port,
                    free: free_port(listen_ip, config.port),
                });
            }
            Err(e) => return Err(StartError::Other(e.to_string())),
        };
        let port = listener
            .local_addr()
            .map_err(|e| StartError::Other(e.to_string()))?
            .port();
        listener
            .set_nonblocking(true)
            .map_err(|e| StartError::Other(e.to_string()))?;
        let ips = addresses::serving(config.bind);
        let info = RoomInfo {
            addresses: ips
                .iter()
                .map(|ip| format!("http://{}", host_port(*ip, port)))
                .collect(),
            chosen: 0,
            token: token.clone(),
            join_code: join.clone(),
        };
        let mut hosts: Vec<String> = ips.iter().map(|ip| host_port(*ip, port)).collect();
        if listen_ip.is_unspecified() || listen_ip.is_loopback() {
            hosts.push(format!("localhost:{port}"));
            hosts.push(format!("127.0.0.1:{port}"));
        }
        let (tx, incoming) = mpsc::channel();
        let (views_tx, views_rx) = watch::channel(Arc::new(views));
        let shared = Arc::new(Shared {
            token,
            join,
            hosts,
            tx: Mutex::new(tx),
            views: views_rx,
            devices: Mutex::new(HashMap::new()),
            posts: Mutex::new(HashMap::new()),
            joins: Mutex::new(HashMap::new()),
            tickets: AtomicU64::new(0),
            limits: config.limits.clone(),
        });
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| StartError::Other(e.to_string()))?;
        let thread = std::thread::Builder::new()
            .name("bimtek-room".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let app = Router::new()
                        .fallback(handle)
                        .layer(DefaultBodyLimit::max(MAX_BODY))
                        .with_state(shared);
                    let service = app.into_make_service_with_connect_info::<SocketAddr>();
                    let _ = axum::serve(listener, service)
                        .with_graceful_shutdown(async move {
                            let _ = stop_rx.await;
                        })
                        .await;
                });
            })
            .map_err(|e| StartError::Other(e.to_string()))?;
        Ok(Server {
            info,
            incoming,
            views: views_tx,
            shutdown: Some(stop_tx),
            thread: Some(thread),
        })
    }

    /// What phones see from now on.
    pub fn publish(&self, views: Views) {
        self.views.send_replace(Arc::new(views));
    }

    /// The port served on.
    pub fn port(&self) -> Option<u16> {
        self.info.address().rsplit(':').next().and_then(|p| p.parse().ok())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        // Requests still open end as their answers are dropped (the phone is told to send
        // again); those arriving while the server winds down are dropped here as they come.
        if let Some(thread) = self.thread.take() {
            while !thread.is_finished() {
                while self.incoming.try_recv().is_ok() {}
                std::thread::sleep(Duration::from_millis(5));
            }
            let _ = thread.join();
        }
    }
}

fn host_port(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{v4}:{port}"),
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
    }
}

/// A token bucket: `per_minute` at once, refilled evenly over a minute.
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn new(per_minute: u32) -> Bucket {
        Bucket {
            tokens: f64::from(per_minute),
            at: Instant::now(),
        }
    }

    fn take(&mut self, per_minute: u32) -> bool {
        let now = Instant::now();
        let rate = f64::from(per_minute) / 60.0;
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * rate).min(f64::from(per_minute));
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

struct Device {
    csrf: String,
    ideas: Bucket,
    votes: Bucket,
}

struct Shared {
    token: String,
    join: String,
    /// `Host` values accepted: the addresses served, with the port.
    hosts: Vec<String>,
    tx: Mutex<mpsc::Sender<Incoming>>,
    views: watch::Receiver<Arc<Views>>,
    devices: Mutex<HashMap<String, Device>>,
    posts: Mutex<HashMap<IpAddr, Bucket>>,
    joins: Mutex<HashMap<IpAddr, Bucket>>,
    tickets: AtomicU64,
    limits: Limits,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Compares without stopping at the first difference, so timing tells nothing of the token.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn with_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; \
             form-action 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    response
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "").into_response()
}

fn json(status: StatusCode, value: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        value.to_string(),
    )
        .into_response()
}

fn html(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn query_lang(uri: &Uri) -> Lang {
    let en = uri.query().is_some_and(|q| q.split('&').any(|kv| kv == "lang=en"));
    if en { Lang::En } else { Lang::Id }
}

#[derive(Debug, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
    Other,
}

fn body_kind(headers: &HeaderMap) -> BodyKind {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match ct.as_str() {
        "application/json" => BodyKind::Json,
        "application/x-www-form-urlencoded" => BodyKind::Form,
        _ => BodyKind::Other,
    }
}

/// Every request comes here: the few paths are matched by hand, so anything else, `../` and
/// all, is a plain 404, and nothing is ever looked up on disk.
async fn handle(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !shared.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return with_headers((StatusCode::MISDIRECTED_REQUEST, "").into_response());
    }
    let lang = query_lang(&uri);
    let path = uri.path();
    let response = match (method.clone(), path) {
        (Method::GET, "/") => html(StatusCode::OK, page::landing(lang, None)),
        (Method::POST, "/join") => join(&shared, peer.ip(), &headers, &body, lang),
        _ => {
            let rest = path.strip_prefix('/').unwrap_or("");
            let (token, tail) = rest.split_once('/').unwrap_or((rest, ""));
            if !same_secret(token, &shared.token) {
                return with_headers(not_found());
            }
            match (method, tail) {
                (Method::GET, "") => phone_page(&shared, &headers, lang),
                (Method::GET, "state") => state(&shared, &headers, lang),
                (Method::POST, "ideas") => post(&shared, peer.ip(), &headers, &body, lang, Post::Idea).await,
                (Method::POST, "votes") => post(&shared, peer.ip(), &headers, &body, lang, Post::Vote).await,
                (_, "" | "state" | "ideas" | "votes") => (StatusCode::METHOD_NOT_ALLOWED, "").into_response(),
                _ => not_found(),
            }
        }
    };
    with_headers(response)
}

fn join(shared: &Shared, ip: IpAddr, headers: &HeaderMap, body: &[u8], lang: Lang) -> Response {
    let allowed = lock(&shared.joins)
        .entry(ip)
        .or_insert_with(|| Bucket::new(shared.limits.joins_per_minute))
        .take(shared.limits.joins_per_minute);
    if !allowed {
        let tr = crate::i18n::strings(lang);
        return html(
            StatusCode::TOO_MANY_REQUESTS,
            page::landing(lang, Some(&tr.landing_slow)),
        );
    }
    #[derive(Deserialize)]
    struct Join {
        #[serde(default)]
        code: String,
    }
    let code = match body_kind(headers) {
        BodyKind::Form => serde_urlencoded::from_bytes::<Join>(body)
            .map(|j| j.code)
            .unwrap_or_default(),
        _ => return (StatusCode::UNSUPPORTED_MEDIA_TYPE, "").into_response(),
    };
    let typed: String = code.trim().to_ascii_uppercase();
    if same_secret(&typed, &shared.join) {
        let to = match lang {
            Lang::En => format!("/{}?lang=en", shared.token),
            Lang::Id => format!("/{}", shared.token),
        };
        return (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
    }
    let tr = crate::i18n::strings(lang);
    html(StatusCode::OK, page::landing(lang, Some(&tr.landing_wrong)))
}

/// The device a request comes from, if its cookie is one this room gave out.
fn known_device(shared: &Shared, headers: &HeaderMap) -> Option<(String, String)> {
    let id = cookie(headers, DEVICE_COOKIE)?;
    let devices = lock(&shared.devices);
    devices.get(&id).map(|d| (id.clone(), d.csrf.clone()))
}

fn views(shared: &Shared) -> Arc<Views> {
    Arc::clone(&shared.views.borrow())
}

fn phone_page(shared: &Shared, headers: &HeaderMap, lang: Lang) -> Response {
    let (device, csrf, new) = match known_device(shared, headers) {
        Some((d, c)) => (d, c, false),
        None => {
            let mut devices = lock(&shared.devices);
            if devices.len() >= shared.limits.max_devices {
                return (StatusCode::SERVICE_UNAVAILABLE, "").into_response();
            }
            let (Ok(id), Ok(csrf)) = (secret(), secret()) else {
                return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
            };
            devices.insert(
                id.clone(),
                Device {
                    csrf: csrf.clone(),
                    ideas: Bucket::new(shared.limits.ideas_per_minute),
                    votes: Bucket::new(shared.limits.votes_per_minute),
                },
            );
            (id, csrf, true)
        }
    };
    let views = views(shared);
    let view = &views[lang_index(lang)];
    let body = page::phone(lang, &shared.token, &csrf, view, &device, None);
    let mut response = html(StatusCode::OK, body);
    if new {
        let value = format!("{DEVICE_COOKIE}={device}; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400");
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    response
}

/// The step, its headings and kinds, the open round and the device's dots left.
pub fn state_json(view: &PhoneView, device: Option<&str>) -> serde_json::Value {
    let mut value = serde_json::to_value(view).unwrap_or_default();
    if let (Some(round), Some(obj)) = (&view.round, value.as_object_mut()) {
        let spent = device.map_or(0, |d| round.spent(d));
        obj.insert("remaining".into(), round.budget.saturating_sub(spent).into());
        let mine = device
            .and_then(|d| round.mine.get(d))
            .map(|m| serde_json::to_value(m).unwrap_or_default())
            .unwrap_or_else(|| serde_json::json!({}));
        obj.insert("mine".into(), mine);
    }
    value
}

fn state(shared: &Shared, headers: &HeaderMap, lang: Lang) -> Response {
    let device = known_device(shared, headers).map(|(d, _)| d);
    let views = views(shared);
    json(StatusCode::OK, state_json(&views[lang_index(lang)], device.as_deref()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Post {
    Idea,
    Vote,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct VoteForm {
    entry: String,
    take_back: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Csrf {
    csrf: String,
}

/// A refusal's code for the JSON API, and the status it goes with.
fn refusal_code(r: Refusal) -> (StatusCode, &'static str) {
    match r {
        Refusal::Idea(IdeaRefusal::NoId) => (StatusCode::UNPROCESSABLE_ENTITY, "no_id"),
        Refusal::Idea(IdeaRefusal::NoText) => (StatusCode::UNPROCESSABLE_ENTITY, "no_text"),
        Refusal::Idea(IdeaRefusal::TooLong) => (StatusCode::UNPROCESSABLE_ENTITY, "too_long"),
        Refusal::Idea(IdeaRefusal::BadKind) => (StatusCode::UNPROCESSABLE_ENTITY, "bad_kind"),
        Refusal::Idea(IdeaRefusal::BadHeading) => (StatusCode::UNPROCESSABLE_ENTITY, "bad_heading"),
        Refusal::Idea(IdeaRefusal::Closed) | Refusal::Closed => (StatusCode::CONFLICT, "closed"),
        Refusal::Idea(IdeaRefusal::Blocked) => (StatusCode::FORBIDDEN, "blocked"),
        Refusal::NoRound => (StatusCode::CONFLICT, "no_round"),
        Refusal::OverBudget => (StatusCode::CONFLICT, "over_budget"),
        Refusal::NoStacking => (StatusCode::CONFLICT, "no_stacking"),
        Refusal::NotACandidate => (StatusCode::UNPROCESSABLE_ENTITY, "not_a_candidate"),
        Refusal::NothingToTake => (StatusCode::CONFLICT, "nothing_to_take"),
    }
}

async fn post(shared: &Shared, ip: IpAddr, headers: &HeaderMap, body: &[u8], lang: Lang, what: Post) -> Response {
    let kind = body_kind(headers);
    if kind == BodyKind::Other {
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, "").into_response();
    }
    let Some((device, csrf)) = known_device(shared, headers) else {
        return json(StatusCode::FORBIDDEN, serde_json::json!({"error": "device"}));
    };
    if kind == BodyKind::Form {
        let sent = serde_urlencoded::from_bytes::<Csrf>(body).unwrap_or_default();
        if !same_secret(&sent.csrf, &csrf) {
            return (StatusCode::FORBIDDEN, "").into_response();
        }
    }
    let parsed = match (what, &kind) {
        (Post::Idea, BodyKind::Json) => serde_json::from_slice::<IdeaForm>(body).map(RoomBody::Idea).ok(),
        (Post::Idea, _) => serde_urlencoded::from_bytes::<IdeaForm>(body).map(RoomBody::Idea).ok(),
        (Post::Vote, BodyKind::Json) => serde_json::from_slice::<VoteForm>(body)
            .map(|v| RoomBody::Vote {
                entry: v.entry,
                take_back: v.take_back,
            })
            .ok(),
        (Post::Vote, _) => serde_urlencoded::from_bytes::<VoteForm>(body)
            .map(|v| RoomBody::Vote {
                entry: v.entry,
                take_back: v.take_back,
            })
            .ok(),
    };
    let Some(request_body) = parsed else {
        return json(StatusCode::BAD_REQUEST, serde_json::json!({"error": "bad_body"}));
    };
    let per_address = shared.limits.posts_per_minute_per_address;
    let address_ok = lock(&shared.posts)
        .entry(ip)
        .or_insert_with(|| Bucket::new(per_address))
        .take(per_address);
    let device_ok = {
        let mut devices = lock(&shared.devices);
        match devices.get_mut(&device) {
            Some(d) if what == Post::Idea => d.ideas.take(shared.limits.ideas_per_minute),
            Some(d) => d.votes.take(shared.limits.votes_per_minute),
            None => false,
        }
    };
    let form = kind == BodyKind::Form;
    if !address_ok || !device_ok {
        let tr = crate::i18n::strings(lang);
        return reply_page(
            shared,
            lang,
            &csrf,
            &device,
            form,
            StatusCode::TOO_MANY_REQUESTS,
            "slow",
            &tr.phone_refused_slow,
        );
    }
    let ticket = shared.tickets.fetch_add(1, Ordering::Relaxed) + 1;
    let (reply, answer) = oneshot::channel();
    let request = RoomRequest {
        ticket,
        device: device.clone(),
        body: request_body,
    };
    if lock(&shared.tx).send(Incoming { request, reply }).is_err() {
        return (StatusCode::SERVICE_UNAVAILABLE, "").into_response();
    }
    let tr = crate::i18n::strings(lang);
    let answer = match tokio::time::timeout(ANSWER_TIMEOUT, answer).await {
        Ok(Ok(a)) => a,
        // Not known to be on disk: the phone keeps the idea and sends it again (same id).
        _ => {
            return reply_page(
                shared,
                lang,
                &csrf,
                &device,
                form,
                StatusCode::SERVICE_UNAVAILABLE,
                "retry",
                &tr.phone_retry,
            );
        }
    };
    if form {
        return form_answer(shared, lang, &csrf, &device, &answer);
    }
    match answer {
        RoomAnswer::Stored { id, text } => json(StatusCode::CREATED, serde_json::json!({"id": id, "text": text})),
        RoomAnswer::Again { id, text } => json(StatusCode::OK, serde_json::json!({"id": id, "text": text})),
        RoomAnswer::Voted { remaining } => json(StatusCode::OK, serde_json::json!({"remaining": remaining})),
        RoomAnswer::Refused(r) => {
            let (status, code) = refusal_code(r);
            json(status, serde_json::json!({"error": code}))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn reply_page(
    shared: &Shared,
    lang: Lang,
    csrf: &str,
    device: &str,
    form: bool,
    status: StatusCode,
    code: &str,
    message: &str,
) -> Response {
    if !form {
        return json(status, serde_json::json!({"error": code}));
    }
    let views = views(shared);
    let note = page::Note::Problem(message.to_string());
    html(
        status,
        page::phone(lang, &shared.token, csrf, &views[lang_index(lang)], device, Some(&note)),
    )
}

/// After a plain form post (JavaScript off): the page again, saying what became of it.
fn form_answer(shared: &Shared, lang: Lang, csrf: &str, device: &str, answer: &RoomAnswer) -> Response {
    let tr = crate::i18n::strings(lang);
    let (status, note) = match answer {
        RoomAnswer::Stored { text, .. } => (StatusCode::CREATED, page::Note::Sent(text.clone())),
        RoomAnswer::Again { text, .. } => (StatusCode::OK, page::Note::Sent(text.clone())),
        RoomAnswer::Voted { .. } => (StatusCode::OK, page::Note::Done(tr.phone_vote_done.clone())),
        RoomAnswer::Refused(r) => (refusal_code(*r).0, page::Note::Problem(page::refusal_text(tr, *r))),
    };
    let views = views(shared);
    html(
        status,
        page::phone(lang, &shared.token, csrf, &views[lang_index(lang)], device, Some(&note)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_128_bits_and_codes_have_no_look_alikes() {
        let a = secret().expect("random");
        assert_eq!(a.len(), 26, "26 base-32 characters hold 128 bits");
        assert_ne!(a, secret().expect("random"));
        for _ in 0..50 {
            let code = join_code().expect("random");
            assert_eq!(code.len(), 5);
            assert!(!code.contains(['0', 'O', '1', 'I']), "{code}");
        }
    }

    #[test]
    fn a_bucket_lets_a_burst_through_then_refuses() {
        let mut b = Bucket::new(10);
        assert!((0..10).all(|_| b.take(10)));
        assert!(!b.take(10));
    }
}
