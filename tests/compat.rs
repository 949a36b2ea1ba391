//! Every session file version ever released keeps loading: `sessions/` holds a sample of each
//! schema version (in subfolders such as `sessions/schema-v1/`), and every `.ron` under it must
//! load with the current build.

use std::path::{Path, PathBuf};

fn ron_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for e in read.filter_map(Result::ok) {
        let path = e.path();
        let hidden = e.file_name().to_string_lossy().starts_with('.');
        if hidden {
            // Backups and locks of a sample opened by hand are not samples.
            continue;
        }
        if path.is_dir() {
            ron_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "ron") {
            out.push(path);
        }
    }
}

#[test]
fn every_sample_of_every_schema_version_loads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut files = Vec::new();
    ron_files(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no samples under {}", root.display());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|p| bimtek::store::load(p).err().map(|e| e.to_string()))
        .collect();
    assert!(
        failures.is_empty(),
        "samples that no longer load:\n{}",
        failures.join("\n")
    );
    eprintln!("{} sample sessions load", files.len());
}
