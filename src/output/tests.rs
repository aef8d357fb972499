//! The guarantees of the module doc, one test each, on real files in temporary folders.

use super::*;
use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};
use std::time::{Duration, SystemTime};

/// The names in a folder.
fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect()
}

/// The files of ours in a folder.
fn ours(dir: &Path) -> BTreeSet<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".citeline-"))
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// The message names the output as given, says what to do, and never names a file of ours.
fn assert_message(err: &OutputError, given: &Path, says: &str) {
    let message = err.to_string();
    assert_eq!(err.path(), given);
    assert!(
        message.starts_with(&format!("cannot write {}: ", given.display())),
        "{message}"
    );
    assert!(message.contains(says), "{message}");
    assert!(!message.contains(".citeline-"), "{message}");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).unwrap().ino()
}

#[test]
fn every_output_is_replaced_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.svg"),
        dir.path().join("b.png"),
        dir.path().join("c.svg"),
    );
    fs::write(&a, "old a").unwrap();
    fs::write(&c, "old c, longer than the new one").unwrap();
    #[cfg(unix)]
    chmod(&c, 0o640);
    let staged = prepare(&[&a, &b, &c], false).unwrap();
    assert_eq!(staged.paths().collect::<Vec<_>>(), [&a, &b, &c]);
    // The temporary files exist from `prepare` on, one per output, named as ours.
    assert_eq!(ours(dir.path()).len(), 3);
    staged.commit(&["new a", "new b", "new c"]).unwrap();
    assert_eq!(fs::read_to_string(&a).unwrap(), "new a");
    assert_eq!(fs::read_to_string(&b).unwrap(), "new b");
    assert_eq!(fs::read_to_string(&c).unwrap(), "new c");
    assert_eq!(names(dir.path()), set(&["a.svg", "b.png", "c.svg"]));
    #[cfg(unix)]
    {
        assert_eq!(mode(&a), 0o644);
        assert_eq!(mode(&b), 0o644, "a new output is shared, not private");
        assert_eq!(mode(&c), 0o640, "an output keeps its mode");
    }
}

/// A rename that fails (here: its temporary file removed behind the run's back, a genuine
/// error from the system) after others succeeded: every output is put back as it was.
#[test]
fn a_failed_rename_puts_back_every_output() {
    for failing in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let outputs = [
            dir.path().join("a.svg"),
            dir.path().join("b.png"),
            dir.path().join("c.svg"),
        ];
        fs::write(&outputs[0], "old a").unwrap();
        // b.png is new: putting it back means removing it.
        fs::write(&outputs[2], "old c").unwrap();
        #[cfg(unix)]
        let inode_a = inode(&outputs[0]);
        let staged = prepare(&outputs, false).unwrap();
        fs::remove_file(&staged.temp_paths()[failing]).unwrap();
        let err = staged
            .commit(&[b"new a".as_slice(), b"new b", b"new c"])
            .unwrap_err();
        assert_message(&err, &outputs[failing], "every output was left as it was");
        assert!(
            matches!(err.kind(), OutputErrorKind::Rename { unrestored, .. } if unrestored.is_empty()),
            "{err:?}"
        );
        assert_eq!(
            fs::read(&outputs[0]).unwrap(),
            b"old a",
            "failing at {failing}"
        );
        assert!(!outputs[1].exists(), "failing at {failing}");
        assert_eq!(
            fs::read(&outputs[2]).unwrap(),
            b"old c",
            "failing at {failing}"
        );
        // Not a copy: the very same file, renamed back.
        #[cfg(unix)]
        assert_eq!(inode(&outputs[0]), inode_a);
        assert_eq!(names(dir.path()), set(&["a.svg", "c.svg"]));
    }
}

/// What goes wrong during the render (an output made read-only or a folder, its folder
/// removed) shows at commit, before any rename: no output changes.
#[test]
fn an_output_spoiled_during_the_render_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.png"));
    fs::write(&a, "old a").unwrap();
    fs::write(&b, "old b").unwrap();

    let staged = prepare(&[&a, &b], false).unwrap();
    #[cfg(unix)]
    chmod(&b, 0o444);
    #[cfg(not(unix))]
    {
        let mut p = fs::metadata(&b).unwrap().permissions();
        p.set_readonly(true);
        fs::set_permissions(&b, p).unwrap();
    }
    let err = staged.commit(&["new a", "new b"]).unwrap_err();
    assert_message(&err, &b, "read-only");
    assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
    assert_eq!(fs::read_to_string(&b).unwrap(), "old b");
    assert_eq!(names(dir.path()), set(&["a.svg", "b.png"]));

    fs::remove_file(&b).unwrap();
    let staged = prepare(&[&a, &b], false).unwrap();
    fs::create_dir(&b).unwrap();
    let err = staged.commit(&["new a", "new b"]).unwrap_err();
    assert_message(&err, &b, "it is a folder");
    assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
    assert_eq!(names(dir.path()), set(&["a.svg", "b.png"]));

    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let c = sub.join("c.svg");
    let staged = prepare(&[&a, &c], false).unwrap();
    fs::remove_dir_all(&sub).unwrap();
    assert!(staged.commit(&["new a", "new c"]).is_err());
    assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
    assert_eq!(ours(dir.path()), set(&[]));
}

#[cfg(unix)]
#[test]
fn a_linked_output_updates_the_file_it_points_to() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    let links = dir.path().join("links");
    fs::create_dir(&real).unwrap();
    fs::create_dir(&links).unwrap();
    fs::write(real.join("a.svg"), "old a").unwrap();
    chmod(&real.join("a.svg"), 0o640);
    // A relative link across folders, and a chain ending in an absolute link to a file that
    // does not exist yet.
    symlink("../real/a.svg", links.join("a.svg")).unwrap();
    symlink("hop.png", links.join("b.png")).unwrap();
    symlink(real.join("b.png"), links.join("hop.png")).unwrap();
    let (a, b) = (links.join("a.svg"), links.join("b.png"));

    prepare(&[&a, &b], false)
        .unwrap()
        .commit(&["new a", "new b"])
        .unwrap();
    assert!(fs::symlink_metadata(&a).unwrap().file_type().is_symlink());
    assert!(fs::symlink_metadata(&b).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_link(&a).unwrap(), Path::new("../real/a.svg"));
    assert_eq!(fs::read_to_string(real.join("a.svg")).unwrap(), "new a");
    assert_eq!(fs::read_to_string(real.join("b.png")).unwrap(), "new b");
    assert_eq!(mode(&real.join("a.svg")), 0o640, "the linked file's mode");
    assert_eq!(names(&real), set(&["a.svg", "b.png"]));
    assert_eq!(names(&links), set(&["a.svg", "b.png", "hop.png"]));

    // The link and the file it points to are one output.
    let err = prepare(&[real.join("a.svg"), a.clone()], false).unwrap_err();
    assert_message(&err, &a, "same file as");

    let looping = links.join("loop.svg");
    symlink("loop.svg", &looping).unwrap();
    let err = prepare(&[&looping], false).unwrap_err();
    assert_message(&err, &looping, "loops");
    assert!(matches!(err.kind(), OutputErrorKind::LinkLoop));

    let far = links.join("far.svg");
    symlink("../nowhere/far.svg", &far).unwrap();
    let err = prepare(&[&far], true).unwrap_err();
    assert_message(&err, &far, "nowhere does not exist");
    assert!(
        !dir.path().join("nowhere").exists(),
        "a link's folder is not created"
    );
}

#[test]
fn a_read_only_output_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.png"));
    fs::write(&b, "protected").unwrap();
    // By the mode bits: root could write it, and must not.
    #[cfg(unix)]
    chmod(&b, 0o444);
    #[cfg(not(unix))]
    {
        let mut p = fs::metadata(&b).unwrap().permissions();
        p.set_readonly(true);
        fs::set_permissions(&b, p).unwrap();
    }
    let err = prepare(&[&a, &b], false).unwrap_err();
    assert_message(
        &err,
        &b,
        "it is read-only; make it writable or choose another -o",
    );
    assert!(matches!(err.kind(), OutputErrorKind::ReadOnly));
    assert_eq!(fs::read_to_string(&b).unwrap(), "protected");
    assert_eq!(
        names(dir.path()),
        set(&["b.png"]),
        "a.svg's temporary file is gone"
    );

    let err = write_atomic(&b, b"x").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
    assert_eq!(fs::read_to_string(&b).unwrap(), "protected");
}

#[test]
fn a_folder_or_special_file_is_not_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let err = prepare(&[&sub], false).unwrap_err();
    assert_message(&err, &sub, "it is a folder");
    assert!(matches!(err.kind(), OutputErrorKind::IsAFolder));

    // `x.svg/` is not `x.svg`, though `Path::file_name` says so.
    let file = dir.path().join("x.svg");
    fs::write(&file, "old").unwrap();
    for given in [dir.path().join("x.svg/"), dir.path().join("x.svg/.")] {
        let err = prepare(&[&given], false).unwrap_err();
        assert_message(&err, &given, "name a file");
    }
    let err = prepare(&[dir.path().join("..")], false).unwrap_err();
    assert!(matches!(err.kind(), OutputErrorKind::IsAFolder), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "old");

    #[cfg(unix)]
    {
        let socket = dir.path().join("s.svg");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let err = prepare(&[&socket], false).unwrap_err();
        assert_message(&err, &socket, "not a regular file");
    }
    assert_eq!(ours(dir.path()), set(&[]));
}

#[test]
fn a_missing_folder_is_refused_unless_it_is_to_be_created() {
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("no/such/chart.svg");
    let err = prepare(&[&chart], false).unwrap_err();
    assert_message(
        &err,
        &chart,
        &format!(
            "the folder {} does not exist; create it or choose another -o",
            dir.path().join("no/such").display()
        ),
    );
    assert!(!dir.path().join("no").exists());

    prepare(&[&chart], true)
        .unwrap()
        .commit(&["chart"])
        .unwrap();
    assert_eq!(fs::read_to_string(&chart).unwrap(), "chart");

    let file = dir.path().join("file.txt");
    fs::write(&file, "").unwrap();
    let inside = file.join("chart.svg");
    for create in [false, true] {
        let err = prepare(&[&inside], create).unwrap_err();
        assert_message(&err, &inside, "is not a folder");
    }
}

#[test]
fn an_output_named_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.svg");
    let err = prepare(&[&a, &a], false).unwrap_err();
    assert_message(&err, &a, "it is given twice; name each output once");

    let again = dir.path().join(".").join("a.svg");
    let err = prepare(&[&a, &again], false).unwrap_err();
    assert_message(&err, &again, &format!("same file as {}", a.display()));

    // Two names of one existing file.
    fs::write(&a, "old").unwrap();
    let hard = dir.path().join("hard.svg");
    fs::hard_link(&a, &hard).unwrap();
    let err = prepare(&[&a, &hard], false).unwrap_err();
    assert_message(&err, &hard, "same file as");
    assert_eq!(names(dir.path()), set(&["a.svg", "hard.svg"]));
}

#[test]
fn dropping_without_commit_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (x, y) = (dir.path().join("x"), dir.path().join("y"));
    fs::create_dir(&x).unwrap();
    fs::create_dir(&y).unwrap();
    fs::write(x.join("a.svg"), "old a").unwrap();
    let staged = prepare(&[x.join("a.svg"), y.join("b.png")], false).unwrap();
    for folder in [&x, &y] {
        let mine = ours(folder);
        assert_eq!(mine.len(), 1, "{mine:?}");
        let name = mine.first().unwrap();
        assert!(
            name.starts_with(&format!(".citeline-{}-", std::process::id()))
                && name.ends_with(".tmp"),
            "{name}"
        );
    }
    drop(staged);
    assert_eq!(names(&x), set(&["a.svg"]));
    assert_eq!(names(&y), set(&[]));
    assert_eq!(fs::read_to_string(x.join("a.svg")).unwrap(), "old a");
}

#[test]
fn files_left_by_dead_runs_are_cleaned_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let old = SystemTime::now() - Duration::from_secs(3 * 24 * 60 * 60);
    let plant = |name: &str, age: SystemTime| {
        fs::write(path(name), "left").unwrap();
        File::options()
            .write(true)
            .open(path(name))
            .unwrap()
            .set_modified(age)
            .unwrap();
    };
    // No pid reaches 4 000 000 000 (Linux's highest is 2^22): that process is gone.
    let dead = ".citeline-4000000000-0123456789az.tmp";
    let dead_too = ".citeline-4000000001-zzzzzzzzzzzz.tmp";
    plant(dead, old);
    plant(
        dead_too,
        SystemTime::now() - Duration::from_secs(2 * 24 * 60 * 60),
    );
    // Alive: this very process (another run in it may be staging), and, on Linux, pid 1
    // however old its file (elsewhere only age tells, so it is planted fresh).
    let own = format!(".citeline-{}-0000000000aa.tmp", std::process::id());
    plant(&own, old);
    let live = ".citeline-1-0000000000bb.tmp";
    plant(
        live,
        if cfg!(target_os = "linux") {
            old
        } else {
            SystemTime::now()
        },
    );
    // Not ours by name, or not a plain file.
    for name in [".citeline-notours", ".citeline-aBc123.tmp", "chart.svg"] {
        plant(name, old);
    }
    fs::create_dir(path(".citeline-4000000002-0123456789az.tmp")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("chart.svg", path(".citeline-4000000003-0123456789az.tmp")).unwrap();

    let staged = prepare(&[path("chart.svg")], false).unwrap();
    let left = names(dir.path());
    assert!(!left.contains(dead) && !left.contains(dead_too), "{left:?}");
    for kept in [
        own.as_str(),
        live,
        ".citeline-notours",
        ".citeline-aBc123.tmp",
        "chart.svg",
        ".citeline-4000000002-0123456789az.tmp",
    ] {
        assert!(left.contains(kept), "{kept} was removed: {left:?}");
    }
    #[cfg(unix)]
    assert!(left.contains(".citeline-4000000003-0123456789az.tmp"));
    drop(staged);
    assert_eq!(fs::read_to_string(path("chart.svg")).unwrap(), "left");
}

/// Runs committing to the same outputs at once end with outputs all from one run: each run
/// writes its id into both files, and they must agree. The runs name the outputs in opposite
/// orders, in two folders, which would deadlock if the folders were locked in that order.
#[test]
fn concurrent_runs_leave_outputs_from_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let (x, y) = (dir.path().join("x"), dir.path().join("y"));
    fs::create_dir(&x).unwrap();
    fs::create_dir(&y).unwrap();
    let (a, b) = (x.join("a.svg"), y.join("b.png"));
    const RUNS: usize = 3;
    for round in 0..200 {
        let barrier = Arc::new(Barrier::new(RUNS));
        let runs: Vec<_> = (0..RUNS)
            .map(|run| {
                let barrier = Arc::clone(&barrier);
                let mut outputs = [a.clone(), b.clone()];
                if run % 2 == 1 {
                    outputs.reverse();
                }
                std::thread::spawn(move || {
                    let staged = prepare(&outputs, false).unwrap();
                    let id = format!("round {round}, run {run}");
                    barrier.wait();
                    staged.commit(&[&id, &id]).unwrap();
                })
            })
            .collect();
        for run in runs {
            run.join().unwrap();
        }
        let (in_a, in_b) = (
            fs::read_to_string(&a).unwrap(),
            fs::read_to_string(&b).unwrap(),
        );
        assert_eq!(in_a, in_b, "round {round}");
    }
    assert_eq!(names(&x), set(&["a.svg"]));
    assert_eq!(names(&y), set(&["b.png"]));
}

#[test]
fn write_atomic_is_one_output_committed() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chart.svg");
    write_atomic(&target, b"first").unwrap();
    write_atomic(&target, b"second").unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"second");
    #[cfg(unix)]
    assert_eq!(mode(&target), 0o644);
    // A target whose folder does not exist fails and leaves nothing behind.
    let missing = dir.path().join("no/such/chart.svg");
    let err = write_atomic(&missing, b"x").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::NotFound);
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(names(dir.path()), set(&["chart.svg"]));
}

/// The one message that names a file of ours: the previous version of an output that a
/// failed rollback could not put back, which is the user's only way back to it.
#[test]
fn a_failed_rollback_says_where_each_previous_version_is() {
    let err = OutputError::new(
        Path::new("out/b.png"),
        OutputErrorKind::Rename {
            error: io::Error::other("disk gone"),
            unrestored: vec![
                Unrestored {
                    path: "out/a.svg".into(),
                    kept_as: Some("/work/out/.citeline-7-0123456789az.tmp".into()),
                    error: io::Error::other("disk still gone"),
                },
                Unrestored {
                    path: "c.svg".into(),
                    kept_as: None,
                    error: io::Error::other("disk still gone"),
                },
            ],
        },
    );
    assert_eq!(
        err.to_string(),
        "cannot write out/b.png: disk gone; and these outputs could not be put back as they \
         were: out/a.svg (disk still gone; its previous version is \
         /work/out/.citeline-7-0123456789az.tmp), c.svg (disk still gone; it did not exist \
         before, remove it)"
    );
}
