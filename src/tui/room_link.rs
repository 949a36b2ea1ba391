//! The shell's side of the room: starts and stops the server, turns what phones send into
//! `Action`s, hands phones the session as it is after each change, and holds each answer until
//! the writer reports the version that contains its change on disk.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use tokio::sync::oneshot;

use crate::app::Mode;
use crate::app::panels::Panel;
use crate::app::room::{RoomAnswer, RoomInfo};
use crate::app::{Action, App, Effect, Screen, update};
use crate::domain::{Lang, Session};
use crate::i18n::{Strings, fill, strings};
use crate::room::{self, Config, Incoming, Server, StartError};
use crate::store::room_notice::{self, RoomNotice};
use crate::store::writer::Writer;

/// The longest the loop spends applying phones' requests before it looks at the keyboard and
/// draws again.
const BATCH_TIME: Duration = Duration::from_millis(4);

#[derive(Default)]
pub struct RoomLink {
    pub config: Config,
    server: Option<Server>,
    /// The link's secret and the join code, kept while the program runs, so a room stopped and
    /// started again keeps its link.
    codes: Option<(String, String)>,
    replies: HashMap<u64, oneshot::Sender<RoomAnswer>>,
    /// Answers waiting for the writer: the generation that must be on disk first.
    waiting: Vec<(u64, oneshot::Sender<RoomAnswer>, RoomAnswer)>,
    /// Requests received while waiting for a key.
    early: VecDeque<Incoming>,
    /// What the phones were last shown was built from the session as of this change.
    shown: Option<(OffsetDateTime, usize, usize)>,
    /// What the audience view was last told, beside which session file (see
    /// `store::room_notice`).
    announced: Option<(PathBuf, Option<RoomNotice>)>,
}

/// The message for a room that could not start.
pub fn start_message(tr: &Strings, e: &StartError) -> String {
    match e {
        StartError::PortInUse { port, free: Some(f) } => fill(
            &tr.room_err_port,
            &[("port", &port.to_string()), ("free", &f.to_string())],
        ),
        StartError::PortInUse { port, free: None } => fill(&tr.room_err_port_none, &[("port", &port.to_string())]),
        StartError::Other(e) => fill(&tr.room_err_start, &[("error", e)]),
    }
}

impl RoomLink {
    pub fn running(&self) -> bool {
        self.server.is_some()
    }

    pub fn start(&mut self, session: Option<&Session>, lang: Lang) -> Result<RoomInfo, String> {
        let tr = strings(lang);
        let Some(session) = session else {
            return Err(tr.flash_read_only.clone());
        };
        self.stop();
        let (token, join) = match &self.codes {
            Some(c) => c.clone(),
            None => {
                let codes = (room::secret()?, room::join_code()?);
                self.codes = Some(codes.clone());
                codes
            }
        };
        let server =
            Server::start(&self.config, token, join, room::view::views(session)).map_err(|e| start_message(tr, &e))?;
        let info = server.info.clone();
        self.server = Some(server);
        self.shown = Some(key(session));
        Ok(info)
    }

    /// Stops serving; phones still waiting are told to send again (their ideas are kept if
    /// they were saved, and a retry is recognised).
    pub fn stop(&mut self) {
        // The answers go first: the server, stopping, waits for the requests still open, and
        // each of those ends as soon as its answer is dropped.
        self.replies.clear();
        self.waiting.clear();
        self.early.clear();
        self.server = None;
    }

    fn receive(&mut self) {
        let Some(server) = &self.server else {
            return;
        };
        loop {
            match server.incoming.try_recv() {
                Ok(i) => self.early.push_back(i),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return,
            }
        }
    }

    /// Whether something needs the loop: a request arrived or an answer may go.
    pub fn has_news(&mut self, written: u64) -> bool {
        self.receive();
        !self.early.is_empty() || self.waiting.iter().any(|(g, _, _)| *g <= written)
    }

    /// Applies what phones sent since last asked, together (a group commit): the effects to
    /// carry out, with a single save for all of them, before their answers. Each answer then
    /// waits for that one save, not for a save of its own: in a burst, the ideas that arrive
    /// while the file is being written go into the next write together, so an answer waits at
    /// most about two writes, however many phones send at once.
    ///
    /// At most [`BATCH_TIME`] is spent applying them; the rest wait for the next turn of the
    /// loop, so a key pressed during a burst is read and drawn between two batches.
    pub fn apply_requests(&mut self, app: &mut App, now: OffsetDateTime) -> Vec<Effect> {
        self.receive();
        let started = Instant::now();
        let mut effects = Vec::new();
        let mut answers = Vec::new();
        let mut save = false;
        while started.elapsed() < BATCH_TIME {
            let Some(incoming) = self.early.pop_front() else {
                break;
            };
            self.replies.insert(incoming.request.ticket, incoming.reply);
            app.now = now;
            for effect in update(app, Action::Room(Box::new(incoming.request))) {
                match effect {
                    Effect::Save => save = true,
                    answer @ Effect::RoomAnswer { .. } => answers.push(answer),
                    other => effects.push(other),
                }
            }
        }
        if save {
            effects.push(Effect::Save);
        }
        effects.extend(answers);
        effects
    }

    /// An answer from `update`: sent now if it is a refusal or the change is on disk already,
    /// else once the writer reports generation `latest`.
    pub fn answer(&mut self, ticket: u64, answer: RoomAnswer, latest: u64, written: u64) {
        let Some(reply) = self.replies.remove(&ticket) else {
            return;
        };
        if !answer.needs_disk() || latest <= written {
            let _ = reply.send(answer);
        } else {
            self.waiting.push((latest, reply, answer));
        }
    }

    /// Sends the answers whose change is on disk.
    pub fn settle(&mut self, written: u64) {
        if self.waiting.is_empty() {
            return;
        }
        let (ready, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|(g, _, _)| *g <= written);
        self.waiting = rest;
        for (_, reply, answer) in ready {
            let _ = reply.send(answer);
        }
    }

    /// Hands phones the session as it is now, if it changed since they were last shown it.
    pub fn publish(&mut self, session: Option<&Session>) {
        let (Some(server), Some(session)) = (&self.server, session) else {
            return;
        };
        let now = key(session);
        if self.shown != Some(now) {
            self.shown = Some(now);
            server.publish(room::view::views(session));
        }
    }
}

impl RoomLink {
    /// Leaves the note for the audience view beside the open session while the room serves, and
    /// removes it once the room stops or the session closes. The first look at a session also
    /// removes a note a crashed bimtek left behind.
    pub fn announce(&mut self, app: &App) {
        let Some(open) = app.session().filter(|s| !s.read_only) else {
            self.withdraw();
            return;
        };
        let panel_open = matches!(&open.mode, Mode::Panel(p) if matches!(**p, Panel::Inbox(_)));
        let notice = app.room.as_ref().filter(|_| self.running()).map(|r| RoomNotice {
            addresses: r.addresses.clone(),
            chosen: r.chosen,
            token: r.token.clone(),
            join_code: r.join_code.clone(),
            panel_open,
        });
        if self
            .announced
            .as_ref()
            .is_some_and(|(path, was)| *path == open.path && *was == notice)
        {
            return;
        }
        if self.announced.as_ref().is_some_and(|(path, _)| *path != open.path) {
            self.withdraw();
        }
        match &notice {
            Some(n) => {
                if let Err(e) = room_notice::write(&open.path, n) {
                    // The audience view then shows no code; the room itself serves on.
                    log::warn!("room note beside {} not written: {e}", open.path.display());
                }
            }
            None => room_notice::remove(&open.path),
        }
        self.announced = Some((open.path.clone(), notice));
    }

    fn withdraw(&mut self) {
        if let Some((path, Some(_))) = self.announced.take() {
            room_notice::remove(&path);
        }
    }
}

impl Drop for RoomLink {
    fn drop(&mut self) {
        self.stop();
        self.withdraw();
    }
}

/// What decides whether phones need a new view: every change stamps `updated`; moving between
/// steps does not, nor does a language switch.
fn key(session: &Session) -> (OffsetDateTime, usize, usize) {
    (session.updated, session.current_step, session.votes.len())
}

/// The writable session on screen, if any.
pub fn writable(app: &App) -> Option<&Session> {
    app.session().filter(|s| !s.read_only).map(|s| &s.session)
}

/// A facilitator's action whose frame is timed: sent at `sent`, answered with the time from then
/// until a frame showing it was drawn.
type Probe = (Action, Instant, mpsc::Sender<Duration>);

/// The room served without a terminal, for tests and benchmarks: the session opened as on
/// screen, the same `update`, writer and answers-after-saving as the interactive app.
pub struct Headless {
    pub info: RoomInfo,
    stop: Arc<AtomicBool>,
    actions: mpsc::Sender<Action>,
    probes: mpsc::Sender<Probe>,
    thread: Option<JoinHandle<Result<(), String>>>,
}

impl Headless {
    /// Opens the session file (taking its lock) and serves it with `config`.
    pub fn start(path: PathBuf, config: Config) -> Result<Headless, String> {
        let session = crate::store::load(&path).map_err(|e| e.describe(strings(Lang::Id)))?;
        let lock =
            crate::store::SessionLock::acquire(&path, OffsetDateTime::now_utc()).map_err(|e| format!("{e:?}"))?;
        let (ready_tx, ready_rx) = mpsc::channel();
        let (actions, actions_rx) = mpsc::channel::<Action>();
        let (probes, probes_rx) = mpsc::channel::<Probe>();
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let _lock = lock;
            let mut app = App::new(Lang::Id, OffsetDateTime::now_utc(), 7, PathBuf::new());
            update(
                &mut app,
                Action::SessionOpened {
                    session: Box::new(session),
                    path,
                    read_only: false,
                },
            );
            let mut writer = Writer::spawn(super::session_writer()).map_err(|e| e.to_string())?;
            let mut link = RoomLink::default();
            link.config = config;
            let started = link.start(writable(&app), Lang::Id);
            let _ = ready_tx.send(started.clone());
            app.room = Some(started?);
            let mut frame =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).map_err(|e| e.to_string())?;
            while !stop_flag.load(Ordering::Relaxed) {
                let mut actions: Vec<Action> = actions_rx.try_iter().collect();
                let timed: Vec<(Instant, mpsc::Sender<Duration>)> = probes_rx
                    .try_iter()
                    .map(|(action, sent, answer)| {
                        actions.push(action);
                        (sent, answer)
                    })
                    .collect();
                let mut batches: Vec<Vec<Effect>> = actions
                    .into_iter()
                    .map(|action| {
                        app.now = OffsetDateTime::now_utc();
                        update(&mut app, action)
                    })
                    .collect();
                batches.push(link.apply_requests(&mut app, OffsetDateTime::now_utc()));
                for mut pending in batches {
                    while !pending.is_empty() {
                        for effect in std::mem::take(&mut pending) {
                            match effect {
                                Effect::Save => {
                                    if let Screen::Session(s) = &app.screen {
                                        writer.request(&s.path, &s.session);
                                    }
                                }
                                Effect::RoomAnswer { ticket, answer } => {
                                    link.answer(ticket, answer, writer.latest(), writer.written());
                                }
                                _ => {}
                            }
                        }
                    }
                }
                link.publish(writable(&app));
                link.settle(writer.written());
                if !timed.is_empty() {
                    // As the terminal would: a frame after the batch, here on a test backend.
                    let _ = frame.draw(|f| crate::ui::view(&app, f));
                    for (sent, answer) in timed {
                        let _ = answer.send(sent.elapsed());
                    }
                }
                if !link.has_news(writer.written()) {
                    std::thread::sleep(Duration::from_millis(2));
                }
            }
            link.stop();
            writer.flush();
            Ok(())
        });
        let info = ready_rx.recv().map_err(|_| "the room thread ended".to_string())??;
        Ok(Headless {
            info,
            stop,
            actions,
            probes,
            thread: Some(thread),
        })
    }

    /// Acts as the facilitator would (a key, for instance).
    pub fn act(&self, action: Action) {
        let _ = self.actions.send(action);
    }

    /// Acts as the facilitator would and waits for the frame that shows it: returns the time
    /// from the action to that frame (drawn at 120×40), in the same loop that serves the room.
    pub fn act_and_draw(&self, action: Action) -> Option<Duration> {
        let (tx, rx) = mpsc::channel();
        self.probes.send((action, Instant::now(), tx)).ok()?;
        rx.recv().ok()
    }

    /// Stops serving and waits until everything is on disk.
    pub fn stop(mut self) -> Result<(), String> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().map_or(Ok(()), |t| {
            t.join().unwrap_or_else(|_| Err("the room thread panicked".into()))
        })
    }
}

impl Drop for Headless {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
