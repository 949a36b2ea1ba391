//! The key tables in README.md are the keymap written out: this test fails when they differ,
//! and `BIMTEK_BLESS=1 cargo test --test readme_keys` writes them anew from the keymap.

use bimtek::app::keymap::{Keymap, Scope, full_name, keys_label};
use bimtek::domain::Lang;

const START: &str = "<!-- keys:start (written from src/app/keymap.rs; see tests/readme_keys.rs) -->\n";
const END: &str = "<!-- keys:end -->";

fn tables() -> String {
    let tr = bimtek::i18n::strings(Lang::En);
    let keys = Keymap::default();
    let mut out = String::new();
    for scope in Scope::ALL {
        let rows: Vec<String> = keys
            .bindings(scope)
            .map(|(b, k)| {
                let label = keys_label(k, "Space").replace('|', "\\|");
                let what = tr.key_help.get(&full_name(b)).cloned().unwrap_or_default();
                format!("| `{}` | {what} | `{}` |", label.replace(" / ", "` `"), full_name(b))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let heading = tr.key_scope.get(scope.code()).cloned().unwrap_or_default();
        out.push_str(&format!(
            "\n**{heading}**\n\n| keys | what | name in `config.ron` |\n|---|---|---|\n"
        ));
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    out
}

#[test]
fn readme_key_tables_agree_with_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the key tables' markers");
    };
    let written = &readme[a + START.len()..b];
    let wanted = tables() + "\n";
    if written != wanted {
        if std::env::var_os("BIMTEK_BLESS").is_some() {
            let new = format!("{}{START}{wanted}{}", &readme[..a], &readme[b..]);
            std::fs::write(path, new).expect("write README.md");
            return;
        }
        panic!("README.md's key tables differ from the keymap; run BIMTEK_BLESS=1 cargo test --test readme_keys");
    }
}
