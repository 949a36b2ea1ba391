//! Saving off the input path. Serialising and writing a large session takes longer than a frame
//! (a quarter of a second at 100,000 entries), so the open session is written by a thread of its
//! own: every change hands it the newest version (a cheap copy: entries are shared), it writes
//! the newest it has whenever it is free, and versions asked for while it was busy are folded
//! into the next write. A version counts as saved only once the thread reports that it is on
//! disk (written, fsynced and renamed into place), so the screen's "saved" keeps its meaning.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, TryLockError};
use std::thread::JoinHandle;

use crate::domain::{OsError, Session};

/// The name of the writer thread; the panic hook looks for it (see [`is_writer_thread`]).
const THREAD_NAME: &str = "bimtek-writer";

/// How one version went: `generation` is the number [`Writer::request`] gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub generation: u64,
    pub result: Result<(), OsError>,
}

/// A version of the session that is not known to be on disk.
pub struct Unsaved {
    pub path: PathBuf,
    pub session: Session,
}

/// What [`Watch::peek`] saw.
pub enum Peek {
    /// The state was locked at that moment.
    Busy,
    /// Everything asked for is on disk: the session's file, if one is open.
    Clean(Option<PathBuf>),
    Unsaved(Box<Unsaved>),
}

/// What writes a version: in the app, a backup of the file on disk and then the new text.
pub type SaveFn = dyn Fn(&Path, &Session) -> Result<(), OsError> + Send + Sync;

struct Version {
    path: PathBuf,
    session: Session,
    generation: u64,
}

#[derive(Default)]
struct State {
    /// The newest version asked for (kept after it is written, for [`Watch::unsaved`]).
    latest: Option<Arc<Version>>,
    /// The generation of the newest version the thread has taken to write.
    taken: u64,
    /// The generation of the newest version the thread has finished with.
    finished: u64,
    /// The generation of the newest version on disk.
    written: u64,
    /// The outcome of the newest version the thread finished with.
    last: Option<Report>,
    /// Asked to end (the writer is dropped).
    stop: bool,
    /// The thread has ended (by `stop`, or by a panic): nothing more will be written.
    ended: bool,
}

impl State {
    fn latest_generation(&self) -> u64 {
        self.latest.as_ref().map_or(0, |v| v.generation)
    }

    fn idle(&self) -> bool {
        self.taken == self.latest_generation() && self.finished == self.taken
    }
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when there is a version to write, when the thread becomes idle, and on stop.
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves the state as consistent as ever: every
        // change to it is a single assignment.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The writer thread and the reports it sends.
pub struct Writer {
    shared: Arc<Shared>,
    reports: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
    next_generation: u64,
}

/// A handle for the panic hook and the watchdog: what is not yet on disk.
#[derive(Clone)]
pub struct Watch(Arc<Shared>);

impl Writer {
    pub fn spawn(save: Box<SaveFn>) -> std::io::Result<Writer> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let (tx, reports) = mpsc::channel();
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn(move || work(&for_thread, &*save, &tx))?;
        Ok(Writer {
            shared,
            reports,
            thread: Some(thread),
            next_generation: 0,
        })
    }

    /// Asks for this version of the session to be written to `path`; returns its generation.
    /// Costs a copy of the session's top level (entries are shared), never a write.
    pub fn request(&mut self, path: &Path, session: &Session) -> u64 {
        self.next_generation += 1;
        let generation = self.next_generation;
        let version = Arc::new(Version {
            path: path.to_path_buf(),
            session: session.clone(),
            generation,
        });
        let old = {
            let mut state = self.shared.lock();
            state.latest.replace(version)
        };
        self.shared.changed.notify_all();
        // The replaced version is dropped outside the lock, so the thread never waits for it.
        drop(old);
        generation
    }

    /// The generation of the newest version asked for.
    pub fn latest(&self) -> u64 {
        self.next_generation
    }

    /// The generation of the newest version known to be on disk.
    pub fn written(&self) -> u64 {
        self.shared.lock().written
    }

    /// The newest report that has arrived, without waiting.
    pub fn try_report(&self) -> Option<Report> {
        self.reports.try_iter().last()
    }

    /// Whether a version is waiting or being written.
    pub fn busy(&self) -> bool {
        !self.shared.lock().idle()
    }

    /// Waits until every version asked for has been dealt with, and returns how the newest went
    /// (`None` if nothing was ever asked for). Reports waiting in the channel are consumed.
    pub fn flush(&self) -> Option<Report> {
        let mut state = self.shared.lock();
        while !state.idle() && !state.ended {
            state = self
                .shared
                .changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        let last = state.last.clone();
        drop(state);
        while self.reports.try_recv().is_ok() {}
        last
    }

    /// Forgets the session (it was closed or replaced) once what was asked for is dealt with:
    /// nothing of it counts as unsaved any more.
    pub fn forget(&self) {
        self.flush();
        let old = {
            let mut state = self.shared.lock();
            let old = state.latest.take();
            state.taken = 0;
            state.finished = 0;
            state.written = 0;
            state.last = None;
            old
        };
        drop(old);
    }

    pub fn watch(&self) -> Watch {
        Watch(Arc::clone(&self.shared))
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.flush();
        self.shared.lock().stop = true;
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Watch {
    /// The newest version if it is not on disk. Waits for the lock.
    pub fn unsaved(&self) -> Option<Unsaved> {
        unsaved(&self.0.lock())
    }

    /// As [`Watch::unsaved`], but never waits (a panic while the lock was held must not hang
    /// the process).
    pub fn peek(&self) -> Peek {
        let state = match self.0.state.try_lock() {
            Ok(state) => state,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => return Peek::Busy,
        };
        match unsaved(&state) {
            Some(u) => Peek::Unsaved(Box::new(u)),
            None => Peek::Clean(state.latest.as_ref().map(|v| v.path.clone())),
        }
    }
}

fn unsaved(state: &State) -> Option<Unsaved> {
    state
        .latest
        .as_ref()
        .filter(|v| v.generation > state.written)
        .map(|v| Unsaved {
            path: v.path.clone(),
            session: v.session.clone(),
        })
}

/// Whether the current thread is the writer (a panic there must end the process, since the
/// interface thread would go on believing its changes are being saved).
pub fn is_writer_thread() -> bool {
    std::thread::current().name() == Some(THREAD_NAME)
}

/// Marks the thread ended however it ends, so that nobody waits for it in vain.
struct Ended<'a>(&'a Shared);

impl Drop for Ended<'_> {
    fn drop(&mut self) {
        self.0.lock().ended = true;
        self.0.changed.notify_all();
    }
}

fn work(shared: &Shared, save: &SaveFn, reports: &Sender<Report>) {
    let _ended = Ended(shared);
    loop {
        let version = {
            let mut state = shared.lock();
            loop {
                if state.stop {
                    return;
                }
                if let Some(v) = state.latest.as_ref().filter(|v| v.generation > state.taken) {
                    let v = Arc::clone(v);
                    state.taken = v.generation;
                    break v;
                }
                state = shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
        };
        let generation = version.generation;
        let report = Report {
            generation,
            result: save(&version.path, &version.session),
        };
        {
            let mut state = shared.lock();
            if report.result.is_ok() && state.latest.as_ref().is_some_and(|v| v.path == version.path) {
                state.written = state.written.max(generation);
            }
            state.finished = generation;
            state.last = Some(report.clone());
        }
        shared.changed.notify_all();
        // A version replaced while it was being written loses its last reference here, so the
        // interface thread never pays for dropping it.
        drop(version);
        // The interface may be gone already on the way out; the state above says it all.
        let _ = reports.send(report);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A save that records each version's venue, fails for venues containing "rusak", and
    /// waits while the test holds the gate.
    type Log = Arc<Mutex<Vec<String>>>;
    type Gate = Arc<Mutex<()>>;

    fn recording() -> (Box<SaveFn>, Log, Gate) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let gate = Arc::new(Mutex::new(()));
        let (log, g) = (Arc::clone(&seen), Arc::clone(&gate));
        let save = move |_: &Path, s: &Session| {
            drop(g.lock().expect("gate"));
            log.lock().expect("log").push(s.venue.clone());
            if s.venue.contains("rusak") {
                Err("disk penuh".into())
            } else {
                Ok(())
            }
        };
        (Box::new(save), seen, gate)
    }

    fn version(venue: &str) -> Session {
        let mut s = test_support::session();
        s.venue = venue.to_string();
        s
    }

    #[test]
    fn the_newest_version_is_written_and_reported_last() {
        let (save, seen, gate) = recording();
        let mut w = Writer::spawn(save).expect("thread");
        let path = Path::new("a.ron");
        let closed = gate.lock().expect("gate");
        for i in 0..10 {
            w.request(path, &version(&format!("v{i}")));
        }
        drop(closed);
        let report = w.flush().expect("a report");
        assert_eq!(
            report,
            Report {
                generation: 10,
                result: Ok(())
            }
        );
        let seen = seen.lock().expect("log").clone();
        assert_eq!(seen.last().map(String::as_str), Some("v9"), "the newest is on disk");
        assert!(seen.len() <= 2, "versions asked for while busy are folded: {seen:?}");
        assert!(w.watch().unsaved().is_none());
        assert!(!w.busy());
    }

    #[test]
    fn a_failed_write_leaves_the_version_unsaved_until_a_later_one_succeeds() {
        let (save, _, _) = recording();
        let mut w = Writer::spawn(save).expect("thread");
        let path = Path::new("a.ron");
        w.request(path, &version("rusak"));
        let report = w.flush().expect("a report");
        assert_eq!(report.result, Err("disk penuh".into()));
        let unsaved = w.watch().unsaved().expect("unsaved");
        assert_eq!(unsaved.session.venue, "rusak");
        assert_eq!(unsaved.path, path);
        w.request(path, &version("baik"));
        assert_eq!(w.flush().map(|r| r.result), Some(Ok(())));
        assert!(w.watch().unsaved().is_none());
    }

    #[test]
    fn the_newest_version_is_unsaved_while_it_is_being_written() {
        let started = Arc::new((Mutex::new(false), Condvar::new()));
        let release = Arc::new((Mutex::new(false), Condvar::new()));
        let (s2, r2) = (Arc::clone(&started), Arc::clone(&release));
        let save = move |_: &Path, _: &Session| {
            *s2.0.lock().expect("flag") = true;
            s2.1.notify_all();
            let mut go = r2.0.lock().expect("flag");
            while !*go {
                go = r2.1.wait(go).expect("flag");
            }
            Ok(())
        };
        let mut w = Writer::spawn(Box::new(save)).expect("thread");
        w.request(Path::new("a.ron"), &version("sedang ditulis"));
        let mut go = started.0.lock().expect("flag");
        while !*go {
            go = started.1.wait(go).expect("flag");
        }
        drop(go);
        assert!(w.busy());
        assert_eq!(
            match w.watch().peek() {
                Peek::Unsaved(u) => Some(u.session.venue),
                _ => None,
            },
            Some("sedang ditulis".to_string()),
            "the panic hook can still reach it"
        );
        *release.0.lock().expect("flag") = true;
        release.1.notify_all();
        assert_eq!(w.flush().map(|r| r.result), Some(Ok(())));
        assert!(w.watch().unsaved().is_none());
    }

    #[test]
    fn reports_arrive_without_waiting_and_dropping_the_writer_finishes_the_work() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = Arc::clone(&calls);
        let save = move |_: &Path, _: &Session| {
            c.fetch_add(1, Ordering::SeqCst);
            Ok(())
        };
        let mut w = Writer::spawn(Box::new(save)).expect("thread");
        assert_eq!(w.try_report(), None);
        let g = w.request(Path::new("a.ron"), &version("x"));
        w.flush();
        assert_eq!(w.latest(), g);
        w.request(Path::new("a.ron"), &version("y"));
        drop(w);
        assert!(
            calls.load(Ordering::SeqCst) >= 2,
            "the last version was written before the thread ended"
        );
    }

    #[test]
    fn forgetting_the_session_leaves_nothing_unsaved() {
        let (save, _, _) = recording();
        let mut w = Writer::spawn(save).expect("thread");
        w.request(Path::new("a.ron"), &version("rusak"));
        w.flush();
        assert!(w.watch().unsaved().is_some());
        w.forget();
        assert!(w.watch().unsaved().is_none());
        assert!(!w.busy());
        assert!(matches!(w.watch().peek(), Peek::Clean(None)));
    }
}
