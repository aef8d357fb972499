//! Splitting work over the machine's cores without a thread-pool crate: the checks are
//! independent per source and per event, so contiguous chunks, one scoped thread each, and
//! results joined in chunk order keep the output identical to a sequential run.

use std::num::NonZeroUsize;
use std::thread;

/// Chunks smaller than this are not worth a thread.
const MIN_CHUNK: usize = 64;

/// Apply `work` to contiguous chunks of `items` on up to one thread per core, and return the
/// results in the order of the chunks.
pub(crate) fn map_chunks<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let cores = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(8);
    let chunk = items.len().div_ceil(cores).max(MIN_CHUNK);
    if items.len() <= chunk {
        return vec![work(items)];
    }
    thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| work(part)))
            .collect();
        handles
            .into_iter()
            // A panic in a worker is a bug in citeline; re-raise it rather than lose findings.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        let sums: Vec<Vec<u32>> = map_chunks(&items, |part| part.iter().map(|x| x * 2).collect());
        let flat: Vec<u32> = sums.into_iter().flatten().collect();
        assert_eq!(flat, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert_eq!(map_chunks(&[] as &[u32], |p| p.len()), vec![0]);
    }
}
