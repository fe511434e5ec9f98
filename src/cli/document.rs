//! `kashif analyze [FILE]` (without `--lines`): the whole input is one document, read in pieces of
//! [`PIECE_BYTES`] and pushed through [`kashif::Stream`], so that a large file never sits in
//! memory as text, as tokens or as one output string. The output is the same bytes as one
//! `analyze` over the whole text would give (`tests/cli.rs`): the tokens each push returns are
//! written at once, in their place inside the result's JSON, and the rest of the result follows
//! when the stream finishes.
//!
//! **Cutting.** A piece is raw bytes; a UTF-8 character cut by its end is carried over to the next
//! piece (the stream itself is given whole characters only).
//!
//! **Input that is not UTF-8.** Output is written as the pieces go, so a bad byte found late
//! would leave a half-written result. A regular file (given by name, or as redirected standard
//! input) is therefore checked whole first and read again: a bad byte is reported before
//! anything is written. A pipe cannot be read twice: a bad byte in its first piece is still
//! reported before any output; a later one stops the run with a message that says the output
//! is unfinished.
//!
//! The piece size can be lowered with the environment variable `KASHIF_PIECE_BYTES` (not
//! documented for users: it lets tests cut small inputs into many pieces).

use kashif::{Analysis, Options, Stream, Token};
use std::io::{self, Read, Seek, SeekFrom, Write};

/// Bytes read at a time: large enough that the stream cuts rarely, small enough that a piece's
/// tokens (about 25 times its size as objects) stay a small part of the memory.
pub const PIECE_BYTES: usize = 4 << 20;

/// The piece size: [`PIECE_BYTES`], or `KASHIF_PIECE_BYTES` when it is set to a number ≥ 1.
pub fn piece_bytes() -> usize {
    std::env::var("KASHIF_PIECE_BYTES").ok().and_then(|v| v.parse().ok()).filter(|&n: &usize| n >= 1).unwrap_or(PIECE_BYTES)
}

/// How the result is written.
#[derive(Clone, Copy, PartialEq)]
pub enum Format {
    /// One indented JSON object (`--format json`).
    Pretty,
    /// One JSON object on one line (`--format jsonl`).
    Line,
    /// No JSON: the caller formats the finished analysis (`--format text`); no tokens are kept.
    Summary,
}

/// Why the run stopped.
pub enum Stop {
    /// A byte that is not UTF-8 at this offset of the input; `unfinished` when part of the
    /// result was written already.
    NotUtf8 { offset: u64, unfinished: bool },
    Read(io::Error),
    Write(io::Error),
}

/// Where the document comes from: a regular file can be checked first and read again.
pub enum Input {
    File(std::fs::File),
    Pipe(Box<dyn Read>),
}

impl Input {
    /// Standard input: as a file when it is a redirected regular file, else as a pipe.
    pub fn stdin() -> Input {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            if let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() {
                let file = std::fs::File::from(fd);
                if file.metadata().is_ok_and(|m| m.is_file()) {
                    return Input::File(file);
                }
            }
        }
        Input::Pipe(Box::new(io::stdin()))
    }

    /// The file at `path`: as a file when it is a regular one (not a FIFO or a device).
    pub fn open(path: &str) -> io::Result<Input> {
        let file = std::fs::File::open(path)?;
        Ok(if file.metadata()?.is_file() { Input::File(file) } else { Input::Pipe(Box::new(file)) })
    }
}

/// Analyzes `input` as one document with `options`, writes its tokens to `out` as they come
/// (JSON formats), and returns the analysis (without tokens) once everything before it is
/// written; for the JSON formats the rest of the result is written too.
pub fn run(input: Input, out: &mut impl Write, options: &Options, format: Format) -> Result<Analysis, Stop> {
    let size = piece_bytes();
    let reader: Box<dyn Read> = match input {
        Input::File(mut file) => {
            let start = file.stream_position().map_err(Stop::Read)?;
            check_utf8(&mut file, size)?;
            file.seek(SeekFrom::Start(start)).map_err(Stop::Read)?;
            Box::new(file)
        }
        Input::Pipe(r) => r,
    };
    let mut options = options.clone();
    if format == Format::Summary {
        options.tokens = false; // the summary shows none
    }
    let mut stream = Stream::new(&options);
    let mut json = JsonOut::new(format);
    let mut pieces = Pieces::new(reader, size);
    while let Some(piece) = pieces.next_piece(json.started)? {
        let tokens = stream.push(&piece).tokens;
        json.tokens(out, &tokens)?;
    }
    let mut analysis = stream.finish();
    json.tokens(out, &analysis.tokens)?;
    analysis.tokens = Vec::new();
    json.finish(out, &analysis)?;
    Ok(analysis)
}

/// Reads `file` to its end in pieces of `size` and checks that it is UTF-8.
fn check_utf8(file: &mut std::fs::File, size: usize) -> Result<(), Stop> {
    let mut pieces = Pieces::new(file, size);
    while pieces.next_piece(false)?.is_some() {}
    Ok(())
}

/// The input as UTF-8 pieces of about `size` bytes, whole characters each.
struct Pieces<R> {
    reader: R,
    size: usize,
    /// The bytes of a character cut by the last piece's end.
    carry: Vec<u8>,
    /// Input bytes before `carry`.
    offset: u64,
    buf: Vec<u8>,
}

impl<R: Read> Pieces<R> {
    fn new(reader: R, size: usize) -> Self {
        Pieces { reader, size, carry: Vec::new(), offset: 0, buf: Vec::new() }
    }

    /// The next piece, or `None` at the end of the input. `unfinished`: whether output was
    /// written already (for the error).
    fn next_piece(&mut self, unfinished: bool) -> Result<Option<String>, Stop> {
        self.buf.clear();
        self.buf.append(&mut self.carry);
        let want = self.size.saturating_sub(self.buf.len()).max(1);
        let read = (&mut self.reader).take(want as u64).read_to_end(&mut self.buf).map_err(Stop::Read)?;
        let at_end = read == 0;
        if self.buf.is_empty() {
            return Ok(None);
        }
        // a character cut by the piece's end is carried over, unless the input ends there
        let end = if at_end { self.buf.len() } else { whole_chars(&self.buf) };
        self.carry.extend_from_slice(&self.buf[end..]);
        self.buf.truncate(end);
        let bytes = std::mem::take(&mut self.buf);
        let piece = String::from_utf8(bytes).map_err(|e| Stop::NotUtf8 { offset: self.offset + e.utf8_error().valid_up_to() as u64, unfinished })?;
        self.offset += piece.len() as u64;
        Ok(Some(piece))
    }
}

/// The length of `bytes` without the start of a UTF-8 character they end inside (its lead byte
/// and fewer continuation bytes than it announces). Bad bytes are left for the check.
fn whole_chars(bytes: &[u8]) -> usize {
    let from = bytes.len().saturating_sub(3);
    let Some(lead) = (from..bytes.len()).rev().find(|&i| bytes[i] & 0xC0 != 0x80) else {
        return bytes.len();
    };
    let wants = match bytes[lead] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    if bytes.len() - lead < wants {
        lead
    } else {
        bytes.len()
    }
}

/// Writes the result's JSON around tokens given a batch at a time: the same bytes as
/// `serde_json::to_string(_pretty)` of the whole analysis.
struct JsonOut {
    format: Format,
    /// Whether the head (`{"version":…,"tokens":[`) is written.
    started: bool,
    tokens: usize,
    /// A token's pretty JSON before it is indented.
    buf: Vec<u8>,
}

/// Where the token list goes in the JSON of an analysis without tokens.
const EMPTY_TOKENS: [&str; 2] = ["\"tokens\": []", "\"tokens\":[]"];

impl JsonOut {
    fn new(format: Format) -> Self {
        JsonOut { format, started: false, tokens: 0, buf: Vec::new() }
    }

    /// The JSON of `a` (whose token list is empty) cut around its empty token list: the text
    /// before `[` and after `]`.
    fn halves(&self, a: &Analysis) -> (String, String) {
        let (json, marker) = match self.format {
            Format::Pretty => (serde_json::to_string_pretty(a), EMPTY_TOKENS[0]),
            _ => (serde_json::to_string(a), EMPTY_TOKENS[1]),
        };
        let json = json.expect("analysis serializes");
        let at = json.find(marker).expect("an analysis has a token list") + marker.len() - 1;
        (json[..at].to_string(), json[at + 1..].to_string())
    }

    /// Writes `tokens`, and the head before the first ones.
    fn tokens(&mut self, out: &mut impl Write, tokens: &[Token]) -> Result<(), Stop> {
        if self.format == Format::Summary || tokens.is_empty() {
            return Ok(());
        }
        if !self.started {
            let head = self.halves(&empty_analysis()).0;
            out.write_all(head.as_bytes()).map_err(Stop::Write)?;
            self.started = true;
        }
        for t in tokens {
            let sep = if self.tokens == 0 { "" } else { "," };
            if self.format == Format::Pretty {
                // an element of the list at depth 2 of serde_json's pretty output
                self.buf.clear();
                serde_json::to_writer_pretty(&mut self.buf, t).expect("token serializes");
                write!(out, "{sep}\n    ").map_err(Stop::Write)?;
                write_indented(out, &self.buf).map_err(Stop::Write)?;
            } else {
                out.write_all(sep.as_bytes()).map_err(Stop::Write)?;
                serde_json::to_writer(&mut *out, t).map_err(|e| Stop::Write(e.into()))?;
            }
            self.tokens += 1;
        }
        Ok(())
    }

    /// Writes the rest of the result: `a` holds everything but the tokens.
    fn finish(&mut self, out: &mut impl Write, a: &Analysis) -> Result<(), Stop> {
        if self.format == Format::Summary {
            return Ok(());
        }
        let (head, tail) = self.halves(a);
        let close = match (self.started, self.format) {
            (false, _) => format!("{head}]"),
            (true, Format::Pretty) => "\n  ]".to_string(),
            (true, _) => "]".to_string(),
        };
        out.write_all(close.as_bytes()).map_err(Stop::Write)?;
        out.write_all(tail.as_bytes()).map_err(Stop::Write)?;
        out.write_all(b"\n").map_err(Stop::Write)
    }
}

/// Writes `json` with every line after the first indented by four spaces: serde_json's pretty
/// output of a value becomes that of the same value two levels deep (a JSON text has no other line
/// breaks: strings escape theirs).
fn write_indented(out: &mut impl Write, json: &[u8]) -> io::Result<()> {
    let mut lines = json.split(|&b| b == b'\n');
    if let Some(first) = lines.next() {
        out.write_all(first)?;
    }
    for line in lines {
        out.write_all(b"\n    ")?;
        out.write_all(line)?;
    }
    Ok(())
}

/// An analysis with nothing in it but the version: the JSON before the token list is the same
/// for every result.
fn empty_analysis() -> Analysis {
    Analysis {
        version: kashif::VERSION.to_string(),
        tokens: Vec::new(),
        sentences: Vec::new(),
        keywords: Vec::new(),
        entities: Vec::new(),
        entity_groups: Vec::new(),
        stats: Default::default(),
    }
}
