//! `bimtek dataset` over a generated national programme, as a process: the release binary run
//! on a folder of session files, timed from start to exit, with its peak resident memory
//! (getrusage of the finished child, Linux and macOS). The sessions come from
//! `bimtek::generate::masterplan`: regions of four stages each, carried forward one from the
//! other, 500 entries recorded in each stage plus what is carried.
//!
//! `cargo bench --bench dataset` measures 100 and 1,000 sessions; `cargo bench --bench dataset
//! -- 200` another number. Each size is run three times and the fastest run is reported.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const ENTRIES: usize = 500;
const RUNS: usize = 3;

fn dir_bytes(dir: &Path, ext: &str) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            total += dir_bytes(&p, ext);
        } else if p.extension().is_some_and(|x| x == ext) {
            total += e.metadata().map_or(0, |m| m.len());
        }
    }
    total
}

/// The largest resident size of any child waited for so far, in KiB.
#[cfg(unix)]
fn children_peak_kib() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; it is zeroed and of the right type.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    let max = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    // Linux reports KiB, macOS bytes.
    if cfg!(target_os = "macos") { max / 1024 } else { max }
}

#[cfg(not(unix))]
fn children_peak_kib() -> u64 {
    0
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![100, 1_000];
    }
    // Peaks are the largest of all children so far: measure the smaller sizes first.
    sizes.sort_unstable();
    let bin = env!("CARGO_BIN_EXE_bimtek");
    for n in sizes {
        let tmp = tempfile::tempdir().expect("temp dir");
        let input = tmp.path().join("sessions");
        let started = Instant::now();
        let mut entries = 0;
        for region in 0..n.div_ceil(4) {
            let folder = input.join(format!("region-{region:04}"));
            std::fs::create_dir_all(&folder).expect("folder");
            for s in bimtek::generate::masterplan(region, ENTRIES, 1)
                .into_iter()
                .take(n - region * 4)
            {
                entries += s.entries.len();
                let path = folder.join(format!("{}.ron", s.file_stem()));
                std::fs::write(path, bimtek::store::to_ron(&s)).expect("write session");
            }
        }
        let made = started.elapsed();
        let mut best = Duration::MAX;
        let out = tmp.path().join("out");
        for _ in 0..RUNS {
            let start = Instant::now();
            let status = Command::new(bin)
                .arg("dataset")
                .arg(&input)
                .arg("-o")
                .arg(&out)
                .arg("--force")
                .stdout(std::process::Stdio::null())
                .status()
                .expect("run bimtek dataset");
            let took = start.elapsed();
            assert!(status.success(), "bimtek dataset failed");
            best = best.min(took);
        }
        println!(
            "dataset/{n}_sessions: {entries} entries ({:.0} MB of session files, made in {:.1} s): \
             {:.2} s (fastest of {RUNS}), peak {:.0} MiB; Parquet {:.1} MB, CSV {:.1} MB",
            dir_bytes(&input, "ron") as f64 / 1e6,
            made.as_secs_f64(),
            best.as_secs_f64(),
            children_peak_kib() as f64 / 1024.0,
            dir_bytes(&out, "parquet") as f64 / 1e6,
            dir_bytes(&out, "csv") as f64 / 1e6,
        );
    }
}
