//! The commands that set citeline up in other tools and loops: shell completions, the man
//! page, and `render --watch` redrawing on a change.

use crate::util::{citeline, shipped_copy, stderr, stdout};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every subcommand, as the README lists them.
const COMMANDS: [&str; 11] = [
    "check",
    "render",
    "explain",
    "dates",
    "text",
    "export",
    "import",
    "schema",
    "lsp",
    "completions",
    "man",
];

#[test]
fn completions_offer_every_command_in_each_shell() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = citeline(here, &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for command in COMMANDS {
            assert!(
                script.contains(command),
                "{shell} completions lack `{command}`"
            );
        }
    }
    // Flags of subcommands complete too, not only the command names.
    let bash = stdout(&citeline(here, &["completions", "bash"]));
    assert!(bash.contains("--deny-warnings") && bash.contains("--watch"));
    let refused = citeline(here, &["completions", "tcsh"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("possible values"));
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let out = citeline(Path::new(env!("CARGO_MANIFEST_DIR")), &["man"]);
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(page.contains(".TH citeline 1"), "{page}");
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    for command in COMMANDS {
        assert!(page.contains(command), "the man page lacks `{command}`");
    }
}

#[test]
fn each_command_has_its_own_man_page() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = stdout(&citeline(here, &["man", "check"]));
    assert!(check.contains(".TH citeline-check 1"), "{check}");
    // The page carries the command's own flags, not the top level's.
    assert!(
        check.contains("deny\\-warnings") && check.contains("CITELINE_FORMAT"),
        "{check}"
    );
    assert!(!check.contains("citeline\\-render(1)"));

    let unknown = citeline(here, &["man", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("one of check, render"),
        "{}",
        stderr(&unknown)
    );

    // Every page the top page names exists in the folder `--dir` fills.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = citeline(here, &["man", "--dir", folder]);
    assert!(out.status.success(), "{}", stderr(&out));
    for command in COMMANDS {
        let page = fs::read_to_string(dir.path().join(format!("citeline-{command}.1"))).unwrap();
        assert!(
            page.contains(&format!(".TH citeline-{command} 1")),
            "{page}"
        );
    }
    assert!(dir.path().join("citeline.1").exists());
}

/// A `render --watch` running in the background, killed when dropped.
struct Watch {
    child: Child,
    log: PathBuf,
}

impl Watch {
    fn start(dir: &Path) -> Watch {
        let log = dir.join("watch.log");
        let child = Command::new(env!("CARGO_BIN_EXE_citeline"))
            .args(["render", "--watch", "events.toml", "-o", "out.svg"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Watch { child, log }
    }

    fn log(&self) -> String {
        let mut text = String::new();
        fs::File::open(&self.log)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// Wait (generously: CI machines are slow and shared) until `done` holds.
    fn until(&mut self, what: &str, mut done: impl FnMut(&Watch) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("the watch ended ({status}) before {what}:\n{}", self.log());
            }
            if start.elapsed() > Duration::from_secs(120) {
                panic!("no {what} after 120 s:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn svg(dir: &Path) -> String {
    fs::read_to_string(dir.join("out.svg")).unwrap_or_default()
}

#[test]
fn render_watch_redraws_after_a_change_and_waits_out_errors() {
    let data = shipped_copy();
    let dir = data.path();
    let events = dir.join("events.toml");
    let original = fs::read_to_string(&events).unwrap();
    let mut watch = Watch::start(dir);
    watch.until("the first drawing", |_| svg(dir).contains("CSTO"));
    watch.until("the watch line", |w| w.log().contains("watching"));

    // An error in the data is reported, the old chart stays, and the watch goes on.
    let broken = original.replacen("date = \"2003-11-19\"", "date = \"2003-13-19\"", 1);
    assert_ne!(
        broken, original,
        "the shipped data changed: pick another date to break"
    );
    let before = svg(dir);
    fs::write(&events, &broken).unwrap();
    watch.until("the error", |w| w.log().contains("nothing drawn"));
    assert_eq!(svg(dir), before, "a chart was drawn from data with errors");

    // Fixed, with a new title: drawn again.
    let retitled = original.replacen(
        "title = \"The CSTO's offer of cooperation to NATO\"",
        "title = \"Watched and redrawn\"",
        1,
    );
    assert_ne!(retitled, original, "the shipped title changed");
    fs::write(&events, &retitled).unwrap();
    watch.until("the redrawn chart", |_| {
        svg(dir).contains("Watched and redrawn")
    });

    // A cited source that changes is watched too: breaking it is reported.
    let article = dir.join("articles/rferl-2003-12-03.txt");
    fs::write(&article, "Nothing of the quotes stands here.\n").unwrap();
    watch.until("the quote finding", |w| w.log().contains("quote-not-found"));
}

#[test]
fn render_watch_of_a_missing_file_stops_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = citeline(
        dir.path(),
        &["render", "--watch", "nope.toml", "-o", "out.svg"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("nope.toml"), "{}", stderr(&out));
}
