//! The process-level benchmarks' memory figure: the peak resident size of this process.

/// Peak resident size in KiB (Linux `/proc/self/status`, VmHWM); `None` where there is none.
pub fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
