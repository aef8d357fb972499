//! Outputs are all or nothing: a refused, failed or killed render leaves every previous
//! output as it was, and the next run leaves no temporary file behind.

use crate::util::{citeline, shipped_copy, stderr};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".citeline-"))
        .collect()
}

/// Change the chart's content, so that a new render would write different bytes.
fn retitle(dir: &Path) {
    let path = dir.join("events.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("title = \"", "title = \"Retitled: ", 1),
    )
    .unwrap();
}

#[test]
fn a_refused_output_is_found_before_any_work_and_nothing_changes() {
    let dir = shipped_copy();
    let out = citeline(dir.path(), &["render", "-o", "a.svg"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = fs::read(dir.path().join("a.svg")).unwrap();
    retitle(dir.path());
    fs::create_dir(dir.path().join("b.png")).unwrap();
    let out = citeline(dir.path(), &["render", "-o", "a.svg", "-o", "b.png"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.contains("b.png") && !text.contains(".citeline-"),
        "{text}"
    );
    // Refused before checking: no findings were printed.
    assert!(!text.contains("no errors"), "{text}");
    assert_eq!(fs::read(dir.path().join("a.svg")).unwrap(), before);
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_render_killed_midway_leaves_every_output_as_it_was() {
    let dir = shipped_copy();
    let args = ["render", "-o", "a.svg", "-o", "b.png", "--scale", "1"];
    let out = citeline(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let old = (
        fs::read(dir.path().join("a.svg")).unwrap(),
        fs::read(dir.path().join("b.png")).unwrap(),
    );
    retitle(dir.path());
    // A large PNG keeps the run busy drawing; kill it while it does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_citeline"))
        .args(["render", "-o", "a.svg", "-o", "b.png", "--scale", "6"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    // Wait until the run has staged its temporary files, then kill it.
    while temp_files(dir.path()).is_empty() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(50));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed, not finished");
    assert_eq!(fs::read(dir.path().join("a.svg")).unwrap(), old.0);
    assert_eq!(fs::read(dir.path().join("b.png")).unwrap(), old.1);
    // The next run cleans what the killed one left.
    let out = citeline(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_ne!(fs::read(dir.path().join("a.svg")).unwrap(), old.0);
    assert!(
        temp_files(dir.path()).is_empty(),
        "{:?}",
        temp_files(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_updates_its_target() {
    let dir = shipped_copy();
    fs::create_dir(dir.path().join("charts")).unwrap();
    fs::write(dir.path().join("charts/real.svg"), "old").unwrap();
    std::os::unix::fs::symlink("charts/real.svg", dir.path().join("link.svg")).unwrap();
    let out = citeline(dir.path(), &["render", "-o", "link.svg"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::symlink_metadata(dir.path().join("link.svg"))
        .unwrap()
        .file_type()
        .is_symlink());
    let svg = fs::read_to_string(dir.path().join("charts/real.svg")).unwrap();
    assert!(
        svg.starts_with("<svg") || svg.starts_with("<?xml"),
        "{svg:.40}"
    );
}
