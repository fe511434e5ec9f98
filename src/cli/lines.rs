//! `--lines`: every input line is one document, analyzed on several threads, written in input
//! order.
//!
//! This module only cuts the input into lines and writes the results; the threads, the order and
//! the bound on memory are the library's [`kashif::parallel::map_ordered`] (which the Python
//! package's `analyze_many` uses too): the caller's thread writes, a feeder thread reads lines,
//! `jobs` workers analyze, and at most [`kashif::parallel::WINDOW`] lines are read but not yet
//! written. The output is the same bytes for any number of workers.

use std::io::{BufRead, Write};

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
    let lines = Lines { input, n: 0, offset: 0, done: false };
    kashif::parallel::map_ordered(lines, jobs, |line: String, n| work(&line, n), |s: String| {
        out.write_all(s.as_bytes()).map_err(Stop::Write)
    })
}

/// The input's lines as `str::split('\n')` sees them (less a final empty one after a final
/// line break, and each line's final `\r`), checked as UTF-8 one by one.
struct Lines<R> {
    input: R,
    /// Lines given so far.
    n: u64,
    /// Bytes read so far.
    offset: u64,
    done: bool,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<String, Stop>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        let got = match self.input.read_until(b'\n', &mut buf) {
            Ok(got) => got,
            Err(e) => {
                self.done = true;
                return Some(Err(Stop::Read(e)));
            }
        };
        if got == 0 && self.n > 0 {
            self.done = true;
            return None;
        }
        self.done = got == 0 || buf.last() != Some(&b'\n');
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        let mut line = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => {
                self.done = true;
                let offset = self.offset + e.utf8_error().valid_up_to() as u64;
                return Some(Err(Stop::NotUtf8 { offset, line: self.n + 1 }));
            }
        };
        self.offset += got as u64;
        self.n += 1;
        if line.ends_with('\r') {
            line.pop();
        }
        Some(Ok(line))
    }
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
        let input: String = (0..3 * kashif::parallel::WINDOW).map(|i| format!("{i}\n")).collect();
        let (got, bad) = lines(input.as_bytes(), 4);
        assert_eq!(bad, None);
        assert_eq!(got.len() as u64, 3 * kashif::parallel::WINDOW);
        assert!(got.iter().enumerate().all(|(i, l)| *l == format!("{i}:{i}")));
    }

    #[test]
    fn a_bad_line_stops_after_the_lines_before_it() {
        let (got, bad) = lines(b"ab\ncd\ne\xFFf\ng\n", 2);
        assert_eq!(got, ["0:ab", "1:cd"]);
        assert_eq!(bad, Some((7, 3)));
    }
}
