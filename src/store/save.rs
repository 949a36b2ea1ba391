use std::io::{self, Write};
use std::path::Path;

use ron::ser::PrettyConfig;

use crate::domain::Session;

const HEADER: &str =
    "// bimtek session file. Hand edits are fine while bimtek is closed; `bimtek check FILE` validates.\n";

fn pretty() -> PrettyConfig {
    PrettyConfig::new()
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
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// A temp file is private to its owner; the file it becomes keeps the permissions the old one
/// had, or a new file gets the usual read-for-all (exports and sessions are shared on purpose).
#[cfg(unix)]
pub(crate) fn set_permissions(file: &std::fs::File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or(0o644);
    file.set_permissions(std::fs::Permissions::from_mode(mode))
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
