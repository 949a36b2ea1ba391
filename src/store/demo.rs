use std::io;
use std::path::{Path, PathBuf};

use super::save::write_atomic;

/// The sample session as it is in the repository.
pub const SAMPLE: &str = include_str!("../../sessions/kabupaten-halmahera-utara-bimtek-1-2021-09-07.ron");
const DEMO_NAME: &str = "contoh-kabupaten-halmahera-utara-bimtek-1-2021-09-07.ron";

/// The facilitator's own copy of the sample in the sessions folder, made on first use (or anew
/// with `reset`), so practising never touches the sample itself.
pub fn demo_copy(dir: &Path, reset: bool) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(DEMO_NAME);
    if reset || !path.exists() {
        write_atomic(&path, SAMPLE.as_bytes())?;
    }
    Ok(path)
}
