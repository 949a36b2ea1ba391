//! `bimtek dataset` as a black box: generated programmes of several regions in, a folder of
//! tables out, read back with the parquet crate (row counts, keys, types, foreign keys), compared
//! byte for byte between runs, and queried with DuckDB where its Python package is installed.
//! Also the region code that keys regions: `new --region-code` and the check on load.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Std;

use bimtek::dataset::schema::{TABLES, Table, Type};
use bimtek::generate;
use parquet::basic::{LogicalType, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

mod support;

use support::Env;
use support::cli::{Output, one_line_error, run};

/// Writes the four stages of `regions` generated regions, `entries` entries each, into
/// `dir/region-N/`. Returns the number of entries written.
fn programme(dir: &Path, regions: std::ops::Range<usize>, entries: usize) -> usize {
    let mut total = 0;
    for n in regions {
        let folder = dir.join(format!("region-{n}"));
        fs::create_dir_all(&folder).expect("folder");
        for s in generate::masterplan(n, entries, 7) {
            total += s.entries.len();
            bimtek::store::save(&folder.join(format!("{}.ron", s.file_stem())), &s).expect("save");
        }
    }
    total
}

fn dataset(env: &Env, args: &[&Path], out: &Path, flags: &[&str]) -> Output {
    run(env.bimtek().arg("dataset").args(args).arg("-o").arg(out).args(flags))
}

/// Every row of a Parquet file, as (column → value) maps, and the file's reader for its schema.
fn read(path: &Path) -> (Vec<BTreeMap<String, Field>>, SerializedFileReader<fs::File>) {
    let reader = SerializedFileReader::new(fs::File::open(path).expect("open parquet")).expect("a Parquet file");
    let rows = reader
        .get_row_iter(None)
        .expect("rows")
        .map(|r| {
            r.expect("row")
                .get_column_iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .collect();
    let reader = SerializedFileReader::new(fs::File::open(path).expect("open parquet")).expect("a Parquet file");
    (rows, reader)
}

fn key(row: &BTreeMap<String, Field>, fields: &[&str]) -> Option<Vec<String>> {
    fields
        .iter()
        .map(|f| match row.get(*f) {
            Some(Field::Null) | None => None,
            Some(v) => Some(v.to_string()),
        })
        .collect()
}

fn csv_rows(path: &Path) -> usize {
    csv::Reader::from_path(path).expect("csv").records().count()
}

/// Reads every table back and checks it against the schema: types, row counts equal to the
/// CSV's, unique primary keys, and every foreign key found in the table it names.
fn check_tables(out: &Path) -> BTreeMap<&'static str, Vec<BTreeMap<String, Field>>> {
    let mut tables = BTreeMap::new();
    for t in TABLES {
        let (rows, reader) = read(&out.join(format!("{}.parquet", t.name)));
        check_types(t, &reader);
        assert_eq!(
            reader.metadata().file_metadata().created_by(),
            Some("bimtek"),
            "no writer version in the file"
        );
        assert_eq!(rows.len(), csv_rows(&out.join(format!("{}.csv", t.name))), "{}", t.name);
        let mut keys = HashSet::new();
        for r in &rows {
            let k = key(r, t.primary_key).unwrap_or_else(|| panic!("{}: empty key in {r:?}", t.name));
            assert!(keys.insert(k.clone()), "{}: key {k:?} twice", t.name);
        }
        tables.insert(t.name, rows);
    }
    for t in TABLES {
        for fk in t.foreign_keys {
            let target = TABLES.iter().find(|o| o.name == fk.table).expect("table");
            let known: HashSet<Vec<String>> = tables[fk.table]
                .iter()
                .filter_map(|r| key(r, target.primary_key))
                .collect();
            let mut checked = 0;
            for r in &tables[t.name] {
                if let Some(k) = key(r, fk.fields) {
                    assert!(
                        known.contains(&k),
                        "{}.{:?} = {k:?} not in {}",
                        t.name,
                        fk.fields,
                        fk.table
                    );
                    checked += 1;
                }
            }
            if !tables[t.name].is_empty() && fk.fields != ["session_id", "proposer_participant_id"] {
                assert!(checked > 0, "{} → {}: nothing to check", t.name, fk.table);
            }
        }
    }
    tables
}

fn check_types(t: &Table, reader: &SerializedFileReader<fs::File>) {
    let schema = reader.metadata().file_metadata().schema_descr();
    assert_eq!(schema.num_columns(), t.fields.len(), "{}", t.name);
    for (i, f) in t.fields.iter().enumerate() {
        let c = schema.column(i);
        assert_eq!(c.name(), f.name);
        let (physical, logical) = (c.physical_type(), c.logical_type_ref().cloned());
        let ok = match f.ty {
            Type::String => physical == Physical::BYTE_ARRAY && logical == Some(LogicalType::String),
            Type::Integer => physical == Physical::INT64 && logical.is_none(),
            Type::Boolean => physical == Physical::BOOLEAN,
            Type::Date => physical == Physical::INT32 && logical == Some(LogicalType::Date),
            Type::Timestamp => {
                physical == Physical::INT64
                    && matches!(&logical, Some(LogicalType::Timestamp(ts)) if ts.is_adjusted_to_u_t_c)
            }
        };
        assert!(ok, "{}.{}: {physical:?} {logical:?}", t.name, f.name);
        assert_eq!(
            c.max_def_level(),
            i16::from(!f.required),
            "{}.{} nullability",
            t.name,
            f.name
        );
    }
}

fn text(f: Option<&Field>) -> String {
    match f {
        Some(Field::Str(s)) => s.clone(),
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn tables_read_back_with_their_keys_types_and_foreign_keys() {
    let env = Env::new();
    let input = env.path("in");
    let entries = programme(&input, 0..3, 60);
    let sample = input.join("sample.ron");
    fs::copy(support::sample_path(), &sample).expect("sample");
    let sample_entries = bimtek::store::load(&sample).expect("sample loads").entries.len();
    let out = env.path("out");
    let o = dataset(&env, &[&input], &out, &[]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert_eq!(o.stdout.lines().last(), Some(out.display().to_string().as_str()));
    assert!(o.stderr.is_empty(), "{}", o.stderr);
    let t = check_tables(&out);
    assert_eq!(t["sessions"].len(), 13);
    assert_eq!(t["entries"].len(), entries + sample_entries);
    for table in [
        "programs",
        "votes",
        "readiness",
        "commitments",
        "agenda",
        "lineage",
        "participants",
    ] {
        assert!(!t[table].is_empty(), "{table} is empty");
    }
    // Nine regions in ten are keyed by their code; region 9 would not be, the sample has none.
    let keys: HashSet<String> = t["sessions"].iter().map(|r| text(r.get("region_key"))).collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert!(
        keys.contains("11.01") && keys.contains("Kabupaten Halmahera Utara"),
        "{keys:?}"
    );
    let provinces: HashSet<String> = t["sessions"]
        .iter()
        .filter_map(|r| match r.get("province_name") {
            Some(Field::Str(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(provinces.contains("Aceh"), "{provinces:?}");

    // Names are pseudonyms: nowhere in the files, the same person linked within a masterplan only.
    for name in fs::read_dir(&out).expect("out") {
        let bytes = fs::read(name.expect("file").path()).expect("read");
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Deky Tawaris"),
            "a name leaked"
        );
    }
    let person = |region: &str, stage: i64| -> HashSet<String> {
        let ids: HashSet<String> = t["sessions"]
            .iter()
            .filter(|r| text(r.get("region_key")) == region && r.get("stage") == Some(&Field::Long(stage)))
            .map(|r| text(r.get("session_id")))
            .collect();
        t["participants"]
            .iter()
            .filter(|r| ids.contains(&text(r.get("session_id"))))
            .map(|r| text(r.get("person")))
            .collect()
    };
    assert_eq!(person("11.01", 1), person("11.01", 4), "the roster links across stages");
    assert!(
        person("11.01", 1).is_disjoint(&person("12.01", 1)),
        "but not across regions"
    );

    let named = env.path("named");
    let o = dataset(&env, &[&input], &named, &["--with-names"]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let csv = fs::read_to_string(named.join("participants.csv")).expect("csv");
    assert!(csv.contains("Deky Tawaris"));
}

#[test]
fn the_same_files_give_the_same_bytes_in_any_order() {
    let env = Env::new();
    let a = env.path("a");
    let b = env.path("b");
    programme(&a, 0..2, 40);
    programme(&b, 2..4, 40);
    let one = env.path("one");
    let two = env.path("two");
    let o = dataset(&env, &[&a, &b], &one, &[]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let files: Vec<PathBuf> = fs::read_dir(b.join("region-2"))
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    let mut args: Vec<&Path> = vec![&b];
    args.extend(files.iter().map(PathBuf::as_path));
    args.push(&a);
    let o = dataset(&env, &args, &two, &[]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let names = bimtek::dataset::file_names();
    assert_eq!(names.len(), 20);
    for n in names {
        let (x, y) = (fs::read(one.join(&n)).expect(&n), fs::read(two.join(&n)).expect(&n));
        assert!(x == y, "{n} differs between the two runs");
    }
}

#[test]
fn files_that_do_not_load_are_listed_and_skipped_or_stop_a_strict_run() {
    let env = Env::new();
    let input = env.path("in");
    programme(&input, 0..1, 20);
    fs::write(input.join("rusak.ron"), "(schema_version: 2, id: ").expect("write");
    // Backups in hidden folders are not sessions of their own.
    fs::create_dir_all(input.join(".x.ron.bak")).expect("bak");
    fs::write(input.join(".x.ron.bak").join("old.ron"), "not read").expect("write");
    let out = env.path("out");
    let o = dataset(&env, &[&input], &out, &[]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", o.stderr);
    assert!(lines[0].contains("rusak.ron:1:"), "{}", lines[0]);
    let (rows, _) = read(&out.join("sessions.parquet"));
    assert_eq!(rows.len(), 4);

    let strict = env.path("strict");
    let o = dataset(&env, &[&input], &strict, &["--strict"]);
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("rusak.ron:1:"), "{}", o.stderr);
    assert!(!strict.join("sessions.parquet").exists(), "nothing written");

    // A second run into the same folder replaces it only when asked.
    let again = dataset(&env, &[&input], &out, &[]);
    assert_eq!(again.code, Some(1));
    assert!(
        again.stderr.lines().last().is_some_and(|l| l.contains("--force")),
        "{}",
        again.stderr
    );
    let forced = dataset(&env, &[&input], &out, &["--force"]);
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
}

#[test]
fn copies_of_one_session_are_taken_once() {
    let env = Env::new();
    let input = env.path("in");
    programme(&input, 0..1, 20);
    let first = fs::read_dir(input.join("region-0"))
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .min()
        .expect("a file");
    fs::copy(&first, input.join("salinan.ron")).expect("copy");
    let out = env.path("out");
    let o = dataset(&env, &[&input], &out, &[]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(
        o.stderr.contains("salinan.ron") && o.stderr.contains("bimtek merge"),
        "{}",
        o.stderr
    );
    let (rows, _) = read(&out.join("sessions.parquet"));
    assert_eq!(rows.len(), 4);
}

#[test]
fn region_codes_are_checked_where_they_are_given() {
    let env = Env::new();
    let o = env.run(&[
        "new",
        "--region",
        "Kabupaten Halmahera Utara",
        "--stage",
        "1",
        "--date",
        "2021-09-07",
        "--region-code",
        "82.03",
    ]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let path = PathBuf::from(o.stdout.lines().last().expect("path"));
    let text = fs::read_to_string(&path).expect("session");
    assert!(text.contains("region_code: Some(\"82.03\")"), "{text}");
    let next = env.run(&["new", "--from", path.to_str().expect("utf-8"), "--date", "2021-10-07"]);
    assert_eq!(next.code, Some(0), "{}", next.stderr);
    let next_text = fs::read_to_string(next.stdout.lines().last().expect("path")).expect("session");
    assert!(next_text.contains("region_code: Some(\"82.03\")"), "carried");

    for bad in ["8203", "82.03.01", "99.01"] {
        let o = env.run(&["new", "--region", "Kota X", "--stage", "1", "--region-code", bad]);
        assert!(one_line_error(&o).contains(bad), "{}", o.stderr);
    }
    fs::write(&path, text.replace("\"82.03\"", "\"8203\"")).expect("edit");
    let line = one_line_error(&env.run(&["check", path.to_str().expect("utf-8")]));
    assert!(line.contains("8203") && line.contains(":"), "{line}");
}

/// The README's DuckDB queries, run with the `duckdb` Python package over a generated dataset.
/// `.ci/run` installs the package; where it cannot be, the test says so and returns.
#[test]
fn the_readme_queries_run_in_duckdb() {
    let probe = Std::new("python3").args(["-c", "import duckdb"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        println!("skipped: the duckdb Python package is not installed (pip install duckdb)");
        return;
    }
    let env = Env::new();
    let input = env.path("in");
    programme(&input, 0..12, 80);
    let out = env.path("out");
    let o = dataset(&env, &[&input], &out, &[]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let readme = fs::read_to_string(out.join("README.md")).expect("README");
    let queries: Vec<&str> = readme
        .split("```sql\n")
        .skip(1)
        .filter_map(|b| b.split("\n```").next())
        .collect();
    assert_eq!(queries.len(), 3, "the README shows three queries");
    let script = "import sys, duckdb\n\
for q in sys.stdin.read().split('\\n;;\\n'):\n    r = duckdb.sql(q)\n    rows = r.fetchall()\n    print(len(rows))\n    assert rows, q\n";
    let mut child = Std::new("python3")
        .args(["-c", script])
        .current_dir(&out)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(queries.join("\n;;\n").as_bytes())
        .expect("queries");
    let done = child.wait_with_output().expect("python3 ran");
    assert!(
        done.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&done.stdout),
        String::from_utf8_lossy(&done.stderr)
    );
    let counts: Vec<usize> = String::from_utf8_lossy(&done.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    // Three ideas for each of six dimensions; every province of the twelve regions.
    assert_eq!(counts.first(), Some(&18), "{counts:?}");
    assert_eq!(counts.len(), 3);
}
