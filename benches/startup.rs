//! Start to first frame, the whole way: the release binary started in a pseudo-terminal of
//! 120×40 on a copy of the sample session, timed until its first frame has arrived (the agenda's
//! frame title is in the output). Quitting afterwards is not timed.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_bimtek");
const SAMPLE: &str = "kabupaten-halmahera-utara-bimtek-1-2021-09-07.ron";

fn once(dir: &std::path::Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env("TERM", "xterm-256color");
    cmd.env("BIMTEK_CONFIG_DIR", dir.join("config"));
    cmd.arg("--sessions-dir");
    cmd.arg(dir);
    cmd.arg("open");
    cmd.arg(dir.join(SAMPLE));
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("bimtek starts");
    let mut seen = Vec::new();
    let mut buf = [0u8; 16384];
    while !seen.windows(6).any(|w| w == b"Agenda") {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => panic!("bimtek ended before its first frame"),
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    let first_frame = start.elapsed();
    writer.write_all(b"q").expect("q");
    drop(pair.slave);
    // Drain the output so bimtek can finish writing, then wait for it.
    std::thread::spawn(move || while matches!(reader.read(&mut buf), Ok(n) if n > 0) {});
    child.wait().expect("bimtek ends");
    first_frame
}

fn process_to_first_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .join(SAMPLE);
    std::fs::copy(sample, dir.path().join(SAMPLE)).expect("copy the sample");
    let mut g = c.benchmark_group("startup");
    g.sample_size(30);
    g.bench_function("process_to_first_frame_120x40", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| once(dir.path())).sum());
    });
    g.finish();
}

criterion_group!(benches, process_to_first_frame);
criterion_main!(benches);
