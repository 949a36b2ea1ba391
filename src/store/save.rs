use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use ron::ser::PrettyConfig;

use crate::domain::Session;

const HEADER: &str =
    "// bimtek session file. Hand edits are fine while bimtek is closed; `bimtek check FILE` validates.\n";

/// One newline everywhere: `ron` would write `\r\n` on Windows, and a session carried between a
/// Windows and a Linux laptop should keep its bytes (Notepad reads either).
fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
}

/// The session as the pretty, hand-editable RON that goes on disk.
///
/// Byte for byte what `ron` writes with escaped strings, but several times faster: `ron` escapes
/// a string one character at a time, which is most of the cost of a save, so the body is written
/// unescaped and its strings are escaped afterwards in runs (see `escape_strings`).
pub fn to_ron(session: &Session) -> String {
    let raw = ron::ser::to_string_pretty(session, pretty().escape_strings(false)).expect("a session always serialises");
    let mut out = String::with_capacity(HEADER.len() + raw.len() + raw.len() / 64 + 1);
    out.push_str(HEADER);
    escape_strings(&raw, &mut out);
    out.push('\n');
    debug_assert_eq!(
        out,
        to_ron_escaped_by_ron(session),
        "fast string escaping differs from ron's"
    );
    out
}

/// What `to_ron` gives, the slow way: `ron` escaping every string itself.
pub fn to_ron_escaped_by_ron(session: &Session) -> String {
    let body = ron::ser::to_string_pretty(session, pretty()).expect("a session always serialises");
    format!("{HEADER}{body}\n")
}

/// Turns `ron`'s unescaped output into its escaped output. Unescaped, a string is `"…"` holding
/// no `"` or `\\`, or a raw string `r#"…"#` (with as many `#` as it needs); either becomes `"…"`
/// with each character as `char::escape_debug` gives it, which is what `ron` does when escaping.
/// Outside strings the output holds no quotes except in char literals, which are copied.
fn escape_strings(raw: &str, out: &mut String) {
    let b = raw.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                let end = raw[start..].find('"').map_or(b.len(), |n| start + n);
                out.push_str(&raw[copied..i]);
                push_escaped(&raw[start..end], out);
                i = end + 1;
                copied = i.min(b.len());
            }
            b'r' if b.get(i + 1) == Some(&b'#') && (i == 0 || !is_ident_byte(b[i - 1])) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let start = i + 1 + hashes + 1;
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    // A raw identifier (`r#name`), not a string.
                    i += 1 + hashes;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = raw[start..].find(&close).map_or(b.len(), |n| start + n);
                out.push_str(&raw[copied..i]);
                push_escaped(&raw[start..end], out);
                i = (end + close.len()).min(b.len());
                copied = i;
            }
            b'\'' => {
                // A char literal: `'c'` or `'\\c'`.
                let body = i + 1 + usize::from(b.get(i + 1) == Some(&b'\\'));
                let c = raw[body.min(b.len())..].chars().next().map_or(0, char::len_utf8);
                i = (body + c + 1).min(b.len());
            }
            _ => i += 1,
        }
    }
    out.push_str(&raw[copied..]);
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// `"` + the text with `char::escape_debug` applied to each character + `"`, copying runs of
/// characters that need no escape as they are.
fn push_escaped(text: &str, out: &mut String) {
    out.push('"');
    let plain = |c: u8| (0x20..0x7f).contains(&c) && c != b'"' && c != b'\'' && c != b'\\';
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest.bytes().take_while(|&c| plain(c)).count();
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.escape_debug());
            rest = &rest[c.len_utf8()..];
        }
    }
    out.push('"');
}

/// Writes the session so that the file on disk is always either the old version or the new one,
/// whole: a temp file in the same folder, fsync, rename over the old file, fsync the folder.
pub fn save(path: &Path, session: &Session) -> io::Result<()> {
    write_atomic(path, to_ron(session).as_bytes())
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    set_permissions(tmp.as_file(), path)?;
    tmp.as_file().sync_all()?;
    let mut pending = Some(tmp);
    retry_briefly(RENAME_WAITS, is_transient, || {
        let Some(tmp) = pending.take() else {
            return Ok(());
        };
        tmp.persist(path).map(drop).map_err(|e| {
            let error = e.error;
            pending = Some(e.file);
            error
        })
    })?;
    sync_dir(dir)
}

/// How long to wait before each new try of a refused rename: about one and a half seconds in
/// all, enough for a virus scanner or the search indexer to let go of a file it has just opened.
const RENAME_WAITS: &[Duration] = &[
    Duration::from_millis(20),
    Duration::from_millis(50),
    Duration::from_millis(100),
    Duration::from_millis(250),
    Duration::from_millis(500),
    Duration::from_millis(600),
];

/// Runs `op`, and again after each of `waits` while it fails in a way that `transient` says may
/// pass by itself; the last error is returned.
pub fn retry_briefly<T>(
    waits: &[Duration],
    transient: impl Fn(&io::Error) -> bool,
    mut op: impl FnMut() -> io::Result<T>,
) -> io::Result<T> {
    let mut waits = waits.iter();
    loop {
        match op() {
            Err(e) if transient(&e) => match waits.next() {
                Some(wait) => std::thread::sleep(*wait),
                None => return Err(e),
            },
            done => return done,
        }
    }
}

/// On Windows a virus scanner or the search indexer may hold the session file open for a moment
/// just after it was written; renaming over it is then refused with "access denied" or a sharing
/// or lock violation, which passes by itself.
#[cfg(windows)]
pub fn is_transient(e: &io::Error) -> bool {
    const ACCESS_DENIED: i32 = 5;
    const SHARING_VIOLATION: i32 = 32;
    const LOCK_VIOLATION: i32 = 33;
    matches!(
        e.raw_os_error(),
        Some(ACCESS_DENIED | SHARING_VIOLATION | LOCK_VIOLATION)
    )
}

/// Elsewhere an open file never stands in the way of a rename, and a refusal (a read-only
/// folder) does not pass by itself.
#[cfg(not(windows))]
pub fn is_transient(_e: &io::Error) -> bool {
    false
}

/// A temp file is private to its owner; the file it becomes keeps the permissions the old one
/// had, or a new file gets the usual read-for-all (exports and sessions are shared on purpose).
/// A file system without Unix permissions may not know the call at all (a FAT stick mounted
/// through FUSE answers "function not implemented"): there the file keeps what the file system
/// gives every file, and the save goes on.
#[cfg(unix)]
pub(crate) fn set_permissions(file: &std::fs::File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or(0o644);
    match file.set_permissions(std::fs::Permissions::from_mode(mode)) {
        Err(e) if e.kind() == io::ErrorKind::Unsupported => Ok(()),
        done => done,
    }
}

#[cfg(not(unix))]
pub(crate) fn set_permissions(_file: &std::fs::File, _target: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows has no directory handle to flush; NTFS journals the rename itself.
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    const WAITS: &[Duration] = &[Duration::from_millis(1); 3];

    fn busy() -> io::Error {
        io::Error::new(io::ErrorKind::ResourceBusy, "held by a scanner")
    }

    #[test]
    fn a_refusal_that_passes_is_tried_again_until_it_works() {
        let tries = Cell::new(0);
        let done = retry_briefly(
            WAITS,
            |e| e.kind() == io::ErrorKind::ResourceBusy,
            || {
                tries.set(tries.get() + 1);
                if tries.get() < 3 { Err(busy()) } else { Ok("renamed") }
            },
        );
        assert_eq!(done.expect("third try works"), "renamed");
        assert_eq!(tries.get(), 3);
    }

    #[test]
    fn a_refusal_that_lasts_fails_after_the_last_wait() {
        let tries = Cell::new(0);
        let done: io::Result<()> = retry_briefly(
            WAITS,
            |e| e.kind() == io::ErrorKind::ResourceBusy,
            || {
                tries.set(tries.get() + 1);
                Err(busy())
            },
        );
        assert_eq!(done.expect_err("never works").kind(), io::ErrorKind::ResourceBusy);
        assert_eq!(tries.get(), WAITS.len() + 1);
    }

    #[test]
    fn a_lasting_failure_is_not_tried_again() {
        let tries = Cell::new(0);
        let done: io::Result<()> = retry_briefly(
            WAITS,
            |e| e.kind() == io::ErrorKind::ResourceBusy,
            || {
                tries.set(tries.get() + 1);
                Err(io::Error::new(io::ErrorKind::StorageFull, "full"))
            },
        );
        assert_eq!(done.expect_err("full").kind(), io::ErrorKind::StorageFull);
        assert_eq!(tries.get(), 1);
    }

    /// The real thing on Windows: the session file is held open without leave to rename over it
    /// (as a scanner does) and let go of a moment later; the save waits and succeeds.
    #[cfg(windows)]
    #[test]
    fn a_save_waits_for_a_scanner_that_holds_the_file() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sesi.ron");
        std::fs::write(&path, "lama").expect("write");
        // No FILE_SHARE_DELETE: nobody may rename over the file while this handle is open.
        let held = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(1)
            .open(&path)
            .expect("open like a scanner");
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let scanner = std::thread::spawn(move || {
            let _ = rx.recv();
            std::thread::sleep(Duration::from_millis(60));
            drop(held);
        });
        let first = write_atomic_once(&path, b"baru");
        tx.send(()).expect("scanner waits");
        write_atomic(&path, b"baru").expect("saved once the scanner lets go");
        scanner.join().expect("scanner");
        assert!(first.is_err_and(|e| is_transient(&e)), "the held file refuses a rename");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "baru");
    }

    /// One rename, no retry: to show that the file really was refused while held.
    #[cfg(windows)]
    fn write_atomic_once(path: &Path, bytes: &[u8]) -> io::Result<()> {
        let dir = path.parent().expect("a folder");
        let mut tmp = tempfile::Builder::new().suffix(".tmp").tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.persist(path).map(drop).map_err(|e| e.error)
    }
}
