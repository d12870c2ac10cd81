//! Compiles the data files of `syscall-tables/` into the binary: emits a list of
//! (file name, include_str!) pairs so adding a table file needs no code change.

use std::{env, fs, path::Path};

fn list(dir: &Path, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(ext))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("syscall-tables");
    let mut code = String::new();
    for (konst, sub, ext) in [
        ("XLAT_FILES", "xlat", ".txt"),
        ("SIGNATURE_FILES", "signatures", ".tsv"),
        ("ARCH_FILES", "arch", ".tsv"),
    ] {
        let dir = root.join(sub);
        println!("cargo:rerun-if-changed={}", dir.display());
        code.push_str(&format!("pub static {konst}: &[(&str, &str)] = &[\n"));
        for name in list(&dir, ext) {
            let path = dir.join(&name);
            println!("cargo:rerun-if-changed={}", path.display());
            code.push_str(&format!(
                "    ({:?}, include_str!({:?})),\n",
                name.trim_end_matches(ext),
                path.display().to_string()
            ));
        }
        code.push_str("];\n");
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("table_files.rs");
    fs::write(out, code).unwrap();
}
