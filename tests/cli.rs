//! The command line as a black box: every subcommand that runs without a terminal, its exit
//! codes (0 success, 1 user error with one line on stderr, 2 bad usage) and what it does to the
//! files. Each test works in its own temporary folder, passed as `--sessions-dir`, with HOME and
//! the XDG folders pointed there too, so the user's own data is never read or touched.

use std::fs;
use std::path::{Path, PathBuf};

mod support;

use support::cli::{one_line_error, run};
use support::{Env, SAMPLE_NAME, sample_path};

/// Runs `bimtek new` and returns the path it printed on its last line.
fn create(env: &Env, args: &[&str]) -> PathBuf {
    let out = env
        .bimtek()
        .arg("new")
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).expect("utf-8 stdout");
    let last = stdout.lines().last().expect("new prints the path last");
    PathBuf::from(last)
}

/// Splits `[bimtek: ]PATH:LINE:COL: message` into its parts.
fn located<'a>(line: &'a str, path: &Path) -> (usize, usize, &'a str) {
    let shown = path.display().to_string();
    let rest = line.strip_prefix("bimtek: ").unwrap_or(line);
    let rest = rest
        .strip_prefix(&shown)
        .and_then(|r| r.strip_prefix(':'))
        .unwrap_or_else(|| panic!("'{line}' does not start with '{shown}:'"));
    let mut parts = rest.splitn(3, ':');
    let number = |p: Option<&str>| -> usize {
        p.and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("'{line}' is not PATH:LINE:COL: message"))
    };
    let l = number(parts.next());
    let c = number(parts.next());
    let message = parts.next().and_then(|m| m.strip_prefix(' ')).unwrap_or("");
    assert!(l >= 1 && c >= 1, "line and column are 1-based: '{line}'");
    assert!(!message.trim().is_empty(), "no message after the position: '{line}'");
    (l, c, message)
}

/// The text at 1-based line `l`, column `c` (in characters) onwards.
fn text_at(text: &str, l: usize, c: usize) -> String {
    let line = text.lines().nth(l - 1).unwrap_or_else(|| panic!("no line {l}"));
    line.chars().skip(c - 1).collect()
}

// ---------------------------------------------------------------------------------------------
// new

#[test]
fn new_creates_a_session_named_after_region_stage_and_date() {
    let env = Env::new();
    let path = create(
        &env,
        &[
            "--region",
            "Kota Contoh",
            "--stage",
            "2",
            "--date",
            "2024-03-01",
            "--venue",
            "V",
        ],
    );
    assert!(path.is_file(), "{} does not exist", path.display());
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("kota-contoh-bimtek-2-2024-03-01.ron")
    );
    assert_eq!(
        fs::canonicalize(path.parent().expect("parent")).expect("canonical"),
        fs::canonicalize(env.sessions()).expect("canonical"),
        "the session is in the sessions folder"
    );
    let text = fs::read_to_string(&path).expect("read the session");
    assert!(text.contains("schema_version"), "{text}");
    assert!(text.contains("\"Kota Contoh\""), "{text}");
    assert!(text.contains("\"V\""), "the venue is kept: {text}");

    let out = run(env.bimtek().arg("check").arg(&path));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("Kota Contoh"), "{}", out.stdout);
    assert!(out.stdout.contains("Bimtek II"), "{}", out.stdout);
    assert!(out.stdout.contains("2024-03-01"), "{}", out.stdout);
    assert!(out.stdout.contains("0 masukan"), "{}", out.stdout);
}

#[test]
fn new_refuses_to_replace_an_existing_session() {
    let env = Env::new();
    let args = [
        "--region",
        "Kota Contoh",
        "--stage",
        "2",
        "--date",
        "2024-03-01",
        "--venue",
        "V",
    ];
    let path = create(&env, &args);
    let before = fs::read(&path).expect("read");
    let out = run(env.bimtek().arg("new").args(args));
    let message = one_line_error(&out);
    assert!(message.contains("sudah ada"), "{message}");
    assert!(message.contains("kota-contoh-bimtek-2-2024-03-01.ron"), "{message}");
    assert_eq!(fs::read(&path).expect("read"), before, "the existing file was changed");
    let files = fs::read_dir(env.sessions()).expect("list").count();
    assert_eq!(files, 1, "nothing else is left in the sessions folder");
}

#[test]
fn new_with_a_bad_stage_or_date_is_a_usage_error() {
    let env = Env::new();
    for (stage, date) in [
        ("5", "2024-03-01"),
        ("0", "2024-03-01"),
        ("2", "2024-13-01"),
        ("2", "1/3/2024"),
    ] {
        let out = run(env
            .bimtek()
            .args(["new", "--region", "Kota Contoh", "--stage", stage, "--date", date]));
        assert_eq!(out.code, Some(2), "stage {stage}, date {date}: {}", out.stderr);
        assert!(!out.stderr.is_empty());
    }
    let out = run(env.bimtek().args(["new", "--stage", "1"]));
    assert_eq!(out.code, Some(2), "--region is required: {}", out.stderr);
    assert_eq!(
        fs::read_dir(env.sessions()).expect("list").count(),
        0,
        "no file is created by a refused command"
    );
}

#[test]
fn new_accepts_roman_stages_and_refuses_an_empty_region() {
    let env = Env::new();
    let path = env.new_session("Kota Baubau", "III", "2024-03-01");
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("kota-baubau-bimtek-3-2024-03-01.ron")
    );
    let out = run(env
        .bimtek()
        .args(["new", "--region", "   ", "--stage", "1", "--date", "2024-03-01"]));
    let message = one_line_error(&out);
    assert!(message.contains("wajib"), "{message}");
}

#[test]
fn new_keeps_a_path_like_region_inside_the_sessions_folder() {
    let env = Env::new();
    for region in ["../../etc", "/tmp/x", "..", "a/../../b"] {
        let path = env.new_session(region, "2", "2024-03-01");
        assert!(path.is_file(), "{region}: {} does not exist", path.display());
        assert_eq!(
            fs::canonicalize(path.parent().expect("parent")).expect("canonical"),
            fs::canonicalize(env.sessions()).expect("canonical"),
            "{region} left the sessions folder: {}",
            path.display()
        );
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') && !name.starts_with('.'),
            "{region} gave the file name {name}"
        );
        let out = run(env.bimtek().arg("check").arg(&path));
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    }
    // Nothing was written next to the sessions folder.
    let mut beside: Vec<String> = fs::read_dir(env.tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["home", "sessions"]);
}

const TEMPLATE: &str = r#"// A short agenda for a half-day visit.
(
    name: (id: "Kunjungan singkat", en: "Short visit"),
    stage: 2,
    steps: [
        (
            id: "buka",
            kind: info,
            title: (id: "Pembukaan", en: "Opening"),
            minutes: 15,
            collects: [note],
        ),
        (
            id: "tata-kelola",
            kind: pillar,
            pillar: Some(governance),
            title: (id: "Program tata kelola", en: "Governance programmes"),
            minutes: 60,
            collects: [program, problem, note],
        ),
        (
            id: "tutup",
            kind: summary,
            title: (id: "Penutup", en: "Closing"),
            minutes: 10,
        ),
    ],
)
"#;

#[test]
fn new_with_a_custom_template_uses_its_agenda() {
    let env = Env::new();
    let template = env.path("kunjungan.ron");
    fs::write(&template, TEMPLATE).expect("write template");
    let path = create(
        &env,
        &[
            "--region",
            "Kota Contoh",
            "--stage",
            "2",
            "--date",
            "2024-03-01",
            "--template",
            template.to_str().expect("utf-8 path"),
        ],
    );
    let text = fs::read_to_string(&path).expect("read session");
    assert!(text.contains("Kunjungan singkat"), "{text}");
    assert!(text.contains("Program tata kelola"), "{text}");
    let out = run(env.bimtek().arg("check").arg(&path));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("3 langkah agenda"), "{}", out.stdout);
}

#[test]
fn new_with_a_bad_template_points_at_the_mistake() {
    let env = Env::new();
    // A pillar that does not exist: a RON error.
    let unknown_pillar = TEMPLATE.replace("Some(governance)", "Some(tourism)");
    // A pillar named by a step that is not a pillar step: caught by validation.
    let misplaced_pillar = TEMPLATE.replace("kind: info,\n", "kind: info,\n            pillar: Some(economy),\n");
    for (name, text, needle) in [
        ("pilar.ron", unknown_pillar, "tourism"),
        ("info.ron", misplaced_pillar, "\"buka\""),
    ] {
        let template = env.path(name);
        fs::write(&template, &text).expect("write template");
        let out = run(env
            .bimtek()
            .args([
                "new",
                "--region",
                "Kota Contoh",
                "--stage",
                "2",
                "--date",
                "2024-03-01",
                "--template",
            ])
            .arg(&template));
        let message = one_line_error(&out);
        let (line, _col, why) = located(&message, &template);
        let expected_line = text
            .lines()
            .position(|l| l.contains(needle))
            .expect("needle in template")
            + 1;
        assert_eq!(line, expected_line, "{name}: {message}");
        assert!(!why.is_empty());
        assert_eq!(
            fs::read_dir(env.sessions()).expect("list").count(),
            0,
            "{name}: no session is created from a bad template"
        );
    }
    let out = run(env
        .bimtek()
        .args(["new", "--region", "Kota Contoh", "--stage", "2", "--template"])
        .arg(env.path("tidak-ada.ron")));
    let message = one_line_error(&out);
    assert!(message.contains("tidak-ada.ron"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_prints_one_tab_separated_line_a_session() {
    let env = Env::new();
    let a = env.new_session("Kota Contoh", "2", "2024-03-01");
    let b = env.new_session("Kabupaten Lain", "2", "2024-04-02");
    let out = run(env.bimtek().arg("list"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    let mut expected = [
        format!("{}\tKota Contoh\tBimtek II\t2024-03-01\t0", a.display()),
        format!("{}\tKabupaten Lain\tBimtek II\t2024-04-02\t0", b.display()),
    ];
    expected.sort();
    let mut got: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn list_counts_entries_and_flags_files_that_do_not_load() {
    let env = Env::new();
    env.sample_copy(SAMPLE_NAME);
    fs::write(env.sessions().join("rusak.ron"), "(schema_version: 1, id: ").expect("write");
    fs::write(env.sessions().join("catatan.txt"), "not a session").expect("write");
    let out = run(env.bimtek().arg("list"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "only .ron files are listed: {}", out.stdout);
    let sample = lines
        .iter()
        .find(|l| l.contains(SAMPLE_NAME))
        .expect("the sample is listed");
    let fields: Vec<&str> = sample.split('\t').collect();
    assert_eq!(
        fields[1..],
        ["Kabupaten Halmahera Utara", "Bimtek I", "2021-09-07", "76"]
    );
    let broken = lines
        .iter()
        .find(|l| l.contains("rusak.ron"))
        .expect("the broken file is listed");
    assert!(broken.contains('!'), "a file that does not load is marked: {broken}");
}

#[test]
fn list_on_an_empty_or_missing_folder_succeeds() {
    let env = Env::new();
    let out = run(env.bimtek().arg("list"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "", "nothing on stdout for scripts");

    let missing = env.path("tidak-ada");
    let out = run(env.bimtek_in(&missing).arg("list"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(!missing.exists(), "list does not create the folder");
}

#[test]
fn list_follows_the_environment_variable_when_no_flag_is_given() {
    let env = Env::new();
    env.new_session("Kota Contoh", "1", "2024-03-01");
    let out = run(env.bare().env("BIMTEK_SESSIONS_DIR", env.sessions()).arg("list"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("Kota Contoh\tBimtek I\t2024-03-01\t0"),
        "{}",
        out.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_summarises_the_sample() {
    let env = Env::new();
    let before = fs::read(sample_path()).expect("read sample");
    let out = run(env.bimtek().arg("check").arg(sample_path()));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("76 masukan"), "{}", out.stdout);
    assert!(out.stdout.contains("18 peserta"), "{}", out.stdout);
    assert!(out.stdout.contains("Kabupaten Halmahera Utara"), "{}", out.stdout);
    assert_eq!(out.stderr, "");
    assert_eq!(
        fs::read(sample_path()).expect("read sample"),
        before,
        "check wrote to the file"
    );

    let out = run(env.bimtek().args(["--lang", "en", "check"]).arg(sample_path()));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("76 entries"), "{}", out.stdout);
    assert!(out.stdout.contains("18 participants"), "{}", out.stdout);
}

#[test]
fn check_locates_a_misspelt_kind() {
    let env = Env::new();
    let path = env.sessions().join("salah-ketik.ron");
    let text = fs::read_to_string(sample_path())
        .expect("read sample")
        .replacen("kind: problem", "kind: problm", 1);
    fs::write(&path, &text).expect("write");
    let out = run(env.bimtek().arg("check").arg(&path));
    let message = one_line_error(&out);
    let (line, col, why) = located(&message, &path);
    assert!(
        text_at(&text, line, col).starts_with("problm"),
        "{message} points at '{}'",
        text_at(&text, line, col)
    );
    assert!(why.contains("problm"), "{message}");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        text,
        "check wrote to the file"
    );
}

#[test]
fn check_locates_a_truncated_file() {
    let env = Env::new();
    let path = env.sessions().join("terpotong.ron");
    let whole = fs::read_to_string(sample_path()).expect("read sample");
    let mut half = whole.len() / 2;
    while !whole.is_char_boundary(half) {
        half -= 1;
    }
    let text = &whole[..half];
    fs::write(&path, text).expect("write");
    let out = run(env.bimtek().arg("check").arg(&path));
    let message = one_line_error(&out);
    let (line, _col, _why) = located(&message, &path);
    assert!(line <= text.lines().count() + 1, "{message}: past the end of the file");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        text,
        "check wrote to the file"
    );
}

#[test]
fn check_refuses_a_newer_schema_version() {
    let env = Env::new();
    let path = env.sessions().join("masa-depan.ron");
    let text = fs::read_to_string(sample_path()).expect("read sample").replacen(
        "schema_version: 2,",
        "schema_version: 99,",
        1,
    );
    fs::write(&path, &text).expect("write");
    let out = run(env.bimtek().arg("check").arg(&path));
    let message = one_line_error(&out);
    let (line, col, why) = located(&message, &path);
    assert!(why.contains("99"), "{message}");
    assert!(why.contains("schema_version"), "{message}");
    // In the language of the screen: Bahasa Indonesia unless asked otherwise.
    assert!(
        why.contains("lebih baru") && why.contains("perbarui bimtek"),
        "{message}"
    );
    assert!(text_at(&text, line, col).starts_with("schema_version"), "{message}");
    let english = one_line_error(&run(env.bimtek().args(["--lang", "en", "check"]).arg(&path)));
    assert!(english.contains("is newer than this bimtek understands"), "{english}");
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn check_refuses_missing_files_folders_and_non_text() {
    let env = Env::new();
    let missing = env.sessions().join("tidak-ada.ron");
    let message = one_line_error(&run(env.bimtek().arg("check").arg(&missing)));
    assert!(message.contains("tidak-ada.ron"), "{message}");
    assert!(!missing.exists());

    let message = one_line_error(&run(env.bimtek().arg("check").arg(env.sessions())));
    assert!(!message.is_empty());

    let binary = env.sessions().join("biner.ron");
    fs::write(&binary, b"(\n  schema_version: 1,\n  id: \"\xff\xfe\",\n)").expect("write");
    let message = one_line_error(&run(env.bimtek().arg("check").arg(&binary)));
    let (line, _, why) = located(&message, &binary);
    assert_eq!(line, 3, "{message}");
    assert_eq!(why, "berkas ini bukan teks UTF-8 yang sah", "{message}");
}

// ---------------------------------------------------------------------------------------------
// import

const GOOD_CSV: &str = "pillar,element,kind,text,proposer,opd
governance,governance.service,problem,\"Antrean KTP panjang, terutama hari Senin\",Deky Tawaris,
Smart Living,Prasarana kesehatan,Permasalahan,Puskesmas jauh dari desa pesisir,,Dinas Kesehatan
,struktur,weakness,Tenaga TIK di OPD masih sedikit,,
";

fn entries_in(env: &Env, path: &Path) -> usize {
    let out = run(env.bimtek().args(["--lang", "en", "check"]).arg(path));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let before = out.stdout.split(" entries").next().expect("summary");
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no entry count in '{}'", out.stdout))
}

#[test]
fn import_adds_every_row_of_a_good_csv() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    assert_eq!(entries_in(&env, &path), 76);
    let csv = env.path("masukan.csv");
    fs::write(&csv, GOOD_CSV).expect("write csv");
    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("3 masukan"), "{}", out.stdout);
    assert_eq!(entries_in(&env, &path), 79);

    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.contains("Antrean KTP panjang, terutama hari Senin"),
        "quoted comma kept"
    );
    assert!(text.contains("element: Some(\"living.health\")"), "names map to codes");
    assert!(text.contains("Puskesmas jauh dari desa pesisir"));
    assert!(text.contains("aspect: Some(struktur)"), "a SWOT row names its aspect");
    // A proposer on the roster is linked to the participant, with their agency.
    assert!(
        text.contains("id: Some(\"01FEYRVV003P3EG4EH3KJYZM83\")"),
        "Deky Tawaris is linked to the roster"
    );
}

#[test]
fn import_reads_a_spreadsheet_export_with_bom_and_crlf() {
    let env = Env::new();
    let path = env.new_session("Kota Contoh", "1", "2024-03-01");
    let csv = env.path("excel.csv");
    let body = format!("\u{feff}{}", GOOD_CSV.replace('\n', "\r\n"));
    fs::write(&csv, body).expect("write csv");
    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(entries_in(&env, &path), 3);
    let text = fs::read_to_string(&path).expect("read");
    assert!(!text.contains('\r'), "no carriage return leaks into the entries");
}

#[test]
fn import_with_bad_rows_names_them_all_and_changes_nothing() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    let before = fs::read(&path).expect("read");
    let csv = env.path("campur.csv");
    fs::write(
        &csv,
        "pillar,element,kind,text,proposer,opd
governance,governance.service,problem,Baris yang baik,,
economy,economy.industry,problm,Jenis salah ketik,,
tourism,,problem,Dimensi yang tidak ada,,
living,living.health,problem,,,
environment,environment.waste,potential,Baris baik yang lain,,
",
    )
    .expect("write csv");
    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv));
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "one line a bad row:\n{}", out.stderr);
    let shown = csv.display().to_string();
    for (line, (row, what)) in lines.iter().zip([(3, "problm"), (4, "tourism"), (5, "kosong")]) {
        let rest = line.strip_prefix("bimtek: ").unwrap_or(line);
        assert!(rest.starts_with(&format!("{shown}:{row}: ")), "{line}");
        assert!(rest.contains(what), "{line}");
    }
    assert_eq!(fs::read(&path).expect("read"), before, "the session was changed");
}

#[test]
fn import_with_an_element_of_another_pillar_is_refused() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    let before = fs::read(&path).expect("read");
    let csv = env.path("elemen.csv");
    fs::write(
        &csv,
        "pillar,element,kind,text,proposer,opd\ngovernance,living.health,problem,Salah dimensi,,\n",
    )
    .expect("write csv");
    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv));
    let message = one_line_error(&out);
    assert!(message.contains(&format!("{}:2:", csv.display())), "{message}");
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn import_refuses_a_wrong_header_a_ragged_row_and_an_empty_file() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    let before = fs::read(&path).expect("read");
    let cases = [
        (
            "kepala.csv",
            "pilar,elemen,jenis,isi,pengusul,opd\ngovernance,,problem,Teks,,\n",
            ":1:",
        ),
        (
            "pendek.csv",
            "pillar,element,kind,text,proposer,opd\ngovernance,,problem\n",
            ":2:",
        ),
        (
            "kosong.csv",
            "pillar,element,kind,text,proposer,opd\n",
            "tidak ada baris",
        ),
    ];
    for (name, body, expected) in cases {
        let csv = env.path(name);
        fs::write(&csv, body).expect("write csv");
        let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv));
        let message = one_line_error(&out);
        assert!(message.contains(name), "{message}");
        assert!(message.contains(expected), "{name}: {message}");
        assert_eq!(fs::read(&path).expect("read"), before, "{name} changed the session");
    }
    let message = one_line_error(&run(env
        .bimtek()
        .arg("import")
        .arg(&path)
        .arg("--csv")
        .arg(env.path("tidak-ada.csv"))));
    assert!(message.contains("tidak-ada.csv"), "{message}");
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn import_speaks_english_with_lang_en() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    let csv = env.path("salah.csv");
    fs::write(
        &csv,
        "pillar,element,kind,text,proposer,opd\ngovernance,,problm,Jenis salah,,\n",
    )
    .expect("write csv");
    let out = run(env
        .bimtek()
        .args(["--lang", "en", "import"])
        .arg(&path)
        .arg("--csv")
        .arg(&csv));
    let message = one_line_error(&out);
    assert!(message.contains("unknown kind 'problm'"), "{message}");

    fs::write(&csv, GOOD_CSV).expect("write csv");
    let out = run(env
        .bimtek()
        .args(["--lang", "en", "import"])
        .arg(&path)
        .arg("--csv")
        .arg(&csv));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("3 entries added"), "{}", out.stdout);
}

#[test]
fn import_into_a_session_that_does_not_load_is_refused() {
    let env = Env::new();
    let path = env.sessions().join("rusak.ron");
    let text = "(schema_version: 1, id: ";
    fs::write(&path, text).expect("write");
    let csv = env.path("masukan.csv");
    fs::write(&csv, GOOD_CSV).expect("write csv");
    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv));
    let message = one_line_error(&out);
    located(&message, &path);
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        text,
        "a bad file is never overwritten"
    );
}

// ---------------------------------------------------------------------------------------------
// global flags

#[test]
fn version_and_help() {
    let env = Env::new();
    let out = run(env.bimtek().arg("--version"));
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("bimtek"), "{}", out.stdout);
    assert!(out.stdout.contains(env!("CARGO_PKG_VERSION")), "{}", out.stdout);

    let out = run(env.bimtek().arg("--help"));
    assert_eq!(out.code, Some(0));
    for sub in ["new", "open", "list", "check", "import", "demo"] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{sub} "))),
            "--help does not list {sub}:\n{}",
            out.stdout
        );
    }
    for flag in ["--sessions-dir", "--lang", "--version"] {
        assert!(out.stdout.contains(flag), "--help does not list {flag}");
    }
}

#[test]
fn unknown_subcommands_and_flags_are_usage_errors() {
    let env = Env::new();
    for args in [
        &["frobnicate"][..],
        &["--lang", "fr", "list"],
        &["list", "--bogus"],
        &["check"],
    ] {
        let out = run(env.bimtek().args(args));
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn an_unknown_theme_is_named_in_the_chosen_language_and_the_command_still_runs() {
    let env = Env::new();
    let out = run(env.bimtek().args(["--theme", "ungu", "list"]));
    assert_eq!(out.code, Some(0));
    assert!(
        out.stderr.contains("Tema 'ungu' tidak ada") && out.stderr.contains("gelap, terang, kontras"),
        "{}",
        out.stderr
    );
    let out = run(env.bimtek().args(["--lang", "en", "--theme", "ungu", "list"]));
    assert!(out.stderr.contains("Theme 'ungu' not found"), "{}", out.stderr);
}

#[test]
fn a_log_file_records_locks_and_saves_when_asked_for_and_only_then() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    let csv = env.path("masukan.csv");
    fs::write(&csv, GOOD_CSV).expect("write csv");
    let log = env.path("bimtek.log");

    // Without --log or a config key, nothing is written.
    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(!log.exists());

    let out = run(env
        .bimtek()
        .arg("--log")
        .arg(&log)
        .arg("import")
        .arg(&path)
        .arg("--csv")
        .arg(&csv));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = fs::read_to_string(&log).expect("log written");
    let shown = path.display().to_string();
    assert!(text.contains("started"), "{text}");
    assert!(text.contains(&format!("lock taken: {shown}")), "{text}");
    assert!(text.contains(&format!("saved {shown}")), "{text}");

    // The config key does the same, and the file is appended to.
    let config = env.path("config");
    fs::create_dir_all(&config).expect("mkdir");
    fs::write(
        config.join("config.ron"),
        format!("(log: Some({:?}))", log.display().to_string()),
    )
    .expect("write config");
    let out = run(env
        .bimtek()
        .env("BIMTEK_CONFIG_DIR", &config)
        .arg("import")
        .arg(&path)
        .arg("--csv")
        .arg(&csv));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let again = fs::read_to_string(&log).expect("log");
    assert!(
        again.starts_with(&text) && again.matches("saved ").count() == 2,
        "{again}"
    );

    // A log that cannot be written is a warning; the command still runs.
    let nowhere = env.path("tidak-ada").join("bimtek.log");
    let out = run(env.bimtek().arg("--log").arg(&nowhere).arg("list"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains("Berkas log") && out.stderr.contains("tanpa log"),
        "{}",
        out.stderr
    );
}

#[test]
fn system_errors_are_worded_in_the_language_of_the_screen() {
    let env = Env::new();
    let missing = env.sessions().join("tidak-ada.ron");
    let message = one_line_error(&run(env.bimtek().arg("check").arg(&missing)));
    assert!(message.contains("berkas atau folder itu tidak ada"), "{message}");
    // The system's own words follow as a detail, after the ones in the screen's language.
    let ours = message.find("tidak ada").expect("ours");
    assert!(message.find("os error").is_none_or(|os| os > ours), "{message}");
    let message = one_line_error(&run(env.bimtek().args(["--lang", "en", "check"]).arg(&missing)));
    assert!(message.contains("that file or folder does not exist"), "{message}");
}

#[test]
fn mentors_are_given_to_new_and_head_the_export() {
    let env = Env::new();
    let path = create(
        &env,
        &[
            "--region",
            "Kota Uji Pembimbing",
            "--stage",
            "1",
            "--date",
            "2024-05-06",
            "--mentor",
            "Heri Sutrisno",
            "--mentor",
            "Drs. Siswoko, M.Si",
        ],
    );
    let out = env.run(&["export", path.to_str().expect("utf-8"), "--format", "md"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let md = fs::read_to_string(path.with_extension("md")).expect("the export");
    let line = md
        .lines()
        .find(|l| l.contains("Tim pembimbing"))
        .unwrap_or_else(|| panic!("no mentors in the header:\n{md}"));
    assert!(
        line.contains("Heri Sutrisno") && line.contains("Drs. Siswoko, M.Si"),
        "{line}"
    );
}

// ---------------------------------------------------------------------------------------------
// spreadsheet round trip

/// The sample's export as CSV with `sep`, its header and its rows (cells as text).
fn exported_csv(env: &Env, path: &Path, sep: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let out_path = env.path(&format!("tabel-{}.csv", if sep == ";" { "semicolon" } else { "comma" }));
    let out = run(env
        .bimtek()
        .args(["export"])
        .arg(path)
        .args(["--format", "csv", "--csv-sep", sep, "-o"])
        .arg(&out_path));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = fs::read_to_string(&out_path).expect("read csv");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep.as_bytes()[0])
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().expect("header").iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn an_export_imported_into_its_own_session_adds_nothing() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    let before = fs::read_to_string(&path).expect("read");
    for sep in [",", ";"] {
        let out_path = env.path("sendiri.csv");
        let out = run(env
            .bimtek()
            .arg("export")
            .arg(&path)
            .args(["--format", "csv", "--force", "--csv-sep", sep, "-o"])
            .arg(&out_path));
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&out_path));
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert!(
            out.stdout.contains("0 masukan ditambahkan dan 0 diperbarui"),
            "{}",
            out.stdout
        );
        assert_eq!(entries_in(&env, &path), 76);
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            before,
            "the session is untouched"
        );
    }
}

#[test]
fn program_details_filled_in_excel_come_back_by_id() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    let (header, mut rows) = exported_csv(&env, &path, ";");
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let program = rows
        .iter()
        .position(|r| r[col("kind")] == "program")
        .expect("a program row");
    let id = rows[program][col("id")].clone();
    // What an OPD types into Excel: the agency, partners, a cost with thousands dots, labels in
    // Indonesian rather than codes, a formula-looking indicator.
    rows[program][col("program_opd")] = "Dinas Perikanan".into();
    rows[program][col("partners")] = "Koperasi Nelayan Tobelo".into();
    rows[program][col("cost")] = "Rp 2.500.000.000".into();
    rows[program][col("start_year")] = "2025".into();
    rows[program][col("target_year")] = "2027".into();
    rows[program][col("indicator")] = "'+30% hasil olahan".into();
    rows[program][col("budget")] = "APBD".into();
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    w.write_record(&header).expect("header");
    for r in &rows {
        w.write_record(r).expect("row");
    }
    let csv_path = env.path("diisi-opd.csv");
    fs::write(&csv_path, w.into_inner().expect("csv")).expect("write");

    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv_path));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("0 masukan ditambahkan dan 1 diperbarui"),
        "{}",
        out.stdout
    );
    assert_eq!(entries_in(&env, &path), 76, "nothing added twice");
    let session = bimtek::store::load(&path).expect("loads");
    let info = session
        .entry(&id)
        .and_then(|e| e.program.clone())
        .expect("program details");
    assert_eq!(info.opd, "Dinas Perikanan");
    assert_eq!(info.partners, "Koperasi Nelayan Tobelo");
    assert_eq!(info.cost, Some(2_500_000_000));
    assert_eq!((info.start_year, info.target_year), (Some(2025), Some(2027)));
    assert_eq!(
        info.indicator, "+30% hasil olahan",
        "the apostrophe that kept it text is gone"
    );
    assert_eq!(info.budget, Some(bimtek::domain::program::BudgetSource::Apbd));

    // A value that cannot be read names its row and column, and nothing changes.
    rows[program][col("cost")] = "dua miliar".into();
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    w.write_record(&header).expect("header");
    for r in &rows {
        w.write_record(r).expect("row");
    }
    fs::write(&csv_path, w.into_inner().expect("csv")).expect("write");
    let before = fs::read_to_string(&path).expect("read");
    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv_path));
    assert_eq!(out.code, Some(1));
    let line = program + 2;
    assert!(
        out.stderr
            .contains(&format!(":{line}: nilai 'dua miliar' pada kolom cost")),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), before);
}

#[test]
fn csv_cells_that_look_like_formulas_are_written_as_text() {
    let env = Env::new();
    let path = env.new_session("Kota Contoh", "1", "2024-03-01");
    let csv_path = env.path("rumus.csv");
    fs::write(
        &csv_path,
        "pillar,element,kind,text,proposer,opd\ngovernance,,problem,\"=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",,\n,,note,@SUM(A1),,\n",
    )
    .expect("write");
    let out = run(env.bimtek().arg("import").arg(&path).arg("--csv").arg(&csv_path));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let (header, rows) = exported_csv(&env, &path, ",");
    let text = header.iter().position(|h| h == "text").expect("text");
    let texts: Vec<&str> = rows.iter().map(|r| r[text].as_str()).collect();
    assert_eq!(texts, ["'=HYPERLINK(\"http://x\",\"klik\")", "'@SUM(A1)"]);
}

#[test]
fn export_never_replaces_a_session_file_even_with_force() {
    let env = Env::new();
    let path = env.sample_copy("sampel.ron");
    let other = env.sample_copy("salinan.ron");
    let before = fs::read(&other).expect("read");
    let out = run(env
        .bimtek()
        .arg("export")
        .arg(&path)
        .args(["--format", "md", "--force", "-o"])
        .arg(&other));
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    assert!(one_line_error(&out).contains("salinan.ron"), "{}", out.stderr);
    assert_eq!(fs::read(&other).expect("read"), before);
    // A file that is no session is replaced with --force, as before.
    let plain = env.path("catatan.ron");
    fs::write(&plain, "bukan sesi").expect("write");
    let out = run(env
        .bimtek()
        .arg("export")
        .arg(&path)
        .args(["--format", "md", "--force", "-o"])
        .arg(&plain));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

/// The whole round on Windows-like paths: a folder and a file name with spaces and non-ASCII
/// letters; import keeps a backup, restore puts it back, export writes beside the session.
#[test]
fn import_restore_and_export_in_a_folder_with_spaces_and_accents() {
    let env = Env::new();
    let dir = env.path("Sesi Bimtek – Kota Baubau é");
    fs::create_dir_all(&dir).expect("folder");
    let path = dir.join("pleno kelompok ñ.ron");
    fs::copy(sample_path(), &path).expect("copy the sample");
    let csv = dir.join("masukan peserta.csv");
    fs::write(&csv, GOOD_CSV).expect("write csv");
    let out = run(env.bimtek_in(&dir).arg("import").arg(&path).arg("--csv").arg(&csv));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(entries_in(&env, &path), 79);

    let out = run(env.bimtek_in(&dir).args(["--lang", "en", "restore"]).arg(&path));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.lines().nth(1).is_some_and(|l| l.contains("76")),
        "{}",
        out.stdout
    );
    let out = run(env.bimtek_in(&dir).arg("restore").arg(&path).args(["--backup", "1"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(entries_in(&env, &path), 76, "the version before the import is back");

    let out = run(env.bimtek_in(&dir).arg("export").arg(&path).args(["--format", "docx"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let written = PathBuf::from(out.stdout.lines().last().expect("the path written"));
    assert_eq!(written, dir.join("pleno kelompok ñ.docx"));
    let bytes = fs::read(&written).expect("the docx");
    assert!(bytes.starts_with(b"PK"), "a Word file is a zip");
}
