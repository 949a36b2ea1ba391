//! Faults while working: a read-only folder, a full disk, the file deleted under us, another
//! bimtek holding the session (and one that died holding it), "save as", backups and restore.
//! The real binary, in a pseudo-terminal or as a plain process. Disk faults use a small tmpfs
//! and run as root only; elsewhere they are skipped with a message.
#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bimtek::store;
use support::{ENTER, ESC, Env, Tmpfs, Tui, Vfat, add_entry, to_governance};

fn entries_on_disk(path: &Path) -> Vec<String> {
    match store::load(path) {
        Ok(s) => s.entries.into_iter().map(|e| e.text.clone()).collect(),
        Err(e) => panic!("the session file does not load: {e}"),
    }
}

fn has(path: &Path, text: &str) -> bool {
    entries_on_disk(path).iter().any(|t| t == text)
}

/// A new session in a sessions folder on a tmpfs of `kib` KiB, open in bimtek at its first pillar
/// step. `None` (the test is skipped) where a tmpfs cannot be mounted.
fn session_on_tmpfs(kib: u32, why: &str, region: &str) -> Option<(Tmpfs, Env, PathBuf, Tui)> {
    let fs = Tmpfs::mount(kib, why)?;
    let env = Env::with_sessions(fs.path());
    let path = env.new_session(region, "1", "2024-05-06");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 24, 110);
    to_governance(&mut tui);
    Some((fs, env, path, tui))
}

#[test]
fn a_read_only_folder_says_so_keeps_the_file_and_saves_when_writable_again() {
    let Some((fs, _env, path, mut tui)) =
        session_on_tmpfs(2048, "the read-only folder test", "Kabupaten Uji Baca Saja")
    else {
        return;
    };
    add_entry(&mut tui, "Satu");
    tui.wait_text("Tersimpan pukul");
    let before = std::fs::read(&path).expect("read");

    fs.read_only();
    add_entry(&mut tui, "Dua");
    tui.wait_text("GAGAL MENYIMPAN");
    assert_eq!(std::fs::read(&path).expect("read"), before, "the file is untouched");
    assert!(has(&path, "Satu") && !has(&path, "Dua"));

    // Writable again: the periodic retry saves without any key being pressed.
    fs.writable();
    tui.wait_for_within("the retry to save", Duration::from_secs(20), |s| {
        s.contains("Tersimpan pukul") && !s.contains("GAGAL")
    });
    assert!(has(&path, "Dua"));

    // A change that fails, then SIGTERM once the folder is writable: saved on the way out.
    fs.read_only();
    add_entry(&mut tui, "Tiga");
    tui.wait_text("GAGAL MENYIMPAN");
    fs.writable();
    tui.signal("TERM");
    assert_eq!(tui.wait_exit(), Some(0));
    assert!(has(&path, "Tiga"), "the pending change was saved on SIGTERM");
}

#[test]
fn a_session_on_a_write_protected_stick_opens_read_only_says_why_and_offers_save_as() {
    let Some(fs) = Tmpfs::mount(2048, "the write-protected stick test") else {
        return;
    };
    let env = Env::with_sessions(fs.path());
    let path = env.new_session("Kabupaten Uji Flashdisk", "1", "2024-05-06");
    fs.read_only();
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 24, 110);
    let screen = tui.wait_for("the session, read-only, with the reason", |s| {
        s.contains("HANYA BACA") && s.contains("hanya dapat dibaca")
    });
    assert!(!screen.contains("Semua perubahan tersimpan"), "{screen}");
    assert!(screen.contains("S simpan sebagai"), "{screen}");
    // S: the session goes on in a writable place.
    let copy = env.home().join("salinan.ron");
    tui.send("S");
    tui.wait_text("Simpan sebagai");
    tui.send(&"\x7f".repeat(200)); // clear the suggested path
    tui.send(copy.to_str().expect("utf-8 path"));
    tui.send(ENTER);
    tui.wait_text("Disimpan sebagai");
    assert!(copy.is_file());
    fs.writable();
}

#[test]
fn quitting_with_a_failed_save_leaves_a_recovery_file_that_is_offered() {
    let Some(fs) = Tmpfs::mount(2048, "the unsaved-quit test") else {
        return;
    };
    // The session is on a "USB stick" that turns read-only; the sessions folder is fine.
    let env = Env::new();
    let made = env.new_session("Kabupaten Uji Keluar", "1", "2024-05-06");
    let path = fs.path().join(made.file_name().expect("name"));
    std::fs::copy(&made, &path).expect("copy to the stick");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 24, 110);
    to_governance(&mut tui);
    fs.read_only();
    add_entry(&mut tui, "Belum tersimpan");
    tui.wait_text("GAGAL MENYIMPAN");
    tui.send("q");
    assert_eq!(tui.wait_exit(), Some(0));
    fs.writable();
    assert!(!has(&path, "Belum tersimpan"));
    // Beside the file was read-only, so the copy went to the sessions folder; the message says so.
    let recovery = store::recovery::recovery_path(&made);
    let said = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(
        said.contains(&recovery.display().to_string()),
        "names the recovery file:\n{said}"
    );
    assert!(
        std::fs::read_to_string(&recovery)
            .expect("read")
            .contains("Belum tersimpan")
    );
    drop(tui);

    // The home screen offers it; p makes it the session in the sessions folder.
    let mut home = env.spawn(&[], 24, 110);
    home.wait_for("the offer", |s| {
        s.contains("Salinan pemulihan ditemukan") && s.contains("1 masukan")
    });
    home.send("p");
    home.wait_for("the recovered session", |s| s.contains("Salinan pemulihan dipakai"));
    home.send("q");
    home.wait_exit_success();
    assert!(has(&made, "Belum tersimpan"));
}

#[test]
fn a_full_disk_says_so_keeps_the_file_and_saves_once_there_is_room() {
    let Some((fs, _env, path, mut tui)) = session_on_tmpfs(64, "the full disk test", "Kabupaten Uji Penuh") else {
        return;
    };
    tui.wait_text("Tersimpan pukul");
    // No earlier versions whose space could be given up (see the next test).
    std::fs::remove_dir_all(store::backup::backup_dir(&path)).expect("no backups");
    let before = std::fs::read(&path).expect("read");
    // Fill what is left.
    let filler = fs.path().join("pengisi.bin");
    let _ = std::fs::write(&filler, vec![7u8; 1024 * 1024]);
    add_entry(&mut tui, "Disk penuh");
    tui.wait_text("GAGAL MENYIMPAN");
    assert_eq!(std::fs::read(&path).expect("read"), before, "the file is untouched");
    assert!(store::load(&path).is_ok());

    std::fs::remove_file(&filler).expect("make room");
    add_entry(&mut tui, "Ada ruang lagi");
    tui.wait_for("saved again", |s| s.contains("Tersimpan pukul") && !s.contains("GAGAL"));
    assert!(has(&path, "Disk penuh") && has(&path, "Ada ruang lagi"));
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn on_a_full_disk_the_oldest_backups_give_way_to_the_session() {
    let Some((fs, _env, path, mut tui)) = session_on_tmpfs(256, "the full disk test", "Kabupaten Uji Cadangan") else {
        return;
    };
    for i in 0..6 {
        add_entry(&mut tui, &format!("Versi {i}"));
        tui.wait_for("saved", |s| s.contains("Tersimpan pukul"));
    }
    // While its saves only add entries the app keeps at most one backup every `BACKUP_GAP`;
    // the earlier versions a longer session would have left are put beside it directly.
    let earlier = std::fs::read(&path).expect("read");
    let hour_ago = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    for i in 0..6 {
        store::backup::keep(&path, &earlier, hour_ago + time::Duration::minutes(i)).expect("an earlier version");
    }
    let kept = store::backup::list(&path).len();
    assert!(kept >= 6, "{kept} backups");
    let filler = fs.path().join("pengisi.bin");
    let _ = std::fs::write(&filler, vec![7u8; 1024 * 1024]);
    add_entry(&mut tui, "Disk penuh, tetap tersimpan");
    tui.wait_for("saved", |s| s.contains("Tersimpan pukul") && !s.contains("GAGAL"));
    assert!(has(&path, "Disk penuh, tetap tersimpan"));
    let left = store::backup::list(&path);
    assert!(
        left.len() < kept,
        "older versions gave up their space: {} of {kept} left",
        left.len()
    );
    assert!(left.iter().all(|b| b.summary.is_ok()), "what is left still loads");
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn a_file_deleted_or_replaced_under_us_is_written_again_and_the_stranger_kept() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Hilang", "1", "2024-05-06");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 24, 110);
    to_governance(&mut tui);
    add_entry(&mut tui, "Pertama");
    std::fs::remove_file(&path).expect("delete");
    add_entry(&mut tui, "Kedua");
    tui.wait_for("saved", |s| s.contains("Tersimpan pukul") && !s.contains("GAGAL"));
    assert!(has(&path, "Pertama") && has(&path, "Kedua"));

    std::fs::write(&path, "bukan sesi").expect("replace");
    add_entry(&mut tui, "Ketiga");
    tui.wait_for("saved", |s| s.contains("Tersimpan pukul") && !s.contains("GAGAL"));
    assert!(has(&path, "Ketiga"));
    let kept: Vec<String> = store::backup::list(&path)
        .iter()
        .map(|b| std::fs::read_to_string(&b.path).expect("read backup"))
        .collect();
    assert!(
        kept.iter().any(|t| t == "bukan sesi"),
        "what replaced the file is kept as a backup"
    );
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn save_as_writes_elsewhere_and_goes_on_there_with_its_lock() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Simpan", "1", "2024-05-06");
    let usb = env.tmp.path().join("flashdisk");
    std::fs::create_dir_all(&usb).expect("mkdir");
    let target = usb.join("salinan-sesi.ron");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 24, 110);
    to_governance(&mut tui);
    add_entry(&mut tui, "Sebelum pindah");

    let clear = "\x7f".repeat(200);
    // Onto another file that exists: refused, the dialog stays, the file untouched.
    let other = usb.join("sesi-lain.ron");
    std::fs::write(&other, "milik orang lain").expect("write");
    tui.send("S");
    tui.wait_text("Simpan sebagai");
    tui.send(&clear);
    tui.send(other.to_str().expect("utf-8"));
    tui.send(ENTER);
    tui.wait_for("refused", |s| s.contains("Simpan sebagai") && s.contains("sudah ada"));
    assert_eq!(std::fs::read_to_string(&other).expect("read"), "milik orang lain");
    // Into a folder that is not there (a USB stick pulled out): refused.
    tui.send(&clear);
    tui.send(&usb.join("tidak-ada").join("x.ron").display().to_string());
    tui.send(ENTER);
    tui.wait_for("refused", |s| s.contains("tidak ada"));
    // Onto the stick.
    tui.send(&"\x7f".repeat(200));
    tui.send(&usb.join("salinan-sesi").display().to_string());
    tui.send(ENTER);
    tui.wait_for("saved as", |s| {
        s.contains("Disimpan sebagai") && !s.contains("Berkas baru")
    });
    add_entry(&mut tui, "Sesudah pindah");
    tui.wait_for("saved", |s| s.contains("Tersimpan pukul"));
    assert!(has(&target, "Sebelum pindah") && has(&target, "Sesudah pindah"));
    assert!(!has(&path, "Sesudah pindah"), "the old file stays as it was");

    // The new file is locked, the old one free.
    let out = env
        .plain(&["open", target.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sedang dibuka"));
    assert!(store::SessionLock::acquire(&path, time::OffsetDateTime::now_utc()).is_ok());
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn a_second_bimtek_is_told_who_holds_the_session_and_may_read_it() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Kunci", "1", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path");
    let mut holder = env.spawn(&["open", path_arg], 24, 110);
    to_governance(&mut holder);
    add_entry(&mut holder, "Milik pemegang");
    let pid = holder.pid().to_string();

    // On the command line: who, and how to only look.
    let out = env.plain(&["open", path_arg]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&pid) && stderr.contains("--read-only"), "{stderr}");

    // Read-only: shown, nothing written, the holder undisturbed.
    let before = std::fs::read(&path).expect("read");
    let mut reader = env.spawn(&["open", path_arg, "--read-only"], 24, 110);
    reader.wait_for("the read-only view", |s| {
        s.contains("HANYA BACA") && s.contains("Langkah 5 dari")
    });
    reader.send("a");
    reader.wait_text("Hanya dibaca");
    reader.send("q");
    reader.wait_exit_success();
    assert_eq!(std::fs::read(&path).expect("read"), before);

    // From the home screen: the dialog, then read-only.
    let mut home = env.spawn(&[], 24, 110);
    home.wait_text("Kabupaten Uji Kunci");
    home.send(ENTER);
    home.wait_for("the lock dialog", |s| {
        s.contains("Sesi sedang dibuka di tempat lain") && s.contains(&pid)
    });
    home.send("r");
    home.wait_for("the read-only view", |s| {
        s.contains("HANYA BACA") && s.contains("Milik pemegang")
    });
    home.send("q");
    home.wait_exit_success();

    // Restoring a backup is refused while the holder has it.
    let out = env
        .plain(&["restore", path_arg, "--backup", "1"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sedang dibuka"));

    // The holder dies without a chance to clean up: the lock is free again.
    holder.signal("KILL");
    holder.wait_exit();
    assert!(
        store::lock::lock_path(&path).exists(),
        "the lock file itself stays behind"
    );
    let mut next = env.spawn(&["open", path_arg], 24, 110);
    next.wait_for("the session taken over", |s| {
        s.contains("Milik pemegang") && !s.contains("HANYA BACA")
    });
    add_entry(&mut next, "Pemegang baru");
    next.send("q");
    next.wait_exit_success();
    assert!(has(&path, "Pemegang baru"));
}

#[test]
fn backups_are_listed_and_restored_from_the_command_line() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Cadangan", "1", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path");
    let out = env.plain(&["restore", path_arg]).output().expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Belum ada cadangan"));

    let csv = env.tmp.path().join("masukan.csv");
    for text in ["Impor pertama", "Impor kedua"] {
        std::fs::write(
            &csv,
            format!("pillar,element,kind,text,proposer,opd\ngovernance,,program,{text},,\n"),
        )
        .expect("csv");
        let out = env
            .plain(&["import", path_arg, "--csv", csv.to_str().expect("utf-8")])
            .output()
            .expect("import");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let out = env.plain(&["restore", path_arg]).output().expect("run");
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    let rows: Vec<&str> = listing
        .lines()
        .filter(|l| l.trim_start().starts_with(char::is_numeric))
        .collect();
    assert_eq!(rows.len(), 2, "{listing}");
    assert!(
        rows[0].trim_start().starts_with("1.") && rows[0].contains("1 masukan"),
        "{listing}"
    );
    assert!(
        rows[1].trim_start().starts_with("2.") && rows[1].contains("0 masukan"),
        "{listing}"
    );

    let out = env
        .plain(&["restore", path_arg, "--backup", "2"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(entries_on_disk(&path).is_empty());
    assert_eq!(store::backup::list(&path).len(), 3, "the replaced version is kept too");

    let out = env
        .plain(&["restore", path_arg, "--backup", "9"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nomor 9"));
}

#[test]
fn a_backup_is_restored_from_the_home_screen() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Pulih", "1", "2024-05-06");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 24, 110);
    to_governance(&mut tui);
    add_entry(&mut tui, "Akan dihapus");
    tui.send("d");
    tui.wait_text("Hapus masukan ini?");
    tui.send("y");
    tui.wait_for("deleted", |s| s.contains("Masukan dihapus"));
    tui.send(ESC);
    tui.wait_for("the home screen", |s| {
        s.contains("Folder sesi") && s.contains("Kabupaten Uji Pulih")
    });
    assert!(!has(&path, "Akan dihapus"));

    tui.send("b");
    tui.wait_for("the backup list", |s| {
        s.contains("Cadangan:") && s.contains("1 masukan")
    });
    // Newest first: the version with the entry is the first row (before the delete).
    tui.send(ENTER);
    tui.wait_text("Pulihkan versi");
    tui.send("y");
    tui.wait_for("restored", |s| s.contains("dipulihkan") && !s.contains("Cadangan:"));
    assert!(has(&path, "Akan dihapus"));
    tui.send("q");
    tui.wait_exit_success();
}

/// A session on a FAT32 stick, under a name with spaces and non-ASCII letters: saves work, and
/// the backup (a copy, FAT has no hard links) keeps the version before.
#[test]
fn a_session_on_a_fat_stick_keeps_its_backups_as_copies() {
    let Some(stick) = Vfat::mount("the FAT stick test") else {
        return;
    };
    let probe = stick.path().join("probe.ron");
    std::fs::write(&probe, "()").expect("write on FAT");
    assert!(
        std::fs::hard_link(&probe, stick.path().join("probe-link.ron")).is_err(),
        "a FAT stick has no hard links"
    );
    std::fs::remove_file(&probe).expect("remove on FAT");
    let name = if stick.non_ascii_names {
        "Sesi Kota Bitung – pleno é.ron"
    } else {
        eprintln!("the FAT stick test: this FAT driver takes ASCII long names only");
        "Sesi Kota Bitung - pleno.ron"
    };
    let path = stick.path().join(name);
    let mut session: bimtek::domain::Session = store::load(&support::sample_path()).expect("sample");
    store::backup::save_over(&path, &store::to_ron(&session)).expect("first save on FAT");
    session.title = "Versi kedua".into();
    store::backup::save_over(&path, &store::to_ron(&session)).expect("second save on FAT");
    assert_eq!(store::load(&path).expect("loads").title, "Versi kedua");
    let kept = store::backup::list(&path);
    assert_eq!(kept.len(), 1, "one backup of the first version");
    let first = store::load(&kept[0].path).expect("backup loads");
    assert_ne!(first.title, "Versi kedua");
}

/// The same stick as the facilitator uses it: sessions kept on it, entries added on screen,
/// each saved at once, a version before kept as a backup copy.
#[test]
fn working_on_a_fat_stick_saves_every_entry_and_keeps_backups() {
    let Some(stick) = Vfat::mount("the FAT stick session test") else {
        return;
    };
    let env = Env::with_sessions(stick.path());
    let path = env.new_session("Kabupaten Uji Flashdisk", "1", "2024-05-06");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 24, 110);
    to_governance(&mut tui);
    add_entry(&mut tui, "Satu di flashdisk");
    tui.wait_text("Tersimpan pukul");
    add_entry(&mut tui, "Dua di flashdisk");
    tui.wait_for("the second entry saved", |s| {
        s.contains("Dua di flashdisk") && s.contains("Tersimpan pukul")
    });
    tui.send("q");
    tui.wait_exit_success();
    assert!(has(&path, "Satu di flashdisk") && has(&path, "Dua di flashdisk"));
    let kept = store::backup::list(&path);
    assert!(!kept.is_empty(), "the versions before are kept on the stick");
    // A save that only adds entries is backed up at most every 10 seconds (the file holds all
    // that the backup would), so the newest copy is a version from before the second entry.
    let newest = store::load(&kept[0].path).expect("the newest backup loads");
    assert!(!newest.entries.iter().any(|e| e.text == "Dua di flashdisk"));
}
