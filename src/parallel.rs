//! Many documents on several threads, results in input order: the engine behind the CLI's
//! `--lines --jobs N` and the Python package's `analyze_many`.
//!
//! Three kinds of thread share the work: a feeder takes items from the input, `jobs` workers
//! run `work` on them, and the caller's thread hands each result to `sink` in input order.
//! Memory stays bounded whatever the input's size: the feeder takes an item only while fewer
//! than [`WINDOW`] items are taken but not yet sunk, so neither the items waiting for a worker
//! nor the results waiting for an earlier, slower item can pile up. Workers are long-lived for
//! the whole run, so each keeps its thread's lexeme table ([`crate::doc`]) warm across items.
//! The results are the same whatever `jobs` is: each comes from its item alone (and its
//! position) and is sunk in order.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Items taken but not yet sunk, at most (a long item then a slow one cannot stall the other
/// workers, and a batch of short items keeps every worker busy).
pub const WINDOW: u64 = 256;

/// How far the sink has got, shared with the feeder so that it can wait for room.
struct Progress {
    sunk: Mutex<u64>,
    room: Condvar,
    /// Set when the sink gives up: the feeder stops at once.
    abort: AtomicBool,
}

/// Runs `work(item, position)` on each item of `items` on `jobs` threads (at least one) and
/// hands each result to `sink` in input order, on the caller's thread.
///
/// The first `Err` from `items` stops the run after every item before it has been sunk, and is
/// returned. An `Err` from `sink` stops the run at once and is returned (it comes first: it is
/// why taking items stopped). `items` is iterated on a thread of its own.
pub fn map_ordered<T, R, E, I, F, S>(items: I, jobs: usize, work: F, mut sink: S) -> Result<(), E>
where
    I: Iterator<Item = Result<T, E>> + Send,
    T: Send,
    R: Send,
    E: Send,
    F: Fn(T, u64) -> R + Sync,
    S: FnMut(R) -> Result<(), E>,
{
    let jobs = jobs.max(1);
    let progress = Progress { sunk: Mutex::new(0), room: Condvar::new(), abort: AtomicBool::new(false) };
    let (job_tx, job_rx) = mpsc::sync_channel::<(u64, T)>(jobs * 2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, R)>();
    std::thread::scope(|s| {
        let progress = &progress;
        let feeder = s.spawn(move || feed(items, job_tx, progress));
        for _ in 0..jobs {
            let (rx, tx, work) = (&job_rx, done_tx.clone(), &work);
            s.spawn(move || loop {
                // (The lock is held only while taking an item, not while working on it.)
                let next = rx.lock().expect("a worker panicked").recv();
                let Ok((n, item)) = next else { return };
                if tx.send((n, work(item, n))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let sunk = drain(done_rx, &mut sink, progress);
        if sunk.is_err() {
            progress.abort.store(true, Ordering::SeqCst);
            progress.room.notify_all();
            // The workers stop at their next result (it has nowhere to go), but the feeder may
            // be blocked handing an item to a full queue that nobody takes from any more. Take
            // and drop what it still hands over: it then sees the abort and returns, which drops
            // its sender and ends this loop.
            let rx = job_rx.lock().expect("a worker panicked");
            while rx.recv().is_ok() {}
        }
        let fed = feeder.join().expect("the feeder does not panic");
        sunk?;
        fed
    })
}

/// Takes items and hands them to the workers, never more than [`WINDOW`] ahead of the sink.
fn feed<T, E>(items: impl Iterator<Item = Result<T, E>>, jobs: mpsc::SyncSender<(u64, T)>, progress: &Progress) -> Result<(), E> {
    for (n, item) in (0u64..).zip(items) {
        let item = item?;
        {
            let mut sunk = progress.sunk.lock().expect("the sink does not panic");
            while n >= *sunk + WINDOW && !progress.abort.load(Ordering::SeqCst) {
                sunk = progress.room.wait(sunk).expect("the sink does not panic");
            }
        }
        if progress.abort.load(Ordering::SeqCst) || jobs.send((n, item)).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// Sinks the results in order as they come in, and tells the feeder how far it got.
fn drain<R, E>(results: mpsc::Receiver<(u64, R)>, sink: &mut impl FnMut(R) -> Result<(), E>, progress: &Progress) -> Result<(), E> {
    let mut waiting: BTreeMap<u64, R> = BTreeMap::new();
    let mut next = 0u64;
    for (n, r) in results {
        waiting.insert(n, r);
        let before = next;
        while let Some(r) = waiting.remove(&next) {
            sink(r)?;
            next += 1;
        }
        if next != before {
            *progress.sunk.lock().expect("the feeder does not panic") = next;
            progress.room.notify_all();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(items: Vec<Result<u64, String>>, jobs: usize) -> (Vec<u64>, Result<(), String>) {
        let mut out = Vec::new();
        let r = map_ordered(items.into_iter(), jobs, |x, n| (x, n), |(x, n)| {
            assert_eq!(x, n, "position given with the item");
            out.push(x);
            Ok(())
        });
        (out, r)
    }

    #[test]
    fn order_is_kept_past_the_window() {
        for jobs in [1, 4] {
            let (out, r) = run((0..3 * WINDOW).map(Ok).collect(), jobs);
            assert_eq!(r, Ok(()));
            assert_eq!(out, (0..3 * WINDOW).collect::<Vec<_>>());
        }
    }

    #[test]
    fn an_input_error_stops_after_the_items_before_it() {
        let mut items: Vec<Result<u64, String>> = (0..600).map(Ok).collect();
        items[500] = Err("bad".into());
        let (out, r) = run(items, 3);
        assert_eq!(r, Err("bad".into()));
        assert_eq!(out, (0..500).collect::<Vec<_>>());
    }

    /// The sink fails while the feeder is blocked on a full queue and the only worker is busy:
    /// the run must still end (it once waited forever for the feeder, as `kashif analyze
    /// --lines` did when its reader went away). The run is on a thread of its own so that a
    /// hang fails the test instead of stalling it.
    #[test]
    fn a_sink_error_while_the_feeder_waits_on_a_full_queue_ends_the_run() {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let items = (0u64..).map(Ok::<u64, String>);
            let slow = |x: u64, _| {
                if x > 0 {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                x
            };
            let r = map_ordered(items, 1, slow, |x| if x == 0 { Err("stop".to_string()) } else { Ok(()) });
            tx.send(r).ok();
        });
        let r = rx.recv_timeout(std::time::Duration::from_secs(60)).expect("the run ended (it hung on the blocked feeder)");
        assert_eq!(r, Err("stop".into()));
    }

    #[test]
    fn a_sink_error_stops_the_feeder() {
        let taken = AtomicBool::new(false);
        let items = (0u64..).map(|i| {
            if i > 10 * WINDOW {
                taken.store(true, Ordering::SeqCst);
            }
            Ok::<u64, String>(i)
        });
        let r = map_ordered(items, 2, |x, _| x, |x| if x == 5 { Err(format!("stop at {x}")) } else { Ok(()) });
        assert_eq!(r, Err("stop at 5".into()));
        assert!(!taken.load(Ordering::SeqCst), "the feeder ran far past the window");
    }
}
