//! The opt-in log file (`--log FILE` or `log: "FILE"` in config.ron): one line per save, lock,
//! restore and recovery, so that what happened on a facilitator's laptop can be read afterwards.
//! Off by default; without it the `log` macros in the store cost nothing.

use std::io;
use std::path::Path;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Starts appending to `path` (made if missing). Only bimtek's own lines are written, from
/// `info` up; other crates' logs stay out of it.
pub fn start(path: &Path) -> io::Result<()> {
    let file = fern::log_file(path)?;
    fern::Dispatch::new()
        .format(|out, message, record| {
            let at = OffsetDateTime::now_utc().format(&Rfc3339).unwrap_or_default();
            out.finish(format_args!("{at} {:<5} {message}", record.level()))
        })
        .level(log::LevelFilter::Off)
        .level_for("bimtek", log::LevelFilter::Info)
        .chain(file)
        .apply()
        .map_err(io::Error::other)?;
    log::info!(
        "bimtek {} started (pid {})",
        env!("CARGO_PKG_VERSION"),
        std::process::id()
    );
    Ok(())
}
