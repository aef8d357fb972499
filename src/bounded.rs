//! Reading a file through a size cap. The cap is enforced on the bytes actually read, never
//! on the size the file system reports: `/dev/zero`, a pipe or a file that grows while it
//! is read all report a size that says nothing about how much they will give.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Why a file could not be read within its cap.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// The path names a folder.
    Directory,
    /// The file gave more bytes than the cap.
    TooLarge { cap: u64 },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::Directory => f.write_str("it is a folder, not a file"),
            ReadError::TooLarge { cap } => write!(f, "it holds more than {}", size(*cap)),
        }
    }
}

/// `16 MiB`, `512 KiB` or `100 bytes`: a cap as people say it.
pub fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Read all of `path`, refusing it as soon as it gives more than `cap` bytes. Memory stays
/// within the cap whatever the file is.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    // The reported size only sizes the buffer; the cap is checked on what is read.
    let hint = meta.len().min(cap) as usize;
    let mut bytes = Vec::with_capacity(hint + 1);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match e.raw_os_error() {
            // EISDIR from a read: a folder that opened as a file.
            Some(21) => ReadError::Directory,
            _ => ReadError::Io(e),
        })?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { cap });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_counts_bytes_read_not_the_reported_size() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.txt");
        std::fs::write(&small, b"12345").unwrap();
        assert_eq!(read_capped(&small, 5).unwrap(), b"12345");
        assert!(matches!(
            read_capped(&small, 4),
            Err(ReadError::TooLarge { cap: 4 })
        ));
        assert!(matches!(
            read_capped(dir.path(), 4),
            Err(ReadError::Directory)
        ));
        #[cfg(unix)]
        {
            // Reports size 0, gives bytes without end.
            let zero = read_capped(Path::new("/dev/zero"), 1 << 20);
            assert!(matches!(zero, Err(ReadError::TooLarge { .. })), "{zero:?}");
        }
        assert_eq!(size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(size(2048), "2 KiB");
        assert_eq!(size(1536), "1536 bytes");
    }
}
