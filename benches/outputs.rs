//! The outputs at the scale of a national roll-up: each export format and the CSV import, over
//! sessions made by `bimtek::generate`. Import is timed from the CSV text to the entries in the
//! session (checking every row, looking up ids, applying); it must grow linearly with the rows.
//! The merge preview is timed from the two files on disk to the report.

use std::hint::black_box;
use std::time::Duration;

use bimtek::app::IdGen;
use bimtek::domain::Lang;
use bimtek::export::{self, Format};
use bimtek::generate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use time::macros::datetime;

fn exports(c: &mut Criterion) {
    let mut g = c.benchmark_group("export");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(4));
    for n in [10_000usize, 100_000] {
        let session = generate::session(n, 42);
        for f in Format::ALL {
            g.bench_function(BenchmarkId::new(f.extension(), n), |b| {
                b.iter(|| black_box(export::render(&session, f, Lang::Id).expect("export")));
            });
        }
    }
    g.finish();
}

fn import(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(4));
    let tr = bimtek::i18n::strings(Lang::Id);
    let now = datetime!(2021-10-01 09:00 +9);
    for n in [10_000usize, 20_000, 40_000, 100_000] {
        let source = generate::session(n, 7);
        let csv = String::from_utf8(export::render(&source, Format::Csv, Lang::Id).expect("csv")).expect("utf-8");
        // Into a session that already holds as many entries: every id is looked up.
        let target = generate::session(n, 8);
        g.bench_function(BenchmarkId::new("csv_rows", n), |b| {
            b.iter(|| {
                let mut s = target.clone();
                let plan =
                    bimtek::import::plan_from_csv(&csv, &s, &mut IdGen::new(1), now, tr, u64::MAX).expect("imports");
                bimtek::import::apply(plan, &mut s);
                black_box(s.entries.len())
            });
        });
    }
    g.finish();
}

/// The home screen's merge preview (`m`, then Space): both files read and the pure merge run,
/// nothing written. It runs between two key presses, so at a workshop's size it must not be felt.
fn merge_preview(c: &mut Criterion) {
    let mut g = c.benchmark_group("merge_preview");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(4));
    let dir = tempfile::tempdir().expect("temp dir");
    for n in [1_000usize, 10_000] {
        // A group's copy of the plenary that added a tenth more entries.
        let plenary = generate::session(n, 8);
        let mut group = plenary.clone();
        group.entries.extend(generate::session(n / 10, 9).entries);
        let target = dir.path().join(format!("pleno-{n}.ron"));
        let source = dir.path().join(format!("kelompok-{n}.ron"));
        std::fs::write(&target, bimtek::store::to_ron(&plenary)).expect("write");
        std::fs::write(&source, bimtek::store::to_ron(&group)).expect("write");
        let sources = [source];
        g.bench_function(BenchmarkId::new("entries", n), |b| {
            b.iter(|| {
                let report = bimtek::ops::merge::preview(&target, &sources).expect("previews");
                black_box(report.entries_added)
            });
        });
    }
    g.finish();
}

criterion_group!(benches, exports, import, merge_preview);
criterion_main!(benches);
