//! What can go wrong with an output, said in terms of the path the user typed and what to do
//! about it. No message ever names a temporary file: the one exception is a failed rollback,
//! where the kept copy of a previous chart is the user's only way back to it.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// An output that cannot be written, or a commit that did not happen.
///
/// [`path`](Self::path) is the output exactly as it was given to
/// [`prepare`](super::prepare), even when it is a symbolic link to a file elsewhere. The
/// message (its `Display`) starts with `cannot write PATH:`, says why, and ends with what to
/// do; it includes the operating system's error where there is one, so
/// [`source`](std::error::Error::source) returns `None` (the `io::Error` is still there, in
/// [`kind`](Self::kind)) and an error chain does not print it twice.
#[derive(Debug)]
pub struct OutputError {
    path: PathBuf,
    kind: OutputErrorKind,
}

/// Why an output cannot be written. Every variant that [`prepare`](super::prepare) returns
/// means no work was done and nothing was touched; so does every variant from
/// [`Staged::commit`](super::Staged::commit) except [`Rename`](Self::Rename), which says
/// itself what became of the outputs.
#[derive(Debug)]
#[non_exhaustive]
pub enum OutputErrorKind {
    /// The output's folder does not exist (and `prepare` was not asked to create it).
    /// `folder` is spelled as the path (or the symbolic link it follows) spells it.
    FolderMissing { folder: PathBuf },
    /// Something on the way to the output is a file, not a folder.
    NotAFolder { folder: PathBuf },
    /// `prepare` was asked to create the output's folder and could not.
    CannotCreateFolder { folder: PathBuf, error: io::Error },
    /// No file can be created in the output's folder (not writable, disk full, …).
    CannotCreateFile { folder: PathBuf, error: io::Error },
    /// The output is an existing folder.
    IsAFolder,
    /// The output's name ends with a separator or `.`: it names a folder, not a file.
    NamesAFolder,
    /// The output is a device, pipe or socket, which replacing would destroy.
    NotAFile,
    /// The output's mode says it is read-only: its owner has no write permission.
    ReadOnly,
    /// The output is the same file as an output given earlier, `other`, spelled as given.
    NamedTwice { other: PathBuf },
    /// The output is a symbolic link that loops or goes through too many links.
    LinkLoop,
    /// The output or its folder cannot be looked at (e.g. no search permission).
    Inaccessible { error: io::Error },
    /// The output became a symbolic link between `prepare` and `commit`.
    Replaced,
    /// Writing or syncing the new content failed; no output was changed.
    Write { error: io::Error },
    /// The output's folder could not be locked against other runs; no output was changed.
    Lock { folder: PathBuf, error: io::Error },
    /// The previous version of the output could not be kept for a rollback; no output was
    /// changed.
    Backup { error: io::Error },
    /// Putting the new file in place failed. Every output already replaced was put back as it
    /// was, except those listed in `unrestored`.
    Rename {
        error: io::Error,
        unrestored: Vec<Unrestored>,
    },
}

/// An output that a failed commit replaced and then could not put back.
#[derive(Debug)]
pub struct Unrestored {
    /// The output, as given to `prepare`.
    pub path: PathBuf,
    /// Where its previous content is kept, if it had any (it is not removed).
    pub kept_as: Option<PathBuf>,
    /// Why putting it back failed.
    pub error: io::Error,
}

impl OutputError {
    pub(super) fn new(path: &Path, kind: OutputErrorKind) -> OutputError {
        OutputError {
            path: path.to_path_buf(),
            kind,
        }
    }

    /// The output, exactly as given to `prepare`.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why it cannot be written.
    pub fn kind(&self) -> &OutputErrorKind {
        &self.kind
    }

    /// The closest `io::ErrorKind`, for callers that only speak `io::Error`.
    fn io_kind(&self) -> io::ErrorKind {
        use io::ErrorKind as K;
        use OutputErrorKind as O;
        match &self.kind {
            O::CannotCreateFolder { error, .. }
            | O::CannotCreateFile { error, .. }
            | O::Inaccessible { error }
            | O::Write { error }
            | O::Lock { error, .. }
            | O::Backup { error }
            | O::Rename { error, .. } => error.kind(),
            O::FolderMissing { .. } => K::NotFound,
            O::NotAFolder { .. } => K::NotADirectory,
            O::IsAFolder | O::NamesAFolder => K::IsADirectory,
            O::ReadOnly => K::PermissionDenied,
            O::NamedTwice { .. } | O::NotAFile | O::LinkLoop | O::Replaced => K::InvalidInput,
        }
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use OutputErrorKind as O;
        let path = self.path.display();
        write!(f, "cannot write {path}: ")?;
        match &self.kind {
            O::FolderMissing { folder } => write!(
                f,
                "the folder {} does not exist; create it or choose another -o",
                folder.display()
            ),
            O::NotAFolder { folder } => {
                write!(f, "{} is not a folder; choose another -o", folder.display())
            }
            O::CannotCreateFolder { folder, error } => write!(
                f,
                "cannot create the folder {}: {error}; create it yourself or choose another -o",
                folder.display()
            ),
            O::CannotCreateFile { folder, error } => write!(
                f,
                "cannot create a file in {}: {error}; make the folder writable or choose \
                 another -o",
                folder.display()
            ),
            O::IsAFolder => write!(
                f,
                "it is a folder; name a file inside it or choose another -o"
            ),
            O::NamesAFolder => write!(
                f,
                "the name ends like a folder's; name a file (e.g. chart.svg) instead"
            ),
            O::NotAFile => write!(
                f,
                "it is not a regular file (a device, pipe or socket); choose another -o"
            ),
            O::ReadOnly => write!(f, "it is read-only; make it writable or choose another -o"),
            // Spelled the same, not merely equal as paths (`a/./b` equals `a/b`).
            O::NamedTwice { other } if other.as_os_str() == self.path.as_os_str() => {
                write!(f, "it is given twice; name each output once")
            }
            O::NamedTwice { other } => write!(
                f,
                "it is the same file as {}; name each output once",
                other.display()
            ),
            O::LinkLoop => write!(
                f,
                "it is a symbolic link that loops or goes through too many links; fix the link \
                 or choose another -o"
            ),
            O::Inaccessible { error } => write!(
                f,
                "{error}; check the permissions of its folder or choose another -o"
            ),
            O::Replaced => write!(
                f,
                "it was replaced by a symbolic link while the chart was being drawn; no output \
                 was changed, run again"
            ),
            O::Write { error } => {
                write!(f, "{error}; no output was changed")?;
                if matches!(
                    error.kind(),
                    io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
                ) {
                    write!(f, ", free some space or choose another -o")?;
                }
                Ok(())
            }
            O::Lock { folder, error } => write!(
                f,
                "cannot lock the folder {} against other runs: {error}; no output was changed",
                folder.display()
            ),
            O::Backup { error } => write!(
                f,
                "cannot keep its previous version for a rollback: {error}; no output was changed"
            ),
            O::Rename { error, unrestored } if unrestored.is_empty() => {
                write!(f, "{error}; every output was left as it was")
            }
            O::Rename { error, unrestored } => {
                write!(
                    f,
                    "{error}; and these outputs could not be put back as they were:"
                )?;
                for (i, u) in unrestored.iter().enumerate() {
                    let separator = if i == 0 { " " } else { ", " };
                    write!(f, "{separator}{} ({}", u.path.display(), u.error)?;
                    match &u.kept_as {
                        Some(kept) => write!(f, "; its previous version is {})", kept.display())?,
                        None => write!(f, "; it did not exist before, remove it)")?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for OutputError {}

impl From<OutputError> for io::Error {
    fn from(e: OutputError) -> io::Error {
        io::Error::new(e.io_kind(), e)
    }
}
