//! The layering of the crate, checked on its source: each layer imports only the layers below
//! it. The text core (`src/text/`) is pure and imports nothing above it; the lexicon
//! (`src/lexicon/`) reads only the text core; the lexicon-driven morphology (`src/morph/`)
//! only those two; keywords and entities never import each other (both read the Doc).
//!
//! Why a test: a `use crate::...` that points upward compiles fine, and each one makes the
//! lower layer harder to read, test and change alone.

use std::path::Path;

/// Every `crate::NAME` path in the code of `src/DIR/*.rs` (comments skipped), as (file, line, NAME).
fn crate_paths(dir: &str) -> Vec<(String, usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display())).flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files.into_iter().filter(|p| p.extension().is_some_and(|x| x == "rs")) {
        let text = std::fs::read_to_string(&path).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let code = match code.find(" //") {
                Some(c) => &code[..c],
                None => code,
            };
            let mut rest = code;
            while let Some(at) = rest.find("crate::") {
                let after = &rest[at + "crate::".len()..];
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                for name in first_segments(after) {
                    out.push((file.clone(), n + 1, name));
                }
                rest = after;
            }
        }
    }
    out
}

/// The first path segments after `crate::`: one name, or each name of a `{...}` group on
/// the line.
fn first_segments(after: &str) -> Vec<String> {
    let ident = |s: &str| s.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let Some(group) = after.strip_prefix('{') else { return vec![ident(after)] };
    let (mut depth, mut names, mut item_start) = (0, Vec::new(), true);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            _ if item_start && !c.is_whitespace() => {
                names.push(ident(&group[i..]));
                item_start = false;
            }
            _ => {}
        }
    }
    names
}

/// Fails with every import of `dir` outside `allowed`.
fn only_imports(dir: &str, allowed: &[&str]) {
    let bad: Vec<String> = crate_paths(dir)
        .into_iter()
        .filter(|(_, _, name)| !allowed.contains(&name.as_str()))
        .map(|(file, line, name)| format!("src/{dir}/{file}:{line}: crate::{name}"))
        .collect();
    assert!(bad.is_empty(), "src/{dir}/ may import only {allowed:?} from the crate, but:\n{}", bad.join("\n"));
}

#[test]
fn the_text_core_imports_nothing_above_it() {
    only_imports("text", &["text"]);
}

#[test]
fn the_lexicon_reads_only_the_text_core() {
    only_imports("lexicon", &["text", "lexicon"]);
}

#[test]
fn morphology_reads_only_the_text_core_and_the_lexicon() {
    only_imports("morph", &["text", "lexicon", "morph"]);
}

#[test]
fn keywords_and_entities_do_not_import_each_other() {
    let uses = |dir: &str, other: &str| crate_paths(dir).into_iter().filter(|(_, _, n)| n == other).map(|(f, l, _)| format!("src/{dir}/{f}:{l}")).collect::<Vec<_>>();
    assert_eq!(uses("keywords", "entities"), Vec::<String>::new());
    assert_eq!(uses("entities", "keywords"), Vec::<String>::new());
}

#[test]
fn the_scanner_finds_paths_and_groups() {
    assert_eq!(first_segments("lexicon::wordfreq::zipf;"), ["lexicon"]);
    assert_eq!(first_segments("{analysis::{Role, Token}, lexicon, text::fold};"), ["analysis", "lexicon", "text"]);
    // on the real tree: morph/ does read the lexicon, so the scan sees imports at all
    assert!(crate_paths("morph").iter().any(|(_, _, n)| n == "lexicon"));
}
