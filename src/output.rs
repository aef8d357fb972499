//! Writing output files so that a failed run never leaves a half-written chart: the bytes go
//! to a temporary file in the target's own folder, which is then renamed over the target
//! (atomic on the same file system).

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically. On any error the previous file at `path`, if any, is
/// untouched and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".citeline-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("chart.svg");
        write_atomic(&target, b"first").unwrap();
        write_atomic(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        // A target whose folder does not exist fails and leaves nothing behind.
        let missing = dir.path().join("no/such/chart.svg");
        assert!(write_atomic(&missing, b"x").is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }
}
