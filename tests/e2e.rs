//! End to end: the real binary in a pseudo-terminal, driven with key presses, its screen read
//! back through a terminal emulator (vt100). Every step waits for something to appear on the
//! screen (or the process to end) instead of sleeping, so the tests are as fast as the app and do
//! not flake on a busy machine. Each test has its own temporary sessions folder and HOME.

mod support;

use std::path::PathBuf;
use std::time::Instant;

use support::{ENTER, ESC, Env, RIGHT, TIMEOUT, add_entry, sample_path};

#[test]
fn entries_added_on_screen_are_there_after_reopening() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji", "1", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path");

    let mut tui = env.spawn(&["open", path_arg], 24, 100);
    tui.wait_text("Langkah 1 dari");
    tui.wait_text("Kabupaten Uji");
    for step in 2..=5 {
        tui.send(RIGHT);
        tui.wait_text(&format!("Langkah {step} dari"));
    }
    tui.wait_text("Smart Governance");
    add_entry(&mut tui, "Antrean KTP panjang");
    tui.wait_text("Tersimpan pukul");
    add_entry(&mut tui, "Potensi wisata bahari");
    tui.wait_for("both entries", |s| {
        s.contains("Antrean KTP panjang") && s.contains("Potensi wisata bahari")
    });
    tui.send("q");
    tui.wait_exit_success();
    drop(tui);

    let text = std::fs::read_to_string(&path).expect("read the session");
    assert!(text.contains("Antrean KTP panjang"), "{text}");
    assert!(text.contains("Potensi wisata bahari"), "{text}");

    let mut home = env.spawn(&[], 24, 100);
    home.wait_text("Kabupaten Uji");
    home.send(ENTER);
    home.wait_for("both entries after reopening, at the step left on", |s| {
        s.contains("Antrean KTP panjang") && s.contains("Potensi wisata bahari") && s.contains("Langkah 5 dari")
    });
    home.send("q");
    home.wait_exit_success();
}

#[test]
fn a_session_open_on_screen_is_locked_against_a_second_bimtek() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji", "2", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path");
    let mut tui = env.spawn(&["open", path_arg], 24, 100);
    tui.wait_text("Langkah 1 dari");
    let pid = tui.pid();

    let started = Instant::now();
    let out = env.plain(&["open", path_arg]).output().expect("run the second bimtek");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(started.elapsed() < TIMEOUT, "the refusal took {:?}", started.elapsed());
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("sedang dibuka"), "{stderr}");
    assert!(
        stderr.contains(&pid.to_string()),
        "names the holder's process {pid}: {stderr}"
    );

    // A CSV import would write to the file too: also refused, and the file is untouched.
    let before = std::fs::read(&path).expect("read");
    let csv = env.tmp.path().join("masukan.csv");
    std::fs::write(
        &csv,
        "pillar,element,kind,text,proposer,opd\ngovernance,,program,Mal pelayanan publik,,\n",
    )
    .expect("write csv");
    let csv_arg = csv.to_str().expect("utf-8 path");
    let out = env
        .plain(&["import", path_arg, "--csv", csv_arg])
        .output()
        .expect("run import");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("sedang dibuka"), "{stderr}");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    // The first one is undisturbed, and quitting it gives the file back.
    tui.wait_text("Langkah 1 dari");
    tui.send("q");
    tui.wait_exit_success();
    drop(tui);
    let out = env
        .plain(&["import", path_arg, "--csv", csv_arg])
        .output()
        .expect("run import");
    assert!(
        out.status.success(),
        "the lock is released on quit: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_terminal_too_small_says_so_until_it_is_enlarged() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji", "1", "2024-05-06");
    let mut tui = env.spawn(&["open", path.to_str().expect("utf-8 path")], 10, 40);
    tui.wait_text("terlalu kecil");
    tui.resize(24, 100);
    tui.wait_for("the session screen at 24×100", |s| {
        s.contains("Langkah 1 dari") && s.contains("Kabupaten Uji") && !s.contains("terlalu kecil")
    });
    tui.resize(10, 40);
    tui.wait_text("terlalu kecil");
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn demo_works_on_a_copy_and_leaves_the_sample_alone() {
    let env = Env::new();
    let sample = std::fs::read(sample_path()).expect("read the sample");
    let mut tui = env.spawn(&["demo"], 24, 100);
    tui.wait_text("Kabupaten Halmahera Utara");
    tui.wait_text("Langkah 1 dari");
    add_entry(&mut tui, "Latihan fasilitator");
    tui.send("q");
    tui.wait_exit_success();
    drop(tui);

    assert_eq!(
        std::fs::read(sample_path()).expect("read the sample"),
        sample,
        "the sample in the repository was changed"
    );
    let copies: Vec<PathBuf> = std::fs::read_dir(env.sessions())
        .expect("list the sessions folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = std::fs::read_to_string(&copies[0]).expect("read the copy");
    assert!(copy.contains("Latihan fasilitator"), "the entry went to the copy");
    assert!(copy.contains("Kabupaten Halmahera Utara"));
}

#[test]
fn esc_cancels_delete_asks_undo_and_redo_follow() {
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji", "1", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path");
    let mut tui = env.spawn(&["open", path_arg], 24, 100);
    tui.wait_text("Langkah 1 dari");
    for step in 2..=5 {
        tui.send("n");
        tui.wait_text(&format!("Langkah {step} dari"));
    }

    // Esc leaves the form without saving, after asking since text was typed.
    tui.send("a");
    tui.wait_text("Tambah masukan");
    tui.send("Tidak jadi dicatat");
    tui.wait_text("Tidak jadi dicatat");
    tui.send("\x1b");
    tui.wait_text("Buang yang sudah diketik?");
    tui.send("y");
    tui.wait_for("the form closed", |s| {
        !s.contains("Tambah masukan") && !s.contains("Tidak jadi dicatat")
    });

    // Delete asks first; y deletes, u brings it back, Ctrl-R deletes it again.
    add_entry(&mut tui, "Mal pelayanan publik");
    tui.send("d");
    tui.wait_text("Hapus masukan ini?");
    tui.send("y");
    tui.wait_for("the entry deleted", |s| {
        s.contains("Masukan dihapus") && !s.contains("Mal pelayanan publik")
    });
    tui.send("u");
    tui.wait_for("the entry back", |s| {
        s.contains("Diurungkan: hapus masukan 'Mal pelayanan publik'") && s.contains("] Mal pelayanan publik")
    });
    tui.send("\x12");
    tui.wait_for("the entry deleted again", |s| {
        s.contains("Perubahan diterapkan lagi: hapus masukan") && !s.contains("] Mal pelayanan publik")
    });

    // Esc on the session goes back home and gives the file back.
    tui.send("\x1b");
    tui.wait_for("the home screen", |s| {
        s.contains("Kabupaten Uji") && !s.contains("Langkah 5 dari")
    });
    let text = std::fs::read_to_string(&path).expect("read the session");
    assert!(!text.contains("Tidak jadi dicatat"), "a cancelled form was saved");
    assert!(
        !text.contains("Mal pelayanan publik"),
        "the redone delete was not saved"
    );
    let csv = env.tmp.path().join("masukan.csv");
    std::fs::write(&csv, "pillar,element,kind,text,proposer,opd\n,,note,Catatan,,\n").expect("write csv");
    let out = env
        .plain(&["import", path_arg, "--csv", csv.to_str().expect("utf-8 path")])
        .output()
        .expect("run import");
    assert!(
        out.status.success(),
        "the lock is released on leaving the session: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn a_voting_round_ends_in_a_ranking_that_survives_reopening() {
    let env = Env::new();
    let mut tui = env.spawn(&["demo"], 30, 110);
    tui.wait_text("Langkah 1 dari");
    for n in 2..=5 {
        tui.send(RIGHT);
        tui.wait_text(&format!("Langkah {n} dari"));
    }
    tui.send("v");
    tui.wait_text("HASIL DISEMBUNYIKAN");
    // Paper dots: one each on the first two ideas, three on the third.
    tui.send(" ");
    tui.wait_text("1 suara masuk");
    tui.send("\x1b[B");
    tui.send(" ");
    tui.wait_text("2 suara masuk");
    tui.send("\x1b[B");
    for n in 3..=5 {
        tui.send(" ");
        tui.wait_text(&format!("{n} suara masuk"));
    }
    tui.send("r");
    let screen = tui.wait_text("HASIL TERBUKA");
    let first = screen.lines().find(|l| l.contains(" 1. ")).expect("a first place");
    assert!(
        first.contains("Portal Satu Data"),
        "the most-voted idea ranks first:\n{screen}"
    );
    assert!(
        screen.contains("2= (seri)"),
        "the two ideas with one vote each share second place:\n{screen}"
    );
    tui.wait_text("Tersimpan pukul");
    tui.send("q");
    tui.wait_exit_success();
    drop(tui);

    let mut tui = env.spawn(&["demo"], 30, 110);
    tui.wait_text("Langkah 5 dari");
    tui.send("v");
    let screen = tui.wait_text("HASIL TERBUKA");
    assert!(screen.contains("5 suara masuk"), "{screen}");
    tui.send("\x1b");
    tui.wait_for("the tool closes", |s| !s.contains("HASIL TERBUKA"));
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn the_audience_view_follows_the_facilitator_without_a_key_pressed() {
    let env = Env::new();
    let path = env.new_session("Kota Tidore Kepulauan", "1", "2024-05-06");
    let shown = path.display().to_string();
    let mut facilitator = env.spawn(&["open", &shown], 24, 100);
    facilitator.wait_text("Langkah 1 dari");
    let mut audience = env.spawn(&["present", &shown], 30, 100);
    audience.wait_text("Langkah 1 dari");
    for n in 2..=5 {
        facilitator.send(RIGHT);
        facilitator.wait_text(&format!("Langkah {n} dari"));
    }
    audience.wait_text("Langkah 5 dari");
    add_entry(&mut facilitator, "Mal pelayanan publik di Soasio");
    audience.wait_text("Mal pelayanan publik di Soasio");
    facilitator.send(RIGHT);
    facilitator.wait_text("Langkah 6 dari");
    let screen = audience.wait_text("Langkah 6 dari");
    assert!(
        !screen.contains("Catatan fasilitator"),
        "the room never sees the notes:\n{screen}"
    );
    facilitator.send("q");
    facilitator.wait_exit_success();
    audience.send("q");
    audience.wait_exit_success();
}

#[test]
fn the_audience_view_keeps_the_last_good_state_while_the_file_is_garbage() {
    let env = Env::new();
    let path = env.new_session("Kota Tidore Kepulauan", "1", "2024-05-06");
    let good = std::fs::read(&path).expect("read");
    let shown = path.display().to_string();
    let mut audience = env.spawn(&["present", &shown], 30, 100);
    audience.wait_text("Langkah 1 dari");
    std::fs::write(&path, b"(schema_version: 2, id: \"rusak").expect("write garbage");
    let screen = audience.wait_text("menunggu berkas");
    assert!(
        screen.contains("Langkah 1 dari"),
        "the last good state stays:\n{screen}"
    );
    std::fs::write(&path, &good).expect("write back");
    audience.wait_for("the waiting mark goes", |s| !s.contains("menunggu berkas"));
    audience.send("q");
    audience.wait_exit_success();
    assert_eq!(
        std::fs::read(&path).expect("read"),
        good,
        "the audience view never writes"
    );
}

#[test]
#[cfg(unix)]
fn closing_the_terminal_ends_bimtek_and_frees_the_session() {
    let env = Env::new();
    let path = env.new_session("Kota Ternate", "1", "2024-05-06");
    let shown = path.display().to_string();
    let mut tui = env.spawn(&["open", &shown], 24, 100);
    tui.wait_text("Langkah 1 dari");
    add_entry(&mut tui, "Sebelum jendela ditutup");
    tui.wait_text("Tersimpan pukul");
    tui.signal("HUP");
    tui.wait_exit();
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("Sebelum jendela ditutup"));
    // The lock went with the process: another bimtek may write the session now.
    let csv = env.sessions().join("x.csv");
    std::fs::write(
        &csv,
        "pillar,element,kind,text,proposer,opd\nliving,,problem,Sesudahnya,,\n",
    )
    .expect("csv");
    let out = env
        .plain(&["import", &shown, "--csv", &csv.display().to_string()])
        .output()
        .expect("import");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn no_color_means_no_colour_on_the_real_terminal() {
    let env = Env::new();
    let mut tui = env.spawn_with(&["demo"], 24, 100, &[("NO_COLOR", "1"), ("COLORTERM", "truecolor")]);
    tui.wait_text("Langkah 1 dari");
    tui.send(RIGHT);
    tui.wait_text("Langkah 2 dari");
    assert_eq!(
        tui.coloured_cells(),
        Vec::<(u16, u16)>::new(),
        "coloured cells on the terminal"
    );
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn theme_and_language_chosen_on_screen_are_remembered() {
    let env = Env::new();
    let mut tui = env.spawn(&["demo"], 24, 100);
    tui.wait_text("Langkah 1 dari");
    tui.send("L");
    tui.wait_text("Step 1 of");
    tui.send("T");
    tui.send("q");
    tui.wait_exit_success();
    drop(tui);
    let config = std::fs::read_to_string(env.home().join(".config/bimtek/config.ron")).expect("config written");
    assert!(config.contains("en") && config.contains("terang"), "{config}");
    let mut tui = env.spawn(&["demo"], 24, 100);
    tui.wait_text("Step 1 of");
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn demo_of_a_later_stage_opens_its_own_sample_and_home_lists_every_stage() {
    let env = Env::new();
    let mut tui = env.spawn(&["demo", "--stage", "4"], 30, 110);
    tui.wait_text("Bimtek IV");
    tui.wait_text("Penetapan quick win");
    tui.send("q");
    tui.wait_exit_success();
    drop(tui);
    assert!(
        env.sessions()
            .join("contoh-kabupaten-halmahera-utara-bimtek-4-2021-12-14.ron")
            .exists()
    );

    // Home: the samples of Bimtek I–IV are the last rows; the last one opens Bimtek III's sample
    // after one step up.
    let mut tui = env.spawn(&[], 30, 110);
    tui.wait_text("Bimtek IV");
    tui.send("G");
    tui.send("k");
    tui.send("\r");
    tui.wait_text("Road map pelaksanaan");
    let screen = tui.wait_text("Bimtek III");
    assert!(!screen.contains("Penetapan quick win"), "{screen}");
    tui.send("q");
    tui.wait_exit_success();
}

#[test]
fn two_groups_sessions_are_merged_into_the_plenary_from_the_home_screen() {
    let env = Env::new();
    let plenary = env.new_session("Kabupaten Uji", "1", "2024-05-06");
    // Each group works on a copy of the plenary's file (same session, so they may be merged).
    let groups = [
        ("kelompok-1.ron", "Mal pelayanan publik terpadu"),
        ("kelompok-2.ron", "Bank sampah di setiap desa"),
    ];
    for (name, text) in groups {
        let copy = env.sessions().join(name);
        std::fs::copy(&plenary, &copy).expect("copy the plenary's file");
        let csv = env.tmp.path().join(format!("{name}.csv"));
        std::fs::write(
            &csv,
            format!("pillar,element,kind,text,proposer,opd\ngovernance,,program,{text},,\n"),
        )
        .expect("write csv");
        let out = env
            .plain(&[
                "import",
                copy.to_str().expect("utf-8 path"),
                "--csv",
                csv.to_str().expect("utf-8 path"),
            ])
            .output()
            .expect("run import");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    // The plenary's file sorts first, so it is the selected row: the target.
    let mut tui = env.spawn(&[], 30, 110);
    tui.wait_text("m gabungkan");
    tui.send("m");
    tui.wait_text("Gabungkan ke kabupaten-uji-bimtek-1-2024-05-06.ron");
    tui.wait_text("kelompok-2.ron");
    tui.send(" ");
    tui.wait_text("Akan masuk: 1 masukan");
    tui.send("j");
    tui.send(" ");
    tui.wait_text("Akan masuk: 2 masukan");
    tui.send(ENTER);
    tui.wait_text("Penggabungan selesai");
    tui.wait_text("bertambah 2 masukan");
    tui.send(ENTER);
    tui.wait_for("home again, the dialog closed", |s| {
        s.contains("m gabungkan") && !s.contains("Penggabungan selesai")
    });
    tui.send("q");
    tui.wait_exit_success();
    drop(tui);

    let merged = std::fs::read_to_string(&plenary).expect("read the plenary");
    for (_, text) in groups {
        assert!(merged.contains(text), "{text} is in the plenary: {merged}");
    }
    let first = std::fs::read_to_string(env.sessions().join("kelompok-1.ron")).expect("read a group");
    assert!(!first.contains(groups[1].1), "the sources are not changed");
    let out = env
        .plain(&["check", plenary.to_str().expect("utf-8 path")])
        .output()
        .expect("run check");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn merging_into_a_session_open_in_another_bimtek_is_refused_naming_the_file() {
    let env = Env::new();
    let plenary = env.new_session("Kabupaten Uji", "1", "2024-05-06");
    let group = env.sessions().join("kelompok-1.ron");
    std::fs::copy(&plenary, &group).expect("copy the plenary's file");
    let before = std::fs::read(&plenary).expect("read");
    let mut open = env.spawn(&["open", plenary.to_str().expect("utf-8 path")], 24, 100);
    open.wait_text("Langkah 1 dari");

    let mut home = env.spawn(&[], 30, 110);
    home.wait_text("m gabungkan");
    home.send("m");
    home.wait_text("kelompok-1.ron");
    home.send(" ");
    home.wait_text("Tidak ada yang baru");
    home.send(ENTER);
    let screen = home.wait_text("sedang dibuka");
    assert!(screen.contains("kabupaten-uji-bimtek-1-2024-05-06"), "{screen}");
    assert!(!screen.contains("Penggabungan selesai"), "{screen}");
    home.send(ESC);
    home.wait_for("home again", |s| {
        !s.contains("sedang dibuka") && s.contains("m gabungkan")
    });
    home.send("q");
    home.wait_exit_success();
    open.send("q");
    open.wait_exit_success();
    assert_eq!(
        std::fs::read(&plenary).expect("read"),
        before,
        "the target is untouched"
    );
}

/// `bimtek open FILE --room --bind 127.0.0.1`: the room panel shows the address; an idea sent
/// over HTTP as a phone sends it is counted on the status line; accepting it with the inbox
/// keys puts it on the screen and in the file.
#[test]
fn an_idea_from_a_phone_is_counted_accepted_and_saved() {
    use std::io::{Read, Write};
    let env = Env::new();
    let path = env.new_session("Kabupaten Uji Ruang", "1", "2024-05-06");
    let path_arg = path.to_str().expect("utf-8 path");
    let mut tui = env.spawn(
        &["open", path_arg, "--room", "--bind", "127.0.0.1", "--port", "0"],
        40,
        120,
    );
    support::to_governance(&mut tui);
    tui.wait_text("0 usulan menunggu");
    tui.send("w");
    // What a participant reads off the screen: the short address and the join code.
    let screen = tui.wait_for("the address and the join code", |s| {
        s.contains("127.0.0.1:") && s.contains("Kode: ")
    });
    // The longest run after the marker: a link wrapped at the panel's edge may cut one short.
    let after = |marker: &str| {
        screen
            .split(marker)
            .skip(1)
            .map(|rest| rest.chars().take_while(char::is_ascii_alphanumeric).collect::<String>())
            .max_by_key(String::len)
            .unwrap_or_default()
    };
    let host = format!("127.0.0.1:{}", after("127.0.0.1:"));
    let code = after("Kode: ");
    assert_eq!(code.len(), 5, "a join code on screen:\n{screen}");
    tui.send(support::ESC);
    let host = host.as_str();
    let request = |method: &str, path: &str, headers: &str, body: &str| {
        let mut s = std::net::TcpStream::connect(host).expect("connect");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n{headers}",
            body.len()
        );
        s.write_all(format!("{head}\r\n{body}").as_bytes()).expect("send");
        let mut raw = String::new();
        let _ = s.read_to_string(&mut raw);
        raw
    };
    let header = |raw: &str, name: &str| {
        raw.lines()
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    // The landing page takes the join code and leads to the link with the token.
    let joined = request(
        "POST",
        "/join",
        "Content-Type: application/x-www-form-urlencoded\r\n",
        &format!("code={code}"),
    );
    let link = header(&joined, "location");
    let token = link.trim_start_matches('/').to_string();
    assert!(token.len() >= 26, "a 128-bit token in the link: {joined}");
    // The audience view learns the link from the note beside the session while the room runs.
    let note_path = path.with_file_name(format!(
        ".{}.room",
        path.file_name().and_then(|n| n.to_str()).expect("name")
    ));
    let note = std::fs::read_to_string(&note_path).expect("the note for the audience view");
    assert!(note.contains(&token), "{note}");
    let page = request("GET", &format!("/{token}"), "", "");
    let cookie = header(&page, "set-cookie");
    let cookie = cookie.split(';').next().unwrap_or("");
    assert!(!cookie.is_empty(), "a device cookie: {page}");
    let sent = request(
        "POST",
        &format!("/{token}/ideas"),
        &format!("Cookie: {cookie}\r\nContent-Type: application/json\r\n"),
        r#"{"id":"e2e-1","text":"Layanan KTP keliling ke pulau-pulau","name":"Rina","opd":"Disdukcapil"}"#,
    );
    assert!(sent.starts_with("HTTP/1.1 201"), "{sent}");
    tui.wait_text("1 usulan menunggu");
    tui.send("w");
    tui.wait_text("Layanan KTP keliling");
    tui.send(ENTER);
    tui.wait_text("0 usulan menunggu");
    tui.send(support::ESC);
    tui.wait_for("the idea as an entry on screen", |s| {
        s.contains("] Layanan KTP keliling ke pulau-pulau") && s.contains("Tersimpan pukul")
    });
    tui.send("q");
    tui.wait_exit_success();
    let file = std::fs::read_to_string(&path).expect("read the session");
    assert!(file.contains("Layanan KTP keliling ke pulau-pulau"), "{file}");
    assert!(
        file.contains("status: accepted"),
        "the idea is marked as accepted:\n{file}"
    );
    assert!(!note_path.exists(), "the note is gone once bimtek ends");
}
