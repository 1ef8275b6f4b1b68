//! The browser walk hands over only the `data-*` attributes the core reads
//! (`web::dom_walk::data_attrs_read`, made of the lists below). A `data-*` attribute read
//! by name anywhere else in the core would silently be missing in the extension: this
//! test fails when the source reads one by a string literal instead of through the lists.

use std::path::{Path, PathBuf};

#[test]
fn data_attributes_are_read_only_through_the_shared_lists() {
    let mut listed: Vec<&str> = readmark::build::urls::LAZY_SRC_ATTRS.to_vec();
    listed.extend(readmark::build::urls::LAZY_SRCSET_ATTRS);
    listed.extend(readmark::build::special::CODE_LANG_ATTRS);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs: Vec<PathBuf> = vec![root];
    let mut seen = 0;
    let mut offenders = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            seen += 1;
            let text = std::fs::read_to_string(&path).expect("source");
            for (i, line) in text.lines().enumerate() {
                let mut rest = line;
                while let Some(at) = rest.find("attr(\"data-") {
                    let name = &rest[at + 6..];
                    let name = &name[..name.find('"').unwrap_or(name.len())];
                    if name != "data-readmark-hidden" && !listed.contains(&name) {
                        offenders.push(format!("{}:{}: {name}", path.display(), i + 1));
                    }
                    rest = &rest[at + 6..];
                }
            }
        }
    }
    assert!(seen > 20, "read {seen} source files");
    assert!(
        offenders.is_empty(),
        "read outside the lists: {offenders:?}"
    );
}
