//! The `kashif` command: argument parsing and output formats only; the work is `kashif::analyze`.

mod cli;

use kashif::{analyze, Analysis, Options};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "\
kashif — Arabic text analyzer

USAGE:
    kashif analyze [FILE|-] [--format text|json|jsonl] [--lines] [--jobs N] [--top N] [--explain]
                   [--options JSON]
    kashif corpus [FILE|DIR|-] [--format text|json] [--jobs N] [--top N] [--trend TERM]... [--kwic TERM]...
    kashif version
    kashif help

analyze reads FILE (or standard input when FILE is '-' or absent) as UTF-8 text. Without --lines
the whole input is one document, read and analyzed in pieces (memory: about 10 times the input
at most), with the result of one analysis of the whole text. A file (or redirected input) is
checked as UTF-8 before anything is written; from a pipe, a bad byte found late leaves the
output unfinished (exit 2).

    --format text     a readable summary: statistics, top keywords, entities (default)
    --format json     the whole result as one JSON object (the shape of the JS API's result)
    --format jsonl    one JSON object per line of output
    --lines           every input line is a separate document (one output line each, in order);
                      read and written as it goes, so input of any size runs in little memory.
                      A line that is not UTF-8 stops the run (exit 2) after the lines before it
    --jobs N          with --lines: analyze on N threads (N >= 1; default: every core). The output
                      is the same bytes whatever N is
    --top N           how many keywords to report (0 = all; default 50)
    --explain         show what each keyword's score is made of: where it first appears, how
                      widely it is spread, how much of it is names, how rare it is in general
                      Arabic, and each one's part of the score (JSON: an \"explain\" object in
                      each keyword; same as '{\"explain\":true}' in --options)
    --options JSON    analysis options as a JSON object, e.g. '{\"min_count\":2}'

corpus reads many documents as one corpus and compares them: each document's statistics, top
keywords and distinctive keywords (against the rest of the corpus), the corpus keywords with their
document frequency, the names across documents and which names share sentences (docs/corpus.md).
Input: a directory (its .txt, .md and .html files), or FILE / standard input as JSON Lines (one
object a line with \"text\" or \"content\", optionally \"id\", \"title\", \"date\") or, when the first line
is not a JSON object, one document per line. A bad line is reported with its line number and
skipped; the other documents are analyzed.

    --format text|json  a readable summary (default) or the whole result as one JSON object
    --jobs N          analyze on N threads (default: every core); the output is the same
    --top N           keywords and distinctive keywords per document (default 10)
    --trend TERM      the relative frequency of a keyword or name in each document (repeatable)
    --kwic TERM       the contexts of a keyword across the documents (repeatable; keeps the texts)
    --options JSON    analysis options, as for analyze

Training and evaluating the entity tagger is the kashif-train command of the training crate
(train/): cargo run --release -p kashif-train -- help

Exit codes: 0 success, 1 I/O error, 2 bad usage or input that is not UTF-8.
";

#[derive(PartialEq)]
enum Format {
    Text,
    Json,
    Jsonl,
}

struct Args {
    input: Option<String>,
    format: Format,
    lines: bool,
    /// Worker threads for `--lines` (`None`: one per core).
    jobs: Option<usize>,
    options: Options,
}

enum Failure {
    Usage(String),
    Input(String),
    Io(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => parse(&args[1..]).and_then(run),
        Some("corpus") => parse_corpus(&args[1..]).and_then(run_corpus),
        Some(cmd @ ("train-ner" | "eval-ner")) => Err(Failure::Usage(format!(
            "{cmd} moved to the training crate: run `cargo run --release -p kashif-train -- {cmd} ...` \
             from the project's root (same flags)"
        ))),
        Some("version" | "--version" | "-V") => {
            println!("kashif {}", kashif::VERSION);
            Ok(())
        }
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!(
            "unknown command '{other}'; try 'kashif help'"
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("kashif: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Input(m)) => {
            eprintln!("kashif: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Io(m)) => {
            eprintln!("kashif: {m}");
            ExitCode::from(1)
        }
    }
}

fn parse(args: &[String]) -> Result<Args, Failure> {
    let mut a = Args {
        input: None,
        format: Format::Text,
        lines: false,
        jobs: None,
        options: Options::default(),
    };
    let mut top: Option<usize> = None;
    let mut explain = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value; try 'kashif help'")))
        };
        match arg.as_str() {
            "--format" | "-f" => {
                a.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    f => {
                        return Err(Failure::Usage(format!(
                            "unknown format '{f}': use text, json or jsonl"
                        )))
                    }
                }
            }
            "--lines" => a.lines = true,
            "--explain" => explain = true,
            "--jobs" | "-j" => {
                let v = value("--jobs")?;
                a.jobs = Some(v.parse().ok().filter(|&n: &usize| n >= 1).ok_or_else(|| {
                    Failure::Usage(format!("--jobs wants a whole number of threads, 1 or more, not '{v}'"))
                })?);
            }
            "--top" => {
                let v = value("--top")?;
                top = Some(v.parse().map_err(|_| {
                    Failure::Usage(format!("--top wants a whole number, not '{v}'"))
                })?);
            }
            "--options" => {
                let v = value("--options")?;
                a.options = kashif::Options::from_json(&v)
                    .map_err(|e| Failure::Usage(format!("--options: {e}")))?;
            }
            "-" => a.input = Some("-".into()),
            s if s.starts_with('-') => {
                return Err(Failure::Usage(format!(
                    "unknown option '{s}'; try 'kashif help'"
                )))
            }
            s => {
                if a.input.is_some() {
                    return Err(Failure::Usage("give at most one input file".into()));
                }
                a.input = Some(s.to_string());
            }
        }
    }
    if let Some(n) = top {
        a.options.top_n = n;
    }
    a.options.explain |= explain;
    Ok(a)
}

/// One document (no `--lines`): streamed in pieces through `kashif::Stream` (`cli::document`),
/// the JSON formats written as they go, the text summary at the end.
fn run(a: Args) -> Result<(), Failure> {
    if a.lines {
        return run_lines(a);
    }
    let name = a.input.as_deref().filter(|p| *p != "-").unwrap_or("standard input").to_string();
    let input = match a.input.as_deref() {
        None | Some("-") => cli::document::Input::stdin(),
        Some(path) => cli::document::Input::open(path).map_err(|e| Failure::Io(format!("cannot read '{path}': {e}")))?,
    };
    let format = match a.format {
        Format::Text => cli::document::Format::Summary,
        Format::Json => cli::document::Format::Pretty,
        Format::Jsonl => cli::document::Format::Line,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let r = cli::document::run(input, &mut out, &a.options, format).map_err(|stop| match stop {
        cli::document::Stop::NotUtf8 { offset, unfinished: false } => Failure::Input(format!("{name} is not valid UTF-8: invalid byte sequence at byte offset {offset}; convert it to UTF-8 first (e.g. iconv -f CP1256 -t UTF-8)")),
        cli::document::Stop::NotUtf8 { offset, unfinished: true } => Failure::Input(format!("{name} is not valid UTF-8: invalid byte sequence at byte offset {offset}; the output is unfinished (the part before it was written as it was read); convert the input to UTF-8 first (e.g. iconv -f CP1256 -t UTF-8), or give it as a file, which is checked before anything is written")),
        cli::document::Stop::Read(e) => Failure::Io(format!("cannot read {name}: {e}")),
        cli::document::Stop::Write(e) => io_fail(e),
    })?;
    if a.format == Format::Text {
        out.write_all(summary(&r).as_bytes()).map_err(io_fail)?;
    }
    out.flush().map_err(io_fail)
}

/// `--lines`: one document per input line, on `--jobs` threads, streamed in and out.
fn run_lines(a: Args) -> Result<(), Failure> {
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let name = a.input.as_deref().filter(|p| *p != "-").unwrap_or("standard input").to_string();
    let input: Box<dyn io::BufRead + Send> = match a.input.as_deref() {
        None | Some("-") => Box::new(io::BufReader::new(io::stdin())),
        Some(path) => Box::new(io::BufReader::new(
            std::fs::File::open(path).map_err(|e| Failure::Io(format!("cannot read '{path}': {e}")))?,
        )),
    };
    let (options, format) = (&a.options, &a.format);
    let work = |line: &str, n: u64| -> String {
        let r = analyze(line, options);
        match format {
            Format::Text if n > 0 => format!("\n{}", summary(&r)),
            Format::Text => summary(&r),
            Format::Json | Format::Jsonl => {
                let mut s = serde_json::to_string(&r).expect("analysis serializes");
                s.push('\n');
                s
            }
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    cli::lines::run(input, &mut out, jobs, work).map_err(|stop| match stop {
        cli::lines::Stop::NotUtf8 { offset, line } => Failure::Input(format!("{name} is not valid UTF-8: invalid byte sequence at byte offset {offset} (line {line}); the lines before it were analyzed; convert the input to UTF-8 first (e.g. iconv -f CP1256 -t UTF-8)")),
        cli::lines::Stop::Read(e) => Failure::Io(format!("cannot read {name}: {e}")),
        cli::lines::Stop::Write(e) => io_fail(e),
    })?;
    out.flush().map_err(io_fail)
}

/// The arguments of `kashif corpus`.
fn parse_corpus(args: &[String]) -> Result<cli::corpus::Args, Failure> {
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut a = cli::corpus::Args { input: None, json: false, jobs, options: Options::default(), limits: Default::default(), trends: Vec::new(), kwic: Vec::new() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| Failure::Usage(format!("{name} needs a value; try 'kashif help'")));
        match arg.as_str() {
            "--format" | "-f" => {
                a.json = match value("--format")?.as_str() {
                    "text" => false,
                    "json" => true,
                    f => return Err(Failure::Usage(format!("unknown format '{f}' for corpus: use text or json"))),
                }
            }
            "--jobs" | "-j" => {
                let v = value("--jobs")?;
                a.jobs = v.parse().ok().filter(|&n: &usize| n >= 1).ok_or_else(|| Failure::Usage(format!("--jobs wants a whole number of threads, 1 or more, not '{v}'")))?;
            }
            "--top" => {
                let v = value("--top")?;
                let n: usize = v.parse().map_err(|_| Failure::Usage(format!("--top wants a whole number, not '{v}'")))?;
                (a.limits.keywords, a.limits.distinctive) = (n, n);
            }
            "--trend" => a.trends.push(value("--trend")?),
            "--kwic" => a.kwic.push(value("--kwic")?),
            "--options" => {
                let v = value("--options")?;
                a.options = serde_json::from_str(&v).map_err(|e| Failure::Usage(format!("--options: {e}")))?;
            }
            "-" => a.input = Some("-".into()),
            s if s.starts_with('-') => return Err(Failure::Usage(format!("unknown option '{s}' for corpus; try 'kashif help'"))),
            s if a.input.is_some() => return Err(Failure::Usage(format!("give at most one input (a file, a directory or -), not also '{s}'"))),
            s => a.input = Some(s.to_string()),
        }
    }
    Ok(a)
}

fn run_corpus(a: cli::corpus::Args) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    cli::corpus::run(a, &mut out).map_err(|f| match f {
        cli::corpus::Fail::Input(m) => Failure::Input(m),
        cli::corpus::Fail::Io(m) => Failure::Io(m),
    })
}

fn io_fail(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::Io("output closed before everything was written (broken pipe)".into())
    } else {
        Failure::Io(format!("cannot write output: {e}"))
    }
}

/// A keyword's explanation as one indented line: the facts, then the parts of the score.
fn explained(e: &kashif::analysis::Explain) -> String {
    let p = &e.parts;
    format!(
        "       first in sentence {} of {}, in {} sentences, {} in names, Zipf {:.1} in general Arabic\n       \
         blend {:.2} = count {:.2} + position {:.2} + spread {:.2} + name {:.2} + rarity {:.2} + phrase {:.2}",
        e.first_sentence + 1,
        e.of_sentences,
        e.sentences,
        e.in_names,
        e.zipf,
        p.count + p.position + p.spread + p.name + p.rarity + p.phrase,
        p.count,
        p.position,
        p.spread,
        p.name,
        p.rarity,
        p.phrase
    )
}

fn summary(r: &Analysis) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let st = &r.stats;
    let _ = writeln!(
        s,
        "characters {}  words {}  unique words {}  sentences {}",
        st.characters, st.words, st.unique_words, st.sentences
    );
    if !r.keywords.is_empty() {
        let _ = writeln!(s, "\nkeywords:");
        for (i, k) in r.keywords.iter().take(20).enumerate() {
            let _ = writeln!(
                s,
                "{:>3}. {}  ×{}  {:.1}%",
                i + 1,
                k.text,
                k.count,
                k.share * 100.0
            );
            if let Some(e) = &k.explain {
                let _ = writeln!(s, "{}", explained(e));
            }
        }
    }
    if !r.entities.is_empty() {
        let _ = writeln!(s, "\nentities:");
        for e in &r.entities {
            let _ = writeln!(s, "  {:<5} {}", e.kind, e.text);
        }
    }
    s
}
