//! Writing the chart files. This module owns every file `render` puts on disk, so that one
//! run replaces all of its outputs or none of them: a failure, a bad `-o` or a concurrent run
//! never leaves the SVG of one run beside the PNG of another, or half a file.
//!
//! # How a run uses it
//!
//! ```no_run
//! # fn draw() -> Vec<Vec<u8>> { vec![] }
//! use citeline::output;
//! let outputs = ["output/timeline.svg", "output/timeline.png"];
//! // Before any work: every problem with an output shows now, not after the render.
//! let staged = output::prepare(&outputs, true)?;
//! let contents = draw(); // one Vec<u8> per output, in the same order
//! staged.commit(&contents)?;
//! # Ok::<(), output::OutputError>(())
//! ```
//!
//! [`prepare`] checks every output (its folder exists and is a folder, or is created when
//! asked; the output is not a folder, not a device, not read-only by its mode bits, and not
//! the same file as another output), and creates each output's temporary file at once in the
//! output's real folder, which proves that folder writable. Dropping the [`Staged`] it returns
//! (an error, data that fails its check) removes those files. [`Staged::commit`] then does
//! all the slow work first (write, permissions, `fsync`), takes an exclusive lock on each
//! folder (sorted, so that runs never deadlock), keeps every previous output as a hard link
//! (or a copy where links are not supported), renames each temporary file over its output,
//! and on a failed rename puts back the outputs already replaced before it returns.
//!
//! # Symbolic links
//!
//! An output that is a symbolic link is followed to the file it finally points to, and that
//! file is replaced: the link stays a link and the chart it shows is the new one. A link whose
//! file does not exist yet creates it, as the shell's `>` would. Other links on the way (a
//! linked `output/` folder) are followed too: the temporary file is made in the real folder,
//! since a rename cannot cross file systems.
//!
//! # Files of ours
//!
//! The temporary files and the kept previous versions are `.citeline-<pid>-<tag>.tmp` in the
//! output's real folder. A run killed before it could remove its own (SIGKILL, power loss,
//! Ctrl-C, which runs no destructors) leaves them behind; the next `prepare` on that folder
//! removes them once their process is gone: on Linux when `/proc/<pid>` is absent, elsewhere
//! when they are over a day old. It only ever removes regular files with exactly that name
//! shape, owned by the same user, and not its own process's. A run in another PID namespace
//! (a container sharing the folder) looks gone from here: should its temporary file be
//! removed mid-run, its commit fails at the rename and changes nothing.
//!
//! # Guarantees and their limits
//!
//! - Each output is always a whole file, old or new, never a mix (rename is atomic on the
//!   same file system).
//! - A failure anywhere before the renames (disk full, a folder gone, an output made
//!   read-only during the render) changes no output. A failure at rename k puts back the k−1
//!   outputs already replaced (their previous version renamed back, or a new one removed); if
//!   even that fails, the error names each output left changed and where its previous version
//!   is kept.
//! - Two runs committing to the same outputs at once are serialized by the folder locks: the
//!   outputs end all from one run or all from the other. The locks are advisory `flock`s on
//!   the folders themselves (no lock file is left behind); a program that does not take them
//!   is not held back, and on file systems where `flock` does nothing (some network ones)
//!   runs are not serialized. Outside Unix the lock is a file `.citeline.lock` in the folder,
//!   which stays.
//! - Not covered: a SIGKILL or power loss between the first and last rename leaves the outputs
//!   mixed, and no process is left to roll them back (the next run on that folder removes the
//!   kept previous versions with the other files of dead runs; render again to get a matching
//!   set). The window is one rename per output, a few microseconds on a local disk:
//!   rendering, writing, `fsync` and keeping the previous versions all happen before the
//!   first rename. A reader that opens the outputs during that window (readers take no lock)
//!   can likewise see one new and one old file.
//! - Each output is replaced by a new file: it keeps its permission bits (new outputs get
//!   0644) and, when the run may set them, its owner and group; other hard links to it keep
//!   the old content, and extended attributes and ACLs are not carried over.
//! - "Read-only" is decided by the mode bits (the owner has no write permission), not by
//!   trying to write, so running as root does not overwrite a file someone protected.

mod error;
mod temp;
#[cfg(test)]
mod tests;

pub use error::{OutputError, OutputErrorKind, Unrestored};

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use temp::{PathGuard, TempFile};

/// The most symbolic links followed from one output, as Linux's `MAXSYMLINKS`.
const MAX_LINKS: usize = 40;

/// The outputs of one run, checked, each with its temporary file ready in its real folder.
/// [`commit`](Self::commit) puts the new contents in place; dropping it instead removes the
/// temporary files and changes nothing.
#[derive(Debug)]
pub struct Staged {
    outputs: Vec<Output>,
    /// The real folders of the outputs, sorted and without repeats: the order of locking.
    folders: Vec<PathBuf>,
}

#[derive(Debug)]
struct Output {
    /// As given to `prepare`: the name every message uses.
    given: PathBuf,
    /// The file that will be replaced: the real folder joined with the final name, after
    /// every symbolic link.
    target: PathBuf,
    /// Device and inode of the file at `target` when `prepare` looked, if any (Unix).
    identity: Option<(u64, u64)>,
    temp: TempFile,
}

/// Checks every output and stages a temporary file for each, before any work is done.
///
/// `paths` are the outputs as the user gave them; `create_folders` creates a missing folder
/// (with its parents), as for the default `output/`, where otherwise a missing folder is an
/// error. Also removes files of ours that dead runs left in those folders.
///
/// # Errors
///
/// The first output that cannot be written, with why and what to do; the temporary files
/// already made are removed and nothing else is touched (except a folder created on request).
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let (svg, png) = (dir.path().join("chart.svg"), dir.path().join("chart.png"));
/// let staged = citeline::output::prepare(&[&svg, &png], false).unwrap();
/// // … the slow work happens here; nothing is replaced yet …
/// staged.commit(&[b"<svg/>".to_vec(), b"png bytes".to_vec()]).unwrap();
/// assert_eq!(std::fs::read(&svg).unwrap(), b"<svg/>");
/// let refused = citeline::output::prepare(&[dir.path().join("no/such/folder/x.svg")], false);
/// assert!(refused.unwrap_err().to_string().contains("no/such/folder"));
/// ```
pub fn prepare<P: AsRef<Path>>(paths: &[P], create_folders: bool) -> Result<Staged, OutputError> {
    let mut outputs: Vec<Output> = Vec::with_capacity(paths.len());
    let mut folders: Vec<PathBuf> = Vec::new();
    for given in paths {
        let given = given.as_ref();
        let fail = |kind| OutputError::new(given, kind);
        let found = locate(given, create_folders).map_err(fail)?;
        let identity = found.existing.as_ref().and_then(identity);
        let earlier = outputs
            .iter()
            .find(|o| o.target == found.target || (identity.is_some() && o.identity == identity));
        if let Some(earlier) = earlier {
            return Err(fail(OutputErrorKind::NamedTwice {
                other: earlier.given.clone(),
            }));
        }
        let temp = TempFile::create_in(&found.folder).map_err(|error| {
            fail(OutputErrorKind::CannotCreateFile {
                folder: found.shown_folder.clone(),
                error,
            })
        })?;
        if !folders.contains(&found.folder) {
            if let Ok(ours) = temp.file.metadata() {
                temp::clean_stale(&found.folder, &ours);
            }
            folders.push(found.folder);
        }
        outputs.push(Output {
            given: given.to_path_buf(),
            target: found.target,
            identity,
            temp,
        });
    }
    folders.sort();
    Ok(Staged { outputs, folders })
}

impl Staged {
    /// The outputs, as given to `prepare`, in that order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.outputs.iter().map(|o| o.given.as_path())
    }

    /// Puts `contents[i]` in place at the `i`th output, all outputs or none.
    ///
    /// # Errors
    ///
    /// The output that failed and why. Unless the kind is [`OutputErrorKind::Rename`] with
    /// outputs listed in `unrestored`, every output is as it was before the call. The
    /// temporary files are removed in every case.
    ///
    /// # Panics
    ///
    /// If `contents` does not have one entry per output.
    pub fn commit<B: AsRef<[u8]>>(mut self, contents: &[B]) -> Result<(), OutputError> {
        assert_eq!(
            contents.len(),
            self.outputs.len(),
            "commit takes one content per output, in the order given to prepare"
        );
        // The slow work, while other runs may still commit.
        for (output, bytes) in self.outputs.iter_mut().zip(contents) {
            output
                .fill(bytes.as_ref())
                .map_err(|error| output.error(OutputErrorKind::Write { error }))?;
        }
        if self.outputs.is_empty() {
            return Ok(());
        }
        let locks = self.lock()?;
        // Under the lock nobody else of ours changes the outputs: look at each again (the
        // render may have taken a while), and keep its present version for a rollback.
        let mut backups = Vec::with_capacity(self.outputs.len());
        for output in &self.outputs {
            let existing = inspect_again(&output.target).map_err(|kind| output.error(kind))?;
            let backup = match existing {
                Some(_) => Some(
                    keep_previous(&output.target)
                        .map_err(|error| output.error(OutputErrorKind::Backup { error }))?,
                ),
                None => None,
            };
            backups.push(backup);
        }
        // The renames: the only moment the outputs are mixed.
        for k in 0..self.outputs.len() {
            let output = &mut self.outputs[k];
            if let Err(error) = fs::rename(output.temp.guard.path(), &output.target) {
                let unrestored = self.roll_back(k, &mut backups);
                let output = &self.outputs[k];
                return Err(output.error(OutputErrorKind::Rename { error, unrestored }));
            }
            output.temp.guard.disarm();
        }
        // Success: the previous versions go, and (on Unix, where a lock is a handle on the
        // folder) syncing the folders makes the new names durable. Then the locks go.
        drop(backups);
        for lock in &locks {
            let _ = lock.sync_all();
        }
        drop(locks);
        Ok(())
    }

    /// Locks every folder, in sorted order so that two runs never wait on each other.
    fn lock(&self) -> Result<Vec<File>, OutputError> {
        let mut locks = Vec::with_capacity(self.folders.len());
        for folder in &self.folders {
            let lock = lock_folder(folder).map_err(|error| {
                let output = self
                    .outputs
                    .iter()
                    .find(|o| o.target.parent() == Some(folder))
                    .unwrap_or(&self.outputs[0]);
                output.error(OutputErrorKind::Lock {
                    folder: output.shown_folder(),
                    error,
                })
            })?;
            locks.push(lock);
        }
        Ok(locks)
    }

    /// Puts back the outputs before `failed`, already replaced, newest first; returns those
    /// that could not be put back (their kept versions are left for the user).
    fn roll_back(&self, failed: usize, backups: &mut [Option<PathGuard>]) -> Vec<Unrestored> {
        let mut unrestored = Vec::new();
        let replaced = self.outputs[..failed].iter().zip(&mut backups[..failed]);
        for (output, backup) in replaced.rev() {
            let result = match backup {
                Some(kept) => {
                    let result = fs::rename(kept.path(), &output.target);
                    // Renamed back, or the only copy left: either way not ours to remove.
                    kept.disarm();
                    result
                }
                None => fs::remove_file(&output.target),
            };
            if let Err(error) = result {
                unrestored.push(Unrestored {
                    path: output.given.clone(),
                    kept_as: backup.as_ref().map(|b| b.path().to_path_buf()),
                    error,
                });
            }
        }
        unrestored
    }

    /// The temporary files, for tests that make a rename fail by removing one.
    #[cfg(test)]
    fn temp_paths(&self) -> Vec<PathBuf> {
        self.outputs
            .iter()
            .map(|o| o.temp.guard.path().to_path_buf())
            .collect()
    }
}

impl Output {
    fn error(&self, kind: OutputErrorKind) -> OutputError {
        OutputError::new(&self.given, kind)
    }

    /// The output's folder as the user spelled it, for messages.
    fn shown_folder(&self) -> PathBuf {
        folder_of(&self.given).to_path_buf()
    }

    /// Writes the new content to the temporary file with the permissions of the file it
    /// will replace, and syncs it to disk.
    fn fill(&mut self, bytes: &[u8]) -> io::Result<()> {
        let file = &mut self.temp.file;
        file.write_all(bytes)?;
        let existing = fs::metadata(&self.target).ok();
        set_permissions(file, existing.as_ref())?;
        file.sync_all()
    }
}

/// What `prepare` found out about one output.
struct Located {
    /// The real folder (canonical) joined with the final file name.
    target: PathBuf,
    /// The real folder.
    folder: PathBuf,
    /// The folder as spelled by the path or the link that leads there, for messages.
    shown_folder: PathBuf,
    /// The file now at `target`, if any.
    existing: Option<Metadata>,
}

fn locate(given: &Path, create_folders: bool) -> Result<Located, OutputErrorKind> {
    if create_folders {
        let folder = folder_of(given);
        if fs::metadata(folder).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) {
            fs::create_dir_all(folder).map_err(|error| OutputErrorKind::CannotCreateFolder {
                folder: folder.to_path_buf(),
                error,
            })?;
        }
    }
    let (path, existing) = follow_links(given)?;
    if let Some(meta) = &existing {
        check_existing(meta)?;
    }
    if names_a_folder(&path) {
        return Err(OutputErrorKind::NamesAFolder);
    }
    let Some(name) = path.file_name() else {
        return Err(OutputErrorKind::NamesAFolder);
    };
    let shown_folder = folder_of(&path).to_path_buf();
    let folder = match fs::canonicalize(&shown_folder) {
        Ok(folder) if folder.is_dir() => folder,
        Ok(_) => {
            return Err(OutputErrorKind::NotAFolder {
                folder: shown_folder,
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(OutputErrorKind::FolderMissing {
                folder: shown_folder,
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            return Err(OutputErrorKind::NotAFolder {
                folder: shown_folder,
            })
        }
        Err(error) => return Err(OutputErrorKind::Inaccessible { error }),
    };
    Ok(Located {
        target: folder.join(name),
        folder,
        shown_folder,
        existing,
    })
}

/// Follows `path` through symbolic links to the path of the file they lead to, and that
/// file's metadata if it exists.
fn follow_links(given: &Path) -> Result<(PathBuf, Option<Metadata>), OutputErrorKind> {
    let mut path = given.to_path_buf();
    for _ in 0..=MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&path)
                    .map_err(|error| OutputErrorKind::Inaccessible { error })?;
                // Relative to the link's folder; an absolute `to` replaces the whole path.
                // Not normalized: the system resolves `..` through linked folders correctly.
                path = folder_of(&path).join(to);
            }
            Ok(meta) => return Ok((path, Some(meta))),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok((path, None))
            }
            Err(error) => return Err(OutputErrorKind::Inaccessible { error }),
        }
    }
    Err(OutputErrorKind::LinkLoop)
}

/// An existing output must be a regular file that its owner may write.
fn check_existing(meta: &Metadata) -> Result<(), OutputErrorKind> {
    if meta.is_dir() {
        Err(OutputErrorKind::IsAFolder)
    } else if !meta.is_file() {
        Err(OutputErrorKind::NotAFile)
    } else if read_only(meta) {
        Err(OutputErrorKind::ReadOnly)
    } else {
        Ok(())
    }
}

/// Looks at an output again just before it is replaced: it must still be fit (not made a
/// folder or read-only meanwhile), and not have become a link, which `prepare` would have
/// followed. Returns its metadata if it exists.
fn inspect_again(target: &Path) -> Result<Option<Metadata>, OutputErrorKind> {
    match fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => Err(OutputErrorKind::Replaced),
        Ok(meta) => check_existing(&meta).map(|()| Some(meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(OutputErrorKind::Inaccessible { error }),
    }
}

/// Keeps the present version of `target` under a name of ours beside it: a hard link,
/// which costs nothing and, renamed back, restores the very same file; or a copy where the
/// file system has no hard links (or forbids linking a file of someone else's).
fn keep_previous(target: &Path) -> io::Result<PathGuard> {
    let folder = folder_of(target);
    match temp::with_fresh_name(folder, |name| fs::hard_link(target, name)) {
        Ok((guard, ())) => Ok(guard),
        Err(_) => {
            let (guard, mut copy) = temp::with_fresh_name(folder, |name| File::create_new(name))?;
            io::copy(&mut File::open(target)?, &mut copy)?;
            copy.set_permissions(fs::metadata(target)?.permissions())?;
            Ok(guard)
        }
    }
}

/// The folder a path is in, `.` for a bare name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether a path ends like a folder's (`x/`, `x/.`, `..`, `/`), where `Path::file_name`
/// would quietly read `x/` and `x/.` as `x`.
fn names_a_folder(path: &Path) -> bool {
    let bytes = path.as_os_str().as_encoded_bytes();
    let separator = |b: u8| std::path::is_separator(char::from(b));
    let trailing = match bytes {
        [.., last] if separator(*last) => true,
        [b'.'] => true,
        [.., before, b'.'] => separator(*before),
        _ => false,
    };
    trailing || !matches!(path.components().next_back(), Some(Component::Normal(_)))
}

#[cfg(unix)]
fn read_only(meta: &Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o200 == 0
}

#[cfg(not(unix))]
fn read_only(meta: &Metadata) -> bool {
    meta.permissions().readonly()
}

/// Which existing file an output is, to catch two names for one file (a hard link, or a
/// case-insensitive file system).
#[cfg(unix)]
fn identity(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Metadata) -> Option<(u64, u64)> {
    None
}

/// Gives a temporary file the mode of the file it replaces, or 0644 for a new output (a
/// chart is a document to share; temporary files start private), and, where allowed, its
/// owner and group.
#[cfg(unix)]
fn set_permissions(file: &File, existing: Option<&Metadata>) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mode = match existing {
        Some(old) => {
            let new = file.metadata()?;
            if (old.uid(), old.gid()) != (new.uid(), new.gid()) {
                // Only root may give a file away; anyone may fail quietly here.
                let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
            }
            old.mode() & 0o777
        }
        None => 0o644,
    };
    file.set_permissions(fs::Permissions::from_mode(mode))
}

/// Elsewhere a temporary file is not made private; an existing output's attributes carry
/// over (it is not read-only, or `prepare` would have refused it).
#[cfg(not(unix))]
fn set_permissions(file: &File, existing: Option<&Metadata>) -> io::Result<()> {
    match existing {
        Some(old) => file.set_permissions(old.permissions()),
        None => Ok(()),
    }
}

/// An exclusive lock on a folder, held until the returned handle is closed. On Unix the
/// folder itself is locked (`flock` on a handle to it), so no lock file is left behind.
#[cfg(unix)]
fn lock_folder(folder: &Path) -> io::Result<File> {
    let handle = File::open(folder)?;
    match handle.lock() {
        // Where the platform has no such lock, runs are not serialized (see the module doc).
        Err(e) if e.kind() == io::ErrorKind::Unsupported => {}
        result => result?,
    }
    Ok(handle)
}

/// Elsewhere a folder cannot be opened as a file, so a lock file in it stands for it. It is
/// not removed: removing a lock file races with the next run that opens it.
#[cfg(not(unix))]
fn lock_folder(folder: &Path) -> io::Result<File> {
    let handle = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(".citeline.lock"))?;
    handle.lock()?;
    Ok(handle)
}

/// Writes `bytes` to `path`, atomically: the one-output case of [`prepare`] and
/// [`Staged::commit`], with the same checks (a read-only `path` is refused) and no folder
/// created. On any error the previous file at `path`, if any, is untouched and no temporary
/// file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    prepare(&[path], false)?.commit(&[bytes])?;
    Ok(())
}
