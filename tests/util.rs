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

/// Compare `actual` with the golden file at `path`; with `CITELINE_BLESS=1`, rewrite it.
#[track_caller]
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("CITELINE_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; run with CITELINE_BLESS=1",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs (CITELINE_BLESS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}
