//! Splitting a step of work over the machine's cores, the one way every parallel step here does it.

/// The most threads a step uses, and the fewest items worth starting threads for.
pub(crate) const MAX_THREADS: usize = 8;
pub(crate) const PARALLEL_FROM: usize = 256;

/// How many threads a step over `items` items uses: one below [`PARALLEL_FROM`], otherwise the
/// machine's cores, at most [`MAX_THREADS`].
pub(crate) fn threads_for(items: usize) -> usize {
    if items < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS)
    }
}

/// `work(t, input)` for each of `inputs`, numbered from 0, each on its own thread (on this one
/// when there is only one), with the results in the inputs' order.
pub(crate) fn on_threads<I: Send, T: Send>(inputs: Vec<I>, work: impl Fn(usize, I) -> T + Sync) -> Vec<T> {
    if inputs.len() <= 1 {
        return inputs.into_iter().map(|input| work(0, input)).collect();
    }
    std::thread::scope(|scope| {
        let work = &work;
        let workers: Vec<_> =
            inputs.into_iter().enumerate().map(|(t, input)| scope.spawn(move || work(t, input))).collect();
        // A worker only panics if the work did; pass that on.
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}
