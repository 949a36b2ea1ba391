//! Keystroke to frame: one key (or one paste) handled by `update` and the frame drawn by `view`
//! into a TestBackend, on generated sessions of 100 to 100,000 entries. What the shell does
//! after `update` returns `Effect::Save` (writing the file) is measured in `benches/store.rs`.
//!
//! Each measured key is followed by an unmeasured one that undoes it (Up after Down, Left after
//! Right, undo after an add), so every iteration starts from the same screen. Each benchmark's
//! screen is made once, before criterion's warm-up and samples (criterion calls the routine once
//! per sample), so what a session pays once is not counted again in every sample.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use bimtek::app::session_screen::SessionScreen;
use bimtek::app::{Action, App, Screen, update};
use bimtek::domain::entry_ids::EntryIds;
use bimtek::domain::{Lang, Session};
use bimtek::generate;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const ENTRIES: [usize; 4] = [100, 1_000, 10_000, 100_000];
const SCREENS: [(u16, u16); 2] = [(120, 40), (240, 67)];
/// The step the keystroke benchmarks run on: a pillar step, with about a sixth of the entries.
const STEP: &str = "pillar-governance";

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The session open on `STEP`, the cursor in the middle of the step's list.
fn app(session: &Session) -> App {
    let mut s = session.clone();
    s.current_step = s
        .agenda
        .steps
        .iter()
        .position(|st| st.id == STEP)
        .expect("the step exists");
    let mut app = App::new(Lang::Id, generate::START, 1, PathBuf::from("/tmp"));
    update(
        &mut app,
        Action::SessionOpened {
            session: Box::new(s),
            path: PathBuf::from("/tmp/bench.ron"),
            read_only: false,
        },
    );
    if let Screen::Session(s) = &mut app.screen {
        // Headings plus the entries under them: half way down.
        let step = s.session.step().expect("a step");
        let shown = s.session.entries.iter().filter(|e| e.pillar == step.pillar).count();
        s.cursor = shown / 2;
    }
    app
}

struct Screenful {
    app: App,
    term: Terminal<TestBackend>,
}

impl Screenful {
    fn new(session: &Session, (w, h): (u16, u16)) -> Screenful {
        let mut s = Screenful {
            app: app(session),
            term: Terminal::new(TestBackend::new(w, h)).expect("test terminal"),
        };
        s.draw();
        s
    }

    fn draw(&mut self) {
        let app = &self.app;
        self.term.draw(|f| bimtek::ui::view(app, f)).expect("draw");
    }

    /// An action and the frame after it.
    fn act(&mut self, action: Action) {
        black_box(update(&mut self.app, action));
        self.draw();
    }

    /// Times `measured` and not `reset`, `iters` times over.
    fn time(&mut self, iters: u64, measured: impl Fn() -> Vec<Action>, reset: impl Fn() -> Vec<Action>) -> Duration {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let actions = measured();
            let start = Instant::now();
            for a in actions {
                self.act(a);
            }
            total += start.elapsed();
            for a in reset() {
                self.act(a);
            }
        }
        total
    }
}

fn paste_text() -> String {
    let words = "Warga di pulau-pulau kecil masih harus menyeberang ke Tobelo untuk mengurus dokumen";
    let mut t = String::with_capacity(5_000);
    let mut i = 0;
    while t.len() < 5_000 {
        t.push_str(words);
        i += 1;
        t.push_str(if i % 8 == 0 { ".\n" } else { ", " });
    }
    t.truncate(5_000);
    t
}

fn keystrokes(c: &mut Criterion) {
    let paste = paste_text();
    assert_eq!(paste.chars().count(), 5_000);
    for n in ENTRIES {
        let session = generate::session(n, 42);
        for size in SCREENS {
            let (w, h) = size;
            let mut g = c.benchmark_group(format!("keystroke/{w}x{h}"));
            if n >= 100_000 {
                g.sample_size(30);
            }
            let mut s = Screenful::new(&session, size);
            g.bench_function(BenchmarkId::new("down", n), |b| {
                b.iter_custom(|iters| s.time(iters, || vec![key(KeyCode::Down)], || vec![key(KeyCode::Up)]));
            });
            let mut s = Screenful::new(&session, size);
            g.bench_function(BenchmarkId::new("next_step", n), |b| {
                b.iter_custom(|iters| s.time(iters, || vec![key(KeyCode::Right)], || vec![key(KeyCode::Left)]));
            });
            // As when the audience view follows a changed file: the step's index is built
            // again (the facilitator's screen builds them all on opening and keeps them).
            let mut s = Screenful::new(&session, size);
            g.bench_function(BenchmarkId::new("next_step_cold", n), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        if let Screen::Session(sc) = &mut s.app.screen {
                            sc.refresh();
                        }
                        let start = Instant::now();
                        s.act(key(KeyCode::Right));
                        total += start.elapsed();
                        s.act(key(KeyCode::Left));
                    }
                    total
                });
            });
            // The closing step counts every entry by pillar and kind.
            let mut s = Screenful::new(&session, size);
            g.bench_function(BenchmarkId::new("redraw_summary_step", n), |b| {
                while s
                    .app
                    .session()
                    .and_then(|sc| sc.session.step())
                    .map(|st| st.id.as_str())
                    != Some("closing")
                {
                    s.act(key(KeyCode::Right));
                }
                b.iter(|| s.act(Action::Tick));
            });
            let mut s = Screenful::new(&session, size);
            s.act(key(KeyCode::Char('a')));
            g.bench_function(BenchmarkId::new("type_char", n), |b| {
                b.iter_custom(|iters| {
                    s.time(
                        iters,
                        || vec![key(KeyCode::Char('x'))],
                        || vec![key(KeyCode::Backspace)],
                    )
                });
            });
            // Entries recorded one after another: the cursor on the last entry of the first
            // element, where the new one goes. The set of entry ids is built at the session's
            // first add (once; see `once/entry_ids`), which falls in the warm-up.
            let mut s = Screenful::new(&session, size);
            g.bench_function(BenchmarkId::new("add_entry_enter", n), |b| {
                let last_of_first = match &s.app.screen {
                    Screen::Session(sc) => sc.index().groups[0].entries.len(),
                    Screen::Home(_) => 0,
                };
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        if let Screen::Session(sc) = &mut s.app.screen {
                            sc.cursor = last_of_first;
                        }
                        s.act(key(KeyCode::Char('a')));
                        s.act(key(KeyCode::Char('x')));
                        let start = Instant::now();
                        s.act(key(KeyCode::Enter));
                        total += start.elapsed();
                        s.act(key(KeyCode::Char('u')));
                    }
                    total
                });
            });
            let mut s = Screenful::new(&session, size);
            g.bench_function(BenchmarkId::new("paste_5000_chars", n), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        s.act(key(KeyCode::Char('a')));
                        let action = Action::Paste(paste.clone());
                        let start = Instant::now();
                        s.act(action);
                        total += start.elapsed();
                        s.act(key(KeyCode::Esc));
                    }
                    total
                });
            });
            g.finish();
        }
    }
}

/// The sample session from its text to the first frame on screen: parse and validate, open,
/// draw. Process start and terminal setup are not in it (see README, Performance).
fn first_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.bench_function("sample_parse_open_first_frame_120x40", |b| {
        b.iter(|| {
            let session = bimtek::store::parse(bimtek::store::demo::SAMPLE).expect("the sample loads");
            let mut app = App::new(Lang::Id, generate::START, 1, PathBuf::from("/tmp"));
            update(
                &mut app,
                Action::SessionOpened {
                    session: Box::new(session),
                    path: PathBuf::from("/tmp/sample.ron"),
                    read_only: false,
                },
            );
            let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
            term.draw(|f| bimtek::ui::view(&app, f)).expect("draw");
            black_box(term);
        });
    });
    g.finish();
}

/// What a big session costs once, on opening and at its first edit: every step's index (built
/// when the session screen opens) and the set of entry ids (built at the first edit).
fn once_per_session(c: &mut Criterion) {
    let mut g = c.benchmark_group("once");
    g.sample_size(20);
    for n in ENTRIES {
        let session = generate::session(n, 42);
        g.bench_function(BenchmarkId::new("open_session_screen", n), |b| {
            b.iter_batched(
                || session.clone(),
                |s| black_box(SessionScreen::new(s, PathBuf::from("/tmp/bench.ron"), false)),
                BatchSize::LargeInput,
            );
        });
        g.bench_function(BenchmarkId::new("entry_ids", n), |b| {
            b.iter(|| black_box(EntryIds::of(&session)));
        });
    }
    g.finish();
}

criterion_group!(benches, keystrokes, first_frame, once_per_session);
criterion_main!(benches);
