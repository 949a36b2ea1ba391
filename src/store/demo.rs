use std::io;
use std::path::{Path, PathBuf};

use super::save::write_atomic;
use crate::domain::Stage;

/// The sample sessions as they are in the repository: Bimtek I (the reported event, with
/// illustrative entries) and Bimtek II, III and IV carried from it, one a stage.
pub const SAMPLES: [&str; 4] = [
    include_str!("../../sessions/kabupaten-halmahera-utara-bimtek-1-2021-09-07.ron"),
    include_str!("../../sessions/kabupaten-halmahera-utara-bimtek-2-2021-10-12.ron"),
    include_str!("../../sessions/kabupaten-halmahera-utara-bimtek-3-2021-11-16.ron"),
    include_str!("../../sessions/kabupaten-halmahera-utara-bimtek-4-2021-12-14.ron"),
];
const DEMO_NAMES: [&str; 4] = [
    "contoh-kabupaten-halmahera-utara-bimtek-1-2021-09-07.ron",
    "contoh-kabupaten-halmahera-utara-bimtek-2-2021-10-12.ron",
    "contoh-kabupaten-halmahera-utara-bimtek-3-2021-11-16.ron",
    "contoh-kabupaten-halmahera-utara-bimtek-4-2021-12-14.ron",
];
/// The dates of the samples, for the home screen's rows.
pub const DATES: [&str; 4] = ["2021-09-07", "2021-10-12", "2021-11-16", "2021-12-14"];

/// The Bimtek I sample.
pub const SAMPLE: &str = SAMPLES[0];

fn index(stage: Stage) -> usize {
    usize::from(stage.number().clamp(1, 4)) - 1
}

/// The facilitator's own copy of the sample of `stage` in the sessions folder, made on first use
/// (or anew with `reset`), so practising never touches the sample itself.
pub fn demo_copy(dir: &Path, stage: Stage, reset: bool) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(DEMO_NAMES[index(stage)]);
    if reset || !path.exists() {
        write_atomic(&path, SAMPLES[index(stage)].as_bytes())?;
    }
    Ok(path)
}
