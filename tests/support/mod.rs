//! What the data-safety tests share: the real binary in a pseudo-terminal (its screen read back
//! through vt100, its raw output kept too), private sessions folders, signals, and small tmpfs
//! mounts for full and read-only disks. Every wait polls for a condition; nothing sleeps and
//! then asserts.
#![allow(dead_code)]

pub mod sample;

pub mod cli;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_bimtek");
pub const TIMEOUT: Duration = Duration::from_secs(15);
pub const POLL: Duration = Duration::from_millis(10);

pub const RIGHT: &str = "\x1b[C";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";

pub const SAMPLE_NAME: &str = "kabupaten-halmahera-utara-bimtek-1-2021-09-07.ron";

pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions").join(SAMPLE_NAME)
}

/// Polls every 10 ms until `ready` holds; panics with `what` and `show()` after `timeout`.
pub fn wait_until(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool, show: impl Fn() -> String) {
    let start = Instant::now();
    while !ready() {
        if start.elapsed() > timeout {
            panic!("timed out after {timeout:?} waiting for {what}:\n{}\n---", show());
        }
        std::thread::sleep(POLL);
    }
}

/// A temporary sessions folder and home, so nothing of the user's is read or written.
pub struct Env {
    pub tmp: TempDir,
    sessions: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let tmp = tempfile::tempdir().expect("temp dir");
        let sessions = tmp.path().join("sessions");
        std::fs::create_dir_all(&sessions).expect("sessions dir");
        std::fs::create_dir_all(tmp.path().join("home")).expect("home dir");
        Env { tmp, sessions }
    }

    /// The same, with the sessions folder somewhere else (e.g. a small tmpfs).
    pub fn with_sessions(dir: &Path) -> Env {
        let mut env = Env::new();
        env.sessions = dir.to_path_buf();
        env
    }

    pub fn sessions(&self) -> PathBuf {
        self.sessions.clone()
    }

    pub fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    /// `bimtek` in this test's folder, with HOME and the XDG folders there and no sessions
    /// folder or fault injection from the environment.
    pub fn isolated(&self) -> Command {
        let home = self.home();
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.tmp.path())
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env_remove("BIMTEK_SESSIONS_DIR")
            .env_remove("BIMTEK_TEST_PANIC_ON");
        cmd
    }

    /// `bimtek --sessions-dir DIR ARGS` as a plain process with no terminal.
    pub fn plain(&self, args: &[&str]) -> Command {
        let mut cmd = self.isolated();
        cmd.arg("--sessions-dir")
            .arg(self.sessions())
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    /// `bimtek new …`; returns the path printed on its last line.
    pub fn new_session(&self, region: &str, stage: &str, date: &str) -> PathBuf {
        let out = self
            .plain(&["new", "--region", region, "--stage", stage, "--date", date])
            .output()
            .expect("run bimtek new");
        assert!(
            out.status.success(),
            "bimtek new failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        PathBuf::from(stdout.lines().last().expect("a path"))
    }

    /// `bimtek --sessions-dir DIR ARGS` in a pseudo-terminal of `rows`×`cols`.
    pub fn spawn(&self, args: &[&str], rows: u16, cols: u16) -> Tui {
        self.spawn_with(args, rows, cols, &[])
    }

    pub fn spawn_with(&self, args: &[&str], rows: u16, cols: u16, vars: &[(&str, &str)]) -> Tui {
        let home = self.home();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.cwd(self.tmp.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", &home);
        cmd.env("XDG_DATA_HOME", home.join(".local/share"));
        cmd.env("XDG_CONFIG_HOME", home.join(".config"));
        cmd.env_remove("BIMTEK_SESSIONS_DIR");
        cmd.env_remove("BIMTEK_TEST_PANIC_ON");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.arg("--sessions-dir");
        cmd.arg(self.sessions());
        for a in args {
            cmd.arg(a);
        }
        Tui::spawn(cmd, rows, cols)
    }
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

const FRAME_START: &[u8] = b"\x1b[?2026h";
const FRAME_END: &[u8] = b"\x1b[?2026l";

/// How much of the output the screen may take: everything but a frame still being written. The
/// app draws each frame as a synchronized update, and a real terminal shows none of it before its
/// end; reading a half-written frame would show the new entry beside the previous frame's status
/// line ("saved" before it is).
fn whole_frames(out: &[u8]) -> usize {
    let find_last = |needle: &[u8]| out.windows(needle.len()).rposition(|w| w == needle);
    if let Some(start) = find_last(FRAME_START)
        && find_last(FRAME_END).is_none_or(|end| end < start)
    {
        return start;
    }
    // The start of a frame marker cut between two reads waits for the rest of it.
    (1..FRAME_START.len())
        .rev()
        .find(|&k| out.ends_with(&FRAME_START[..k]))
        .map_or(out.len(), |k| out.len() - k)
}

/// The app in a pseudo-terminal. Dropping it kills the app if it still runs.
pub struct Tui {
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    closed: Arc<AtomicBool>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
}

impl Tui {
    fn spawn(cmd: CommandBuilder, rows: u16, cols: u16) -> Tui {
        let pair = native_pty_system().openpty(size(rows, cols)).expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn bimtek");
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (feed, keep, done) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&closed));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut held = Vec::new();
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        keep.lock().expect("raw lock").extend_from_slice(&buf[..n]);
                        held.extend_from_slice(&buf[..n]);
                        let whole = whole_frames(&held);
                        feed.lock().expect("screen lock").process(&held[..whole]);
                        held.drain(..whole);
                    }
                }
            }
            feed.lock().expect("screen lock").process(&held);
            done.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            screen,
            raw,
            closed,
            child,
            writer,
            master: pair.master,
        }
    }

    pub fn screen(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    /// Everything the app wrote to the terminal so far, byte for byte.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw lock").clone()
    }

    /// Resizes the terminal, the emulator first so everything drawn after is read at the new size.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.screen
            .lock()
            .expect("screen lock")
            .screen_mut()
            .set_size(rows, cols);
        self.master.resize(size(rows, cols)).expect("resize the pty");
    }

    /// The cells drawn in a colour other than the terminal's own, as (row, column).
    pub fn coloured_cells(&self) -> Vec<(u16, u16)> {
        let parser = self.screen.lock().expect("screen lock");
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let mut out = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                if let Some(cell) = screen.cell(r, c)
                    && (cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default)
                {
                    out.push((r, c));
                }
            }
        }
        out
    }

    pub fn alternate_screen(&self) -> bool {
        self.screen.lock().expect("screen lock").screen().alternate_screen()
    }

    pub fn send(&mut self, keys: &str) {
        // A write can fail once the app is gone (the crash test kills it); that is fine there.
        let _ = self.writer.write_all(keys.as_bytes());
        let _ = self.writer.flush();
    }

    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.wait_for_within(what, TIMEOUT, ready)
    }

    pub fn wait_for_within(&self, what: &str, timeout: Duration, ready: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        wait_until(
            what,
            timeout,
            || {
                last = self.screen();
                ready(&last)
            },
            || self.screen(),
        );
        last
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("'{text}'"), |s| s.contains(text))
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends a signal by name (`KILL`, `TERM`, `HUP`).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the app to end; returns its exit code (`None` when a signal ended it).
    pub fn wait_exit(&mut self) -> Option<u32> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                // The rest of what it wrote is still in the pty: let the reader take it all.
                let _ = self.wait_closed(Duration::from_secs(5));
                return status.signal().is_none().then(|| status.exit_code());
            }
            if start.elapsed() > TIMEOUT {
                panic!("bimtek did not exit within {TIMEOUT:?}; screen:\n{}", self.screen());
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_exit_success(&mut self) {
        let code = self.wait_exit();
        assert_eq!(code, Some(0), "bimtek's exit; screen:\n{}", self.screen());
    }

    /// Whether the reader saw the end of the app's output within `timeout`.
    pub fn wait_closed(&self, timeout: Duration) -> bool {
        let start = Instant::now();
        while !self.closed.load(Ordering::SeqCst) {
            if start.elapsed() > timeout {
                return false;
            }
            std::thread::sleep(POLL);
        }
        true
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Opens the entry form with `a`, types `text` and saves it with Enter; waits until the entry is
/// listed and the form is gone.
pub fn add_entry(tui: &mut Tui, text: &str) {
    tui.send("a");
    tui.wait_for("the add form", |s| s.contains("Tambah masukan"));
    tui.send(text);
    tui.wait_text(text);
    tui.send(ENTER);
    let listed = format!("] {text}");
    tui.wait_for(&format!("'{text}' saved and listed"), |s| {
        s.contains(&listed) && !s.contains("Tambah masukan")
    });
}

/// Goes from step 1 to the first pillar step (Smart Governance, step 5 in Bimtek I).
pub fn to_governance(tui: &mut Tui) {
    tui.wait_text("Langkah 1 dari");
    for step in 2..=5 {
        tui.send(RIGHT);
        tui.wait_text(&format!("Langkah {step} dari"));
    }
    tui.wait_text("Smart Governance");
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A small tmpfs mounted on a temporary folder (root only), unmounted when dropped.
pub struct Tmpfs {
    pub dir: TempDir,
}

impl Tmpfs {
    /// `None` (with a printed reason) when not root or the mount fails.
    pub fn mount(kib: u32, why: &str) -> Option<Tmpfs> {
        if !is_root() {
            eprintln!("skipped {why}: mounting a tmpfs needs root");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped {why}: cannot mount a tmpfs here");
            return None;
        }
        Some(Tmpfs { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn mount_cmd(&self, args: &[&str]) {
        let status = Command::new("mount")
            .args(args)
            .arg(self.dir.path())
            .arg(self.dir.path())
            .status()
            .expect("run mount");
        assert!(status.success(), "mount {args:?}");
    }

    /// Makes the folder read-only under a running bimtek. A plain `remount,ro` is refused while
    /// a file (the session's lock) is open for writing, so a read-only bind mount goes on top.
    pub fn read_only(&self) {
        self.mount_cmd(&["--bind"]);
        let status = Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(self.dir.path())
            .status()
            .expect("run mount");
        assert!(status.success(), "remount read-only");
    }

    /// Undoes `read_only`.
    pub fn writable(&self) {
        let status = Command::new("umount")
            .arg(self.dir.path())
            .status()
            .expect("run umount");
        assert!(status.success(), "umount the read-only layer");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // A read-only layer (if a test stopped half-way), then the tmpfs itself.
        for _ in 0..3 {
            let unmounted = Command::new("umount")
                .arg("-l")
                .arg(self.dir.path())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !unmounted {
                break;
            }
        }
    }
}

/// A FAT32 file system in an image, like a USB stick (no hard links, two-second file times):
/// loop-mounted by the kernel where it can be, else through FUSE with Debian's `fusefat`
/// (containers without loop devices or the vfat module). Needs root; otherwise the test says
/// it skipped, and why.
pub struct Vfat {
    pub dir: TempDir,
    /// fusefat's FAT driver writes long names of ASCII letters only.
    pub non_ascii_names: bool,
    fuse: bool,
    _image: TempDir,
}

impl Vfat {
    pub fn mount(why: &str) -> Option<Vfat> {
        if !is_root() {
            eprintln!("skipped {why}: mounting a FAT image needs root");
            return None;
        }
        let image_dir = tempfile::tempdir().expect("temp dir");
        let image = image_dir.path().join("stick.img");
        std::fs::File::create(&image)
            .and_then(|f| f.set_len(40 * 1024 * 1024))
            .expect("image file");
        let made = Command::new("mkfs.vfat")
            .args(["-F", "32"])
            .arg(&image)
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            eprintln!("skipped {why}: mkfs.vfat (dosfstools) is missing");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let run = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .arg(&image)
                .arg(dir.path())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if run("mount", &["-o", "loop,utf8"]) {
            return Some(Vfat {
                dir,
                non_ascii_names: true,
                fuse: false,
                _image: image_dir,
            });
        }
        // fusefat returns once the file system is mounted; `rw+` is its switch for writing.
        if run("fusefat", &["-o", "rw+"]) {
            eprintln!("{why}: the FAT image is mounted through FUSE (fusefat)");
            return Some(Vfat {
                dir,
                non_ascii_names: false,
                fuse: true,
                _image: image_dir,
            });
        }
        eprintln!(
            "skipped {why}: this kernel or container cannot loop-mount a FAT image, and fusefat \
             (Debian package fusefat, needs /dev/fuse) is missing or failed"
        );
        None
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Vfat {
    fn drop(&mut self) {
        let (program, args): (&str, &[&str]) = if self.fuse {
            ("fusermount", &["-u", "-z"])
        } else {
            ("umount", &["-l"])
        };
        let _ = Command::new(program).args(args).arg(self.dir.path()).status();
    }
}

/// A small deterministic random generator (xorshift), so every round can be replayed by seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// 0..n
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
