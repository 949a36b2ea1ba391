//! Writes a generated national programme as session files, to try `bimtek dataset` on:
//! `cargo run --example programme -- DIR [REGIONS] [ENTRIES]` makes REGIONS regions (default
//! 25) of four stages each, with ENTRIES entries recorded per stage (default 500), under
//! `DIR/region-NNNN/`. See `bimtek::generate::masterplan`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: programme DIR [REGIONS] [ENTRIES]");
        std::process::exit(2);
    };
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (regions, entries) = (number(1, 25), number(2, 500));
    for n in 0..regions {
        let folder = std::path::Path::new(dir).join(format!("region-{n:04}"));
        if let Err(e) = std::fs::create_dir_all(&folder) {
            eprintln!("{}: {e}", folder.display());
            std::process::exit(1);
        }
        for s in bimtek::generate::masterplan(n, entries, 1) {
            let path = folder.join(format!("{}.ron", s.file_stem()));
            if let Err(e) = bimtek::store::save(&path, &s) {
                eprintln!("{}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
    println!("{} sessions in {dir}", regions * 4);
}
