//! The session file: save (serialise + write + fsync + rename), load (read + parse + validate),
//! and the home screen's list of a folder of 200 sessions. Real files in a temp folder.

use std::hint::black_box;
use std::time::Duration;

use bimtek::generate;
use bimtek::store;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const ENTRIES: [usize; 4] = [100, 1_000, 10_000, 100_000];

fn save_and_load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut g = c.benchmark_group("store");
    for n in ENTRIES {
        let session = generate::session(n, 42);
        let path = dir.path().join(format!("{}-{n}.ron", session.file_stem()));
        store::save(&path, &session).expect("save");
        if n >= 10_000 {
            g.sample_size(10);
            g.measurement_time(Duration::from_secs(if n >= 100_000 { 10 } else { 4 }));
        }
        g.bench_function(BenchmarkId::new("serialise", n), |b| {
            b.iter(|| black_box(store::to_ron(&session)));
        });
        g.bench_function(BenchmarkId::new("save", n), |b| {
            b.iter(|| store::save(&path, &session).expect("save"));
        });
        // What the app does on every change: the version on disk kept as a backup, then the
        // new text written the same atomic way.
        let app_path = dir.path().join(format!("app-{n}.ron"));
        store::save(&app_path, &session).expect("save");
        g.bench_function(BenchmarkId::new("save_with_backup", n), |b| {
            b.iter(|| store::backup::save_over(&app_path, &store::to_ron(&session)).expect("save"));
        });
        // What input waits for: handing the newest version to the writer thread while it is busy
        // writing earlier ones (the write itself happens beside the interface, not in it).
        let writer_path = dir.path().join(format!("writer-{n}.ron"));
        let mut writer = store::writer::Writer::spawn(Box::new(|path, session| {
            store::backup::save_over(path, &store::to_ron(session)).map_err(bimtek::domain::OsError::from)
        }))
        .expect("writer thread");
        g.bench_function(BenchmarkId::new("hand_over_to_writer", n), |b| {
            b.iter(|| black_box(writer.request(&writer_path, &session)));
        });
        writer.flush();
        drop(writer);
        let text = std::fs::read_to_string(&path).expect("saved file");
        eprintln!("{n} entries: {} bytes on disk", text.len());
        g.bench_function(BenchmarkId::new("parse", n), |b| {
            b.iter(|| black_box(store::parse(&text).expect("parse")));
        });
        g.bench_function(BenchmarkId::new("load", n), |b| {
            b.iter(|| black_box(store::load(&path).expect("load")));
        });
    }
    g.finish();
}

/// A facilitator's folder after a few years: 200 sessions of 50 to 300 entries each.
fn scan(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..200u64 {
        let n = 50 + usize::try_from(i * 37 % 251).unwrap_or(0);
        let mut s = generate::session(n, i);
        s.region = format!("Kabupaten Contoh {i:03}");
        let path = dir.path().join(format!("{}.ron", s.file_stem()));
        std::fs::write(&path, store::to_ron(&s)).expect("write");
    }
    let mut g = c.benchmark_group("home");
    g.sample_size(20);
    g.bench_function("scan_200_sessions", |b| {
        b.iter(|| {
            let rows = store::list::scan(dir.path());
            assert_eq!(rows.len(), 200);
            black_box(rows)
        });
    });
    g.finish();
}

criterion_group!(benches, save_and_load, scan);
criterion_main!(benches);
