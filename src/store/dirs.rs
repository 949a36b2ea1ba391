use std::path::PathBuf;

/// The sessions folder: `--sessions-dir`, else `$BIMTEK_SESSIONS_DIR`, else the platform's data
/// folder (`~/.local/share/bimtek/sessions`, `%APPDATA%\bimtek\data\sessions`, …).
pub fn sessions_dir(flag: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = flag {
        return dir;
    }
    if let Some(dir) = std::env::var_os("BIMTEK_SESSIONS_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("id", "bimtek", "bimtek")
        .map(|d| d.data_dir().join("sessions"))
        .unwrap_or_else(|| PathBuf::from("bimtek-sessions"))
}
