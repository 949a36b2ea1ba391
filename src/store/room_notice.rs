//! While the room serves, the facilitator's bimtek leaves a small note beside the session file,
//! `.NAME.ron.room`, so that the audience view (`bimtek present`), which never serves, can show
//! the same QR code, address and join code. The note holds the link's secret, so it lives only
//! while the room runs: it is removed when the room stops or bimtek ends, a stale one is removed
//! when the session is opened for writing again, and it is never part of the session file or of
//! anything exported from it.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::save::write_atomic;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomNotice {
    /// `http://192.168.43.1:8080` for each address served.
    pub addresses: Vec<String>,
    /// The address the QR code uses.
    pub chosen: usize,
    pub token: String,
    pub join_code: String,
    /// The facilitator has the room panel open: the audience view shows the code full screen.
    pub panel_open: bool,
}

/// `.NAME.ron.room` beside the session file.
pub fn notice_path(session: &Path) -> PathBuf {
    let name = session
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    session.with_file_name(format!(".{name}.room"))
}

/// Writes the note whole (a reader never sees half of it).
pub fn write(session: &Path, notice: &RoomNotice) -> io::Result<()> {
    let text = ron::to_string(notice).map_err(io::Error::other)?;
    write_atomic(&notice_path(session), text.as_bytes())
}

/// The note, if there is one and it reads.
pub fn read(session: &Path) -> Option<RoomNotice> {
    let text = std::fs::read_to_string(notice_path(session)).ok()?;
    ron::from_str(&text).ok()
}

pub fn remove(session: &Path) {
    let _ = std::fs::remove_file(notice_path(session));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_reads_back_and_is_gone_once_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let session = dir.path().join("sesi.ron");
        assert_eq!(read(&session), None);
        let notice = RoomNotice {
            addresses: vec!["http://192.168.43.1:8080".into()],
            chosen: 0,
            token: "k5qv2jz7mxw3hy4r6tn8bd2cfa".into(),
            join_code: "KX7PM".into(),
            panel_open: true,
        };
        write(&session, &notice).expect("write");
        assert_eq!(read(&session), Some(notice));
        assert!(notice_path(&session).ends_with(".sesi.ron.room"));
        remove(&session);
        assert_eq!(read(&session), None);
    }
}
