//! `--lines`: every input line is one document, analyzed on several threads, written in input
//! order.
//!
//! Three kinds of thread share the work: the caller's thread reads lines and writes results,
//! `jobs` workers analyze. Memory stays bounded whatever the input's size: the reader hands out
//! a line only while fewer than [`WINDOW`] lines are read but not yet written, so neither the
//! lines waiting for a worker nor the results waiting for an earlier, slower line can pile up.
//! The output is the same bytes for any number of workers: each result is formatted from its
//! line alone (and its position, for the text format's separators) and written in order.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

/// Lines read but not yet written, at most (per worker: a long line then a slow one cannot
/// stall the others, and a batch of short lines keeps every worker busy).
pub const WINDOW: u64 = 256;

/// Why the run stopped early.
pub enum Stop {
    /// A line that is not UTF-8: the byte offset (in the whole input) and line number (from 1)
    /// of the bad byte. Everything before that line has been written.
    NotUtf8 { offset: u64, line: u64 },
    /// Reading the input failed.
    Read(std::io::Error),
    /// Writing the output failed (the reader went away, the disk is full...).
    Write(std::io::Error),
}

/// How far the writer has got, shared with the reader so that it can wait for room.
struct Progress {
    written: Mutex<u64>,
    room: Condvar,
    /// Set when the writer gives up: the reader stops at once.
    abort: AtomicBool,
}

/// Runs `work(line, position)` on each line of `input` on `jobs` threads and writes each
/// result to `out` in input order. A line is split off at `\n`, and loses a final `\r`; an input
/// that does not end with `\n` still ends a line (so an empty input is one empty line, as
/// `str::split` sees it).
pub fn run<R, W, F>(input: R, out: &mut W, jobs: usize, work: F) -> Result<(), Stop>
where
    R: BufRead + Send,
    W: Write,
    F: Fn(&str, u64) -> String + Sync,
{
    let jobs = jobs.max(1);
    let progress = Progress { written: Mutex::new(0), room: Condvar::new(), abort: AtomicBool::new(false) };
    let (job_tx, job_rx) = mpsc::sync_channel::<(u64, String)>(jobs * 2);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = mpsc::channel::<(u64, String)>();
    std::thread::scope(|s| {
        let progress = &progress;
        let reader = s.spawn(move || read(input, job_tx, progress));
        for _ in 0..jobs {
            let (rx, tx, work) = (Arc::clone(&job_rx), done_tx.clone(), &work);
            s.spawn(move || loop {
                // (The lock is held only while taking a line, not while analyzing it.)
                let next = rx.lock().expect("a worker panicked").recv();
                let Ok((n, line)) = next else { return };
                if tx.send((n, work(&line, n))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let wrote = write(done_rx, out, progress);
        if wrote.is_err() {
            progress.abort.store(true, Ordering::SeqCst);
            progress.room.notify_all();
        }
        let read = reader.join().expect("the reader does not panic");
        // A write error comes first: it is why reading stopped. Otherwise every line before a
        // bad one has been written, and the bad one is reported.
        wrote?;
        read
    })
}

/// Reads lines and hands them to the workers, never more than [`WINDOW`] ahead of the writer.
fn read<R: BufRead>(mut input: R, jobs: mpsc::SyncSender<(u64, String)>, progress: &Progress) -> Result<(), Stop> {
    let (mut n, mut offset) = (0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let got = input.read_until(b'\n', &mut buf).map_err(Stop::Read)?;
        if got == 0 && n > 0 {
            return Ok(());
        }
        let ends_input = got == 0 || buf.last() != Some(&b'\n');
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        let line = match String::from_utf8(std::mem::take(&mut buf)) {
            Ok(s) => s,
            Err(e) => return Err(Stop::NotUtf8 { offset: offset + e.utf8_error().valid_up_to() as u64, line: n + 1 }),
        };
        offset += got as u64;
        let mut line = line;
        if line.ends_with('\r') {
            line.pop();
        }
        {
            let mut written = progress.written.lock().expect("the writer does not panic");
            while n >= *written + WINDOW && !progress.abort.load(Ordering::SeqCst) {
                written = progress.room.wait(written).expect("the writer does not panic");
            }
        }
        if progress.abort.load(Ordering::SeqCst) || jobs.send((n, line)).is_err() {
            return Ok(());
        }
        n += 1;
        if ends_input {
            return Ok(());
        }
    }
}

/// Writes the results in order as they come in, and tells the reader how far it got.
fn write<W: Write>(results: mpsc::Receiver<(u64, String)>, out: &mut W, progress: &Progress) -> Result<(), Stop> {
    let mut waiting: BTreeMap<u64, String> = BTreeMap::new();
    let mut next = 0u64;
    for (n, s) in results {
        waiting.insert(n, s);
        let before = next;
        while let Some(s) = waiting.remove(&next) {
            out.write_all(s.as_bytes()).map_err(Stop::Write)?;
            next += 1;
        }
        if next != before {
            *progress.written.lock().expect("the reader does not panic") = next;
            progress.room.notify_all();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], jobs: usize) -> (Vec<String>, Option<(u64, u64)>) {
        let mut out = Vec::new();
        let r = run(input, &mut out, jobs, |l, n| format!("{n}:{l}|"));
        let bad = match r {
            Ok(()) => None,
            Err(Stop::NotUtf8 { offset, line }) => Some((offset, line)),
            Err(_) => panic!("an I/O error on memory"),
        };
        let s = String::from_utf8(out).unwrap();
        (s.split_terminator('|').map(str::to_string).collect(), bad)
    }

    #[test]
    fn lines_as_str_split_sees_them() {
        for jobs in [1, 3] {
            assert_eq!(lines(b"", jobs).0, ["0:"]);
            assert_eq!(lines(b"\n", jobs).0, ["0:"]);
            assert_eq!(lines(b"a\r\n\nb", jobs).0, ["0:a", "1:", "2:b"]);
            assert_eq!(lines(b"a\nb\n", jobs).0, ["0:a", "1:b"]);
        }
    }

    #[test]
    fn order_is_kept_past_the_window() {
        let input: String = (0..3 * WINDOW).map(|i| format!("{i}\n")).collect();
        let (got, bad) = lines(input.as_bytes(), 4);
        assert_eq!(bad, None);
        assert_eq!(got.len() as u64, 3 * WINDOW);
        assert!(got.iter().enumerate().all(|(i, l)| *l == format!("{i}:{i}")));
    }

    #[test]
    fn a_bad_line_stops_after_the_lines_before_it() {
        let (got, bad) = lines(b"ab\ncd\ne\xFFf\ng\n", 2);
        assert_eq!(got, ["0:ab", "1:cd"]);
        assert_eq!(bad, Some((7, 3)));
    }
}
