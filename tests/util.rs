//! Shared helpers: running the built binary in a folder, and golden-file comparison.

use std::path::Path;
use std::process::{Command, Output};

/// Run the `citeline` binary with `args` in `dir`, without colour.
pub fn citeline(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citeline"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the citeline binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Whether this run rewrites golden files: `CITELINE_BLESS=1`, the one switch for every
/// golden file in the project.
pub fn blessing() -> bool {
    std::env::var("CITELINE_BLESS").as_deref() == Ok("1")
}

/// Compare `actual` with the golden file at `path`; with `CITELINE_BLESS=1`, rewrite it.
#[track_caller]
pub fn assert_golden(path: &Path, actual: &str) {
    assert_golden_bytes(path, actual.as_bytes());
}

/// [`assert_golden`] for any bytes. On a difference, the actual bytes are written beside
/// the test's temp files for a look, and text is shown in full.
#[track_caller]
pub fn assert_golden_bytes(path: &Path, actual: &[u8]) {
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(path).unwrap_or_else(|e| {
        panic!(
            "cannot read golden file {}: {e}; run with CITELINE_BLESS=1 to create it",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let name = path.file_name().unwrap().to_string_lossy();
    let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("actual-{name}"));
    std::fs::write(&kept, actual).unwrap();
    let shown = match (std::str::from_utf8(&expected), std::str::from_utf8(actual)) {
        (Ok(e), Ok(a)) if e.len() + a.len() < 200_000 => {
            format!("\n--- expected\n{e}\n--- actual\n{a}")
        }
        _ => String::new(),
    };
    panic!(
        "{} differs; the actual output is in {} (CITELINE_BLESS=1 accepts it){shown}",
        path.display(),
        kept.display()
    );
}

/// A fresh folder with the shipped articles and `events` as its events.toml.
pub fn project_with(events: &str) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for entry in std::fs::read_dir(root.join("articles")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, articles.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("events.toml"), events).unwrap();
    dir
}

/// The shipped events file and its articles, in a folder of their own.
pub fn shipped_copy() -> tempfile::TempDir {
    project_with(&shipped_events())
}

/// The shipped events file's text.
pub fn shipped_events() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("events.toml")).unwrap()
}
