//! `kashif corpus [FILE|DIR|-]`: many documents read as one corpus ([`kashif::corpus`]).
//!
//! Input, in this order of checks: a directory (its `.txt`, `.md` and `.html`/`.htm` files, by
//! name; HTML is reduced to its text and its `<title>` is the title); else a file or standard
//! input read line by line: JSON Lines when its first non-blank line starts with `{` (each
//! object has `text` or `content`, optionally `id`, `title`, `date`), otherwise one document per
//! non-blank line.
//!
//! **Errors.** A line that is not a JSON object with a text, or not UTF-8, or a file that cannot
//! be read, is reported on standard error with its line number (or file name) and listed in the
//! JSON output's `skipped`; the other documents are still analyzed. Only an input with no
//! document at all fails (exit 2).
//!
//! **Memory.** The input is read a line at a time and analyzed on `--jobs` threads
//! ([`kashif::parallel::map_ordered`], as `analyze --lines`: at most a window of lines read but
//! not yet added); the corpus keeps counts, not tokens, and keeps the texts only when `--kwic`
//! asks for contexts.

use kashif::corpus::{Context, Corpus, CorpusOptions, CorpusResult, Document, Limits, Trend};
use kashif::{analyze, Analysis, Options};
use serde::Serialize;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// The command's arguments.
pub struct Args {
    pub input: Option<String>,
    pub json: bool,
    pub jobs: usize,
    pub options: Options,
    pub limits: Limits,
    pub trends: Vec<String>,
    pub kwic: Vec<String>,
}

/// Why the command failed.
pub enum Fail {
    /// Nothing to analyze, or an input that cannot be used (exit 2).
    Input(String),
    /// Reading or writing failed (exit 1).
    Io(String),
}

/// A document that could not be read.
#[derive(Serialize)]
struct Skipped {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    error: String,
}

/// What is written with `--format json`.
#[derive(Serialize)]
struct Output<'r> {
    #[serde(flatten)]
    result: &'r CorpusResult,
    trends: Vec<Trend>,
    contexts: Vec<Contexts>,
    skipped: Vec<Skipped>,
}

#[derive(Serialize)]
struct Contexts {
    query: String,
    contexts: Vec<Context>,
}

/// One unit of input: where it came from and the document or what is wrong with it.
struct Item {
    line: Option<u64>,
    file: Option<String>,
    doc: Result<Document, String>,
}

/// Contexts each side of a KWIC match, and how many matches per term.
const KWIC_WIDTH: usize = 40;
const KWIC_LIMIT: usize = 100;

pub fn run(a: Args, out: &mut impl Write) -> Result<(), Fail> {
    let mut corpus = Corpus::new(CorpusOptions { analysis: a.options.clone(), contexts: !a.kwic.is_empty() });
    let options = corpus.analysis_options().clone();
    let mut skipped = Vec::new();
    let work = |item: Item, _n: u64| -> (Item, Option<Analysis>) {
        let analysis = item.doc.as_ref().ok().map(|d| analyze(&d.text, &options));
        (item, analysis)
    };
    let mut add = |(item, analysis): (Item, Option<Analysis>)| -> Result<(), Fail> {
        let Item { line, file, doc } = item;
        match (doc, analysis) {
            (Ok(doc), Some(an)) => {
                corpus.add_analysis(doc, &an);
            }
            (Err(error), _) => {
                let place = file.clone().or_else(|| line.map(|l| format!("line {l}"))).unwrap_or_else(|| "input".into());
                eprintln!("kashif: {place}: {error}; skipped (the other documents are analyzed)");
                skipped.push(Skipped { line, file, error });
            }
            (Ok(_), None) => unreachable!("every document is analyzed"),
        }
        Ok(())
    };
    feed(&a, |items| kashif::parallel::map_ordered(items, a.jobs, work, &mut add))?;
    if corpus.is_empty() {
        return Err(Fail::Input(format!(
            "no document to analyze in {} ({} skipped); give JSON Lines with a \"text\" or \"content\" field, one document per line, or a directory of .txt/.md/.html files",
            a.input.as_deref().filter(|p| *p != "-").unwrap_or("standard input"),
            skipped.len()
        )));
    }
    let result = corpus.result(&a.limits);
    let trends: Vec<Trend> = a.trends.iter().filter_map(|t| {
        let found = corpus.trend(t);
        if found.is_none() {
            eprintln!("kashif: --trend '{t}': no keyword or name of the corpus matches it");
        }
        found
    }).collect();
    let contexts: Vec<Contexts> = a.kwic.iter().map(|q| Contexts { query: q.clone(), contexts: corpus.kwic(q, KWIC_WIDTH, KWIC_LIMIT) }).collect();
    let write = |e: io::Error| Fail::Io(format!("cannot write output: {e}"));
    if a.json {
        let o = Output { result: &result, trends, contexts, skipped };
        serde_json::to_writer_pretty(&mut *out, &o).map_err(|e| write(e.into()))?;
        out.write_all(b"\n").map_err(write)?;
    } else {
        out.write_all(summary(&result, &trends, &contexts).as_bytes()).map_err(write)?;
    }
    out.flush().map_err(write)
}

/// Calls `go` with the items of the input named in `a`.
fn feed(a: &Args, go: impl FnOnce(Box<dyn Iterator<Item = Result<Item, Fail>> + Send>) -> Result<(), Fail>) -> Result<(), Fail> {
    match a.input.as_deref() {
        None | Some("-") => go(Box::new(lines(io::BufReader::new(io::stdin())))),
        Some(path) if Path::new(path).is_dir() => {
            let files = directory(Path::new(path)).map_err(|e| Fail::Io(format!("cannot list '{path}': {e}")))?;
            go(Box::new(files.into_iter().map(|f| Ok(file_item(&f)))))
        }
        Some(path) => {
            let f = std::fs::File::open(path).map_err(|e| Fail::Io(format!("cannot read '{path}': {e}")))?;
            go(Box::new(lines(io::BufReader::new(f))))
        }
    }
}

/// The `.txt`, `.md`, `.html` and `.htm` files of `dir`, by name.
fn directory(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && matches!(extension(p).as_str(), "txt" | "md" | "html" | "htm"))
        .collect();
    files.sort();
    Ok(files)
}

fn extension(p: &Path) -> String {
    p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// A file of a directory as a document (its name is the id).
fn file_item(path: &Path) -> Item {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let doc = std::fs::read(path).map_err(|e| format!("cannot read it: {e}")).and_then(|bytes| {
        let text = String::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 (byte offset {}); convert it to UTF-8 first", e.utf8_error().valid_up_to()))?;
        Ok(if matches!(extension(path).as_str(), "html" | "htm") {
            let (title, text) = html_text(&text);
            Document { id: Some(name.clone()), title, date: None, text }
        } else {
            Document { id: Some(name.clone()), title: None, date: None, text }
        })
    });
    Item { line: None, file: Some(name), doc }
}

/// The lines of `input` as items: JSON Lines when the first non-blank line starts with `{`,
/// else one document per non-blank line.
fn lines(input: impl BufRead + Send) -> impl Iterator<Item = Result<Item, Fail>> + Send {
    let mut n = 0u64;
    let mut jsonl: Option<bool> = None;
    let mut raw = input.split(b'\n');
    std::iter::from_fn(move || loop {
        let bytes = match raw.next()? {
            Ok(b) => b,
            Err(e) => return Some(Err(Fail::Io(format!("cannot read the input: {e}")))),
        };
        n += 1;
        let line = match String::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                let error = format!("not valid UTF-8 (byte {} of the line); convert the input to UTF-8 first (e.g. iconv -f CP1256 -t UTF-8)", e.utf8_error().valid_up_to() + 1);
                return Some(Ok(Item { line: Some(n), file: None, doc: Err(error) }));
            }
        };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let is_json = *jsonl.get_or_insert_with(|| line.trim_start().starts_with('{'));
        let doc = if is_json { json_document(line) } else { Ok(Document { text: line.to_string(), ..Document::default() }) };
        return Some(Ok(Item { line: Some(n), file: None, doc }));
    })
}

/// A JSON Lines object as a document.
fn json_document(line: &str) -> Result<Document, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not a JSON object ({e})"))?;
    let obj = v.as_object().ok_or("not a JSON object; each line must be one object with a \"text\" or \"content\" field")?;
    let field = |name: &str| -> Result<Option<String>, String> {
        match obj.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(serde_json::Value::Number(n)) if name != "text" && name != "content" => Ok(Some(n.to_string())),
            Some(_) => Err(format!("\"{name}\" must be a string")),
        }
    };
    let text = match field("text")? {
        Some(t) => t,
        None => field("content")?.ok_or("no \"text\" or \"content\" field")?,
    };
    Ok(Document { id: field("id")?, title: field("title")?, date: field("date")?, text })
}

/// The text of an HTML page (tags dropped, `script` and `style` skipped, block ends as line
/// breaks, the common character references decoded) and its `<title>`.
pub fn html_text(html: &str) -> (Option<String>, String) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            out.push_str(&decode(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_ascii_lowercase();
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        rest = &rest[lt + gt + 1..];
        if let Some(end) = skip_until {
            if tag.starts_with('/') && name == end {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" if !tag.starts_with('/') => skip_until = Some(if name == "script" { "script" } else { "style" }),
            "title" if !tag.starts_with('/') => {
                let end = rest.to_ascii_lowercase().find("</title").unwrap_or(rest.len());
                title = Some(decode(rest[..end].trim()).into_owned()).filter(|t: &String| !t.is_empty());
                rest = &rest[end..];
            }
            "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr" | "article" | "section" => out.push('\n'),
            _ => {}
        }
    }
    if skip_until.is_none() {
        out.push_str(&decode(rest));
    }
    (title, out.trim().to_string())
}

/// `text` with the common HTML character references decoded.
fn decode(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| reference(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The readable summary (`--format text`).
fn summary(r: &CorpusResult, trends: &[Trend], contexts: &[Contexts]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let t = &r.totals;
    let _ = writeln!(s, "documents {}  words {}  sentences {}  keywords {}  names {}", t.documents, t.words, t.sentences, t.terms, t.names);
    let _ = writeln!(s, "\ndocuments (id, words, title; distinctive keywords):");
    for d in &r.documents {
        let words: Vec<&str> = d.distinctive.iter().take(6).map(|k| k.text.as_str()).collect();
        let _ = writeln!(s, "  {}  {}  {}\n      {}", d.id, d.stats.words, d.title, words.join("، "));
    }
    let _ = writeln!(s, "\nkeywords (count, documents):");
    for (i, k) in r.keywords.iter().take(20).enumerate() {
        let _ = writeln!(s, "{:>3}. {}  ×{}  in {}", i + 1, k.text, k.count, k.documents);
    }
    let _ = writeln!(s, "\nnames (type, mentions, documents):");
    for n in r.names.iter().take(20) {
        let _ = writeln!(s, "  {:<5} {}  ×{}  in {}", n.kind, n.text, n.count, n.documents);
    }
    let _ = writeln!(s, "\nnames together (sentences, documents, G²):");
    for p in r.pairs.iter().take(20) {
        let (a, b) = (&r.names[p.a as usize].text, &r.names[p.b as usize].text);
        let _ = writeln!(s, "  {a} — {b}  {} {} {:.1}", p.sentences, p.documents, p.score);
    }
    for t in trends {
        let values: Vec<String> = t.per_thousand.iter().map(|v| format!("{v:.1}")).collect();
        let _ = writeln!(s, "\ntrend of {} (per 1,000 words, by document):\n  {}", t.text, values.join(" "));
    }
    for c in contexts {
        let _ = writeln!(s, "\ncontexts of {} ({}):", c.query, c.contexts.len());
        for x in &c.contexts {
            let _ = writeln!(s, "  [{}] {} «{}» {}", r.documents[x.doc as usize].id, x.left, x.matched, x.right);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_gives_its_text_and_title() {
        let (title, text) = html_text("<html><head><title>عنوان &amp; آخر</title><style>p{x:1}</style></head><body><p>أولى</p><script>var a='<p>';</script><p>ثانية &lt;b&gt; &#1575;</p></body></html>");
        assert_eq!(title.as_deref(), Some("عنوان & آخر"));
        assert_eq!(text, "أولى\n\nثانية <b> ا");
    }

    #[test]
    fn json_lines_fields() {
        let d = json_document(r#"{"content":"نص","id":7,"title":"ع","date":"2020"}"#).unwrap();
        assert_eq!((d.text.as_str(), d.id.as_deref(), d.title.as_deref(), d.date.as_deref()), ("نص", Some("7"), Some("ع"), Some("2020")));
        assert!(json_document(r#"{"id":1}"#).unwrap_err().contains("no \"text\""));
        assert!(json_document(r#"{"text":3}"#).unwrap_err().contains("must be a string"));
        assert!(json_document("[1]").unwrap_err().contains("not a JSON object"));
        assert!(json_document("{oops").unwrap_err().contains("not a JSON object"));
    }
}
