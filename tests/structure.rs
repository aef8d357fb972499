//! The shape of the code, as promised in the README's design notes: no import circle
//! between the files of `src/`, and a thin `main.rs`.
//!
//! Imports are read from the text: `crate::a::b`, `super::x`, `use super::{…}` and, in a
//! folder's `mod.rs`, paths through its own children. Unit-test modules are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Module = Vec<String>;

fn modules(dir: &Path, prefix: &Module, out: &mut BTreeMap<Module, String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut inner = prefix.clone();
            inner.push(name);
            modules(&path, &inner, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut module = prefix.clone();
            if !matches!(name.as_str(), "mod" | "lib" | "main") {
                module.push(name);
            }
            let text = fs::read_to_string(&path).unwrap();
            // Unit tests may reach anywhere; they are not part of the structure.
            let text = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            out.insert(module, text);
        }
    }
}

/// The module a path names: the longest prefix that is a file.
fn resolve(files: &BTreeMap<Module, String>, path: &[String]) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| files.contains_key(m))
}

fn edges(files: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut edges = BTreeMap::new();
    for (module, text) in files {
        let mut to = BTreeSet::new();
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let words: Vec<&str> = code
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{'))
            .filter(|w| w.contains("::"))
            .collect();
        let is_folder = files
            .keys()
            .any(|k| k.len() > module.len() && k.starts_with(module));
        for word in words {
            let mut segments: Vec<&str> = word.split("::").collect();
            let mut base: Module = match segments.first() {
                Some(&"crate") => Vec::new(),
                Some(&"super") => module[..module.len().saturating_sub(1)].to_vec(),
                Some(&"self") => module.clone(),
                Some(first) if is_folder => {
                    let mut child = module.clone();
                    child.push(first.to_string());
                    if !files.contains_key(&child) {
                        continue;
                    }
                    let target = resolve(files, &child).unwrap();
                    to.insert(target);
                    continue;
                }
                _ => continue,
            };
            segments.remove(0);
            while segments.first() == Some(&"super") {
                base.pop();
                segments.remove(0);
            }
            let mut path = base;
            path.extend(
                segments
                    .iter()
                    .take_while(|s| !s.is_empty() && !s.starts_with('{'))
                    .map(|s| s.to_string()),
            );
            if let Some(target) = resolve(files, &path) {
                if &target != module {
                    to.insert(target);
                }
            }
        }
        edges.insert(module.clone(), to);
    }
    edges
}

/// A cycle through `start`, if any, by depth-first search.
fn cycle_from(edges: &BTreeMap<Module, BTreeSet<Module>>, start: &Module) -> Option<Vec<Module>> {
    let mut stack = vec![(start.clone(), vec![start.clone()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in &edges[&at] {
            if next == start {
                return Some(path);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_file_imports_back_from_a_file_that_imports_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    modules(&src, &Vec::new(), &mut files);
    // The binary is its own crate; the library's root only declares and re-exports.
    files.remove(&Vec::new());
    let edges = edges(&files);
    let circles: Vec<String> = files
        .keys()
        .filter_map(|m| cycle_from(&edges, m))
        .map(|c| {
            c.iter()
                .map(|m| m.join("/"))
                .collect::<Vec<_>>()
                .join(" -> ")
        })
        .collect();
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
    // The reader must see imports at all, or the test proves nothing.
    assert!(edges[&vec!["check".to_string()]].contains(&vec!["articles".to_string()]));
    assert!(edges[&vec!["load".to_string(), "walk".to_string()]]
        .contains(&vec!["load".to_string(), "access".to_string()]));
}

#[test]
fn main_stays_thin() {
    let main =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    let lines = main.lines().count();
    assert!(
        lines <= 300,
        "src/main.rs has {lines} lines; move the work into the library"
    );
}
