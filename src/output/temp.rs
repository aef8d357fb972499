//! The files of ours that sit beside the outputs for a while: the new content before it is
//! renamed into place, and the previous content kept for a rollback. Both are named
//! `.citeline-<pid>-<tag>.tmp` (`tag`: 12 of `0-9a-z`), so that a later run can tell them
//! from anything else and know whose they are; and both are removed when their guard is
//! dropped, unless it is disarmed.

use std::collections::hash_map::RandomState;
use std::ffi::OsStr;
use std::fs::{self, File, Metadata, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

const PREFIX: &str = ".citeline-";
const SUFFIX: &str = ".tmp";
const TAG_LEN: usize = 12;

/// Where the process that made a file of ours cannot be asked about (no `/proc`), the file
/// is taken as abandoned once it is this old: no render takes a day.
const STALE_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// A path of ours, removed on drop unless disarmed.
#[derive(Debug)]
pub(super) struct PathGuard {
    path: PathBuf,
    armed: bool,
}

impl PathGuard {
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// The file is no longer ours to remove (renamed away, or kept for the user).
    pub(super) fn disarm(&mut self) {
        self.armed = false;
    }
}

impl Drop for PathGuard {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A new, empty, private file of ours, open for writing.
#[derive(Debug)]
pub(super) struct TempFile {
    pub(super) file: File,
    pub(super) guard: PathGuard,
}

impl TempFile {
    pub(super) fn create_in(folder: &Path) -> io::Result<TempFile> {
        let (guard, file) = with_fresh_name(folder, |path| {
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            options.open(path)
        })?;
        Ok(TempFile { file, guard })
    }
}

/// Runs `make` on fresh names of ours in `folder` until one does not exist yet, and guards
/// the file it made.
pub(super) fn with_fresh_name<T>(
    folder: &Path,
    mut make: impl FnMut(&Path) -> io::Result<T>,
) -> io::Result<(PathGuard, T)> {
    let pid = std::process::id();
    for _ in 0..64 {
        let path = folder.join(format!("{PREFIX}{pid}-{}{SUFFIX}", random_tag()));
        match make(&path) {
            Ok(value) => return Ok((PathGuard { path, armed: true }, value)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free name for a temporary file",
    ))
}

/// Twelve characters of `0-9a-z`, different at every call: the standard library's
/// randomly keyed hasher over a counter and the clock. Not secret, only unlikely to repeat;
/// `create_new` settles any collision.
fn random_tag() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    let mut n = hasher.finish();
    let mut tag = String::with_capacity(TAG_LEN);
    for _ in 0..TAG_LEN {
        tag.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
    }
    tag
}

/// The process id in a name of ours, `.citeline-<pid>-<tag>.tmp`; `None` for any other name.
pub(super) fn pid_of(name: &OsStr) -> Option<u32> {
    let rest = name.to_str()?.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (pid, tag) = rest.split_once('-')?;
    let tag_ok = tag.len() == TAG_LEN
        && tag
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase());
    let pid_ok = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    if tag_ok && pid_ok {
        pid.parse().ok()
    } else {
        None
    }
}

/// Removes the files of ours in `folder` that a process which is gone left behind (it was
/// killed, or the power went). Only regular files with a name of ours, owned by the owner
/// of `ours` (a file this process just made), and never this process's own. Best effort:
/// what cannot be read or removed stays.
pub(super) fn clean_stale(folder: &Path, ours: &Metadata) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let Some(pid) = pid_of(&entry.file_name()) else {
            continue;
        };
        if pid == me {
            continue;
        }
        // Not followed: a symbolic link with a name of ours is not a file of ours.
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if meta.is_file() && same_owner(&meta, ours) && process_gone(pid, &meta) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn same_owner(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.uid() == b.uid()
}

#[cfg(not(unix))]
fn same_owner(_: &Metadata, _: &Metadata) -> bool {
    true
}

/// Whether the process `pid` is gone: on Linux, `/proc/<pid>` is absent; elsewhere (or
/// without `/proc`) the file is older than [`STALE_AGE`].
fn process_gone(pid: u32, meta: &Metadata) -> bool {
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    meta.modified()
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_ours_and_only_ours() {
        let dir = tempfile::tempdir().unwrap();
        let (guard, _) = with_fresh_name(dir.path(), |p| File::create_new(p)).unwrap();
        let name = guard.path().file_name().unwrap();
        assert_eq!(pid_of(name), Some(std::process::id()), "{name:?}");
        assert_eq!(pid_of(".citeline-42-0123456789az.tmp".as_ref()), Some(42));
        for other in [
            ".citeline-notours",
            ".citeline-42-0123456789az",
            ".citeline-42-0123456789AZ.tmp",
            ".citeline-42-0123456789a.tmp",
            ".citeline--0123456789az.tmp",
            ".citeline-4x-0123456789az.tmp",
            ".citeline-aBc123.tmp", // the names of citeline 0.1's temporary files
            "citeline-42-0123456789az.tmp",
        ] {
            assert_eq!(pid_of(other.as_ref()), None, "{other}");
        }
        let path = guard.path().to_path_buf();
        drop(guard);
        assert!(!path.exists());
    }

    #[test]
    fn tags_do_not_repeat() {
        let tags: std::collections::HashSet<_> = (0..1000).map(|_| random_tag()).collect();
        assert_eq!(tags.len(), 1000);
    }
}
