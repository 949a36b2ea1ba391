//! The Word book at the scale of a national roll-up, as a process: a child generates a session
//! of N entries (`bimtek::generate::session`), renders it to `.docx` as `bimtek export` does,
//! and reports the time of the export and its peak resident size (VmHWM, what `/usr/bin/time
//! -v` calls "Maximum resident set size"), with the peak before the export for comparison.
//! Each size runs in a fresh process three times; the median time and the largest peak are
//! reported. Linux only; elsewhere it says so and does nothing.
//!
//! `cargo bench --bench word` measures 10,000 and 100,000 entries; `-- 40000` another number.

use std::process::Command;
use std::time::Instant;

use bimtek::domain::Lang;
use bimtek::export::{self, Format};

#[path = "common/peak.rs"]
mod peak;
use peak::peak_kib;

const RUNS: usize = 3;

/// In the child: the session, then the export; prints `before_kib peak_kib seconds bytes`.
fn measure(n: usize) {
    let session = bimtek::generate::session(n, 42);
    let before = peak_kib().unwrap_or(0);
    let start = Instant::now();
    let bytes = export::render(&session, Format::Docx, Lang::Id).expect("the Word book");
    let took = start.elapsed();
    println!(
        "{before} {} {} {}",
        peak_kib().unwrap_or(0),
        took.as_secs_f64(),
        bytes.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        measure(args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(10_000));
        return;
    }
    if args.iter().any(|a| a == "--list") {
        // `cargo bench -- --list` asks every bench for its names; this one has no criterion names.
        return;
    }
    if peak_kib().is_none() {
        println!("word: /proc/self/status not available here; skipped");
        return;
    }
    let mut sizes: Vec<usize> = args.iter().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    let me = std::env::current_exe().expect("own path");
    for n in sizes {
        let mut runs: Vec<(u64, u64, f64, usize)> = (0..RUNS)
            .map(|_| {
                let out = Command::new(&me)
                    .arg("--child")
                    .arg(n.to_string())
                    .output()
                    .expect("child runs");
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                let line = String::from_utf8_lossy(&out.stdout).into_owned();
                let f: Vec<&str> = line.split_whitespace().collect();
                let num = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
                (num(0) as u64, num(1) as u64, num(2), num(3) as usize)
            })
            .collect();
        runs.sort_by(|a, b| a.2.total_cmp(&b.2));
        let median = runs[RUNS / 2];
        let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
        let before = runs.iter().map(|r| r.0).max().unwrap_or(0);
        println!(
            "word/{n:>6} entries: {:.2} s (median of {RUNS}), peak resident {:.0} MiB \
             ({:.0} MiB with the session alone), document {:.1} MB",
            median.2,
            peak as f64 / 1024.0,
            before as f64 / 1024.0,
            median.3 as f64 / 1e6,
        );
    }
}
