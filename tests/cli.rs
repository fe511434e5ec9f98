//! The command-line tool as a user drives it.

mod common;
use common::kashif;
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn jsonl_lines_contract() {
    let input = "وقال بوتين إن روسيا ستدعم كوريا الشمالية.\n\nكلمات: کوریا الشمالیة\r\n";
    let (code, out, err) = kashif(&["analyze", "--lines", "--format", "jsonl"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "one JSON object per input line, empty lines included");
    let docs: Vec<serde_json::Value> = lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs[1]["tokens"].as_array().unwrap().len(), 0);
    let ents = docs[0]["entities"].as_array().unwrap();
    let places: Vec<&str> = ents.iter().filter(|e| e["type"] == "LOC").map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(places, ["روسيا", "كوريا الشمالية"]);
    // The CR of a CRLF line is not part of the document.
    let last = docs[2]["tokens"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["text"], "الشمالیة");
    assert!(docs[2]["entities"].as_array().unwrap().iter().any(|e| e["text"] == "کوریا الشمالیة" && e["type"] == "LOC"));
}

#[test]
fn json_is_one_object_with_utf16_offsets() {
    let (code, out, _) = kashif(&["analyze", "-", "--format", "json"], "😀 بموسكو".as_bytes());
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["entities"][0]["start"], 4);
    assert_eq!(v["entities"][0]["end"], 9);
    assert_eq!(v["entities"][0]["text"], "موسكو");
    assert_eq!(v["stats"]["words"], 1);
}

#[test]
fn text_summary() {
    let (code, out, _) = kashif(&["analyze"], "روسيا روسيا روسيا. موسكو".as_bytes());
    assert_eq!(code, 0);
    assert!(out.contains("keywords:"), "{out}");
    assert!(out.contains("روسيا  ×3"), "{out}");
    assert!(out.contains("LOC   موسكو"), "{out}");
}

#[test]
fn explain_shows_the_parts_of_each_score() {
    let text = "زار الوزير الميناء. ثم زار المطار. وعاد إلى الميناء.";
    let (code, out, err) = kashif(&["analyze", "--explain"], text.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("first in sentence 1 of 3, in 2 sentences"), "{out}");
    assert!(out.contains("blend ") && out.contains("+ position "), "{out}");
    // JSON: an explain object per keyword with --explain, none without (the contract only grows)
    for (args, has) in [(&["analyze", "--lines", "--format", "jsonl", "--explain"][..], true), (&["analyze", "--lines", "--format", "jsonl"][..], false)] {
        let (code, out, _) = kashif(args, text.as_bytes());
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        let k = &v["keywords"][0];
        assert_eq!(k.get("explain").is_some(), has, "{k}");
        if has {
            assert_eq!(k["explain"]["first_sentence"], 0);
            assert!(k["explain"]["parts"]["position"].as_f64().unwrap() > 0.0);
        }
    }
}

#[test]
fn invalid_utf8_is_a_clear_error_with_the_offset() {
    let mut input = "روسيا ".as_bytes().to_vec();
    input.extend_from_slice(&[0xC8, 0x20, 0xFF]); // CP1256-style bytes
    let (code, out, err) = kashif(&["analyze", "--lines", "--format", "jsonl"], &input);
    assert_eq!(code, 2);
    assert_eq!(out, "", "nothing on stdout");
    assert!(err.contains("not valid UTF-8") && err.contains("byte offset 11"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn usage_errors_and_missing_files() {
    let (code, _, err) = kashif(&["analyze", "--format", "xml"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("unknown format 'xml'"), "{err}");
    let (code, _, err) = kashif(&["analyze", "/no/such/file.txt"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("cannot read '/no/such/file.txt'"), "{err}");
    let (code, _, err) = kashif(&["analyze", "--options", "{\"bogus\":1}"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("unknown field `bogus`"), "{err}");
    // A wrong value among several fields names its field.
    let (code, _, err) = kashif(&["analyze", "--options", "{\"top_n\":5,\"min_count\":\"x\"}"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("field `min_count`: invalid type: string \"x\""), "{err}");
    let (code, _, err) = kashif(&["analyze", "--options", "{\"normalize\":{\"tatweel\":1}}"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("field `normalize`"), "{err}");
    let (code, _, err) = kashif(&["frobnicate"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"), "{err}");
}

#[test]
fn closed_stdout_is_not_a_panic() {
    // A reader that goes away early (like `| head -1`): no panic message, a clean exit code.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(["analyze", "--lines", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    drop(stdout);
    let mut stdin = child.stdin.take().unwrap();
    let big = "روسيا وكوريا الشمالية\n".repeat(20000);
    let _ = stdin.write_all(big.as_bytes());
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("broken pipe"), "{err}");
}

/// Lines of every kind: Arabic with entities, empty, Latin, a CRLF ending, a long line, a last
/// line without a newline.
fn varied_lines() -> String {
    let seed = include_str!("../www/samples/seed-article-ar.txt");
    let long = seed.replace('\n', " ");
    let mut s = String::new();
    for i in 0..40 {
        match i % 6 {
            0 => s.push_str("وقال بوتين إن روسيا ستدعم كوريا الشمالية.\n"),
            1 => s.push('\n'),
            2 => s.push_str("The Kremlin said on Tuesday that Moscow would help.\r\n"),
            3 => s.push_str(&format!("{long}\n")),
            4 => s.push_str(&format!("سطر رقم {i} عن الرياض وجدة 😀\n")),
            _ => s.push_str("   \t \n"),
        }
    }
    s.push_str("آخر سطر بلا نهاية");
    s
}

#[test]
fn jobs_give_the_same_bytes_in_every_format() {
    let input = varied_lines();
    for format in ["jsonl", "json", "text"] {
        let (code, one, err) = kashif(&["analyze", "--lines", "--format", format, "--jobs", "1"], input.as_bytes());
        assert_eq!(code, 0, "{err}");
        if format != "text" {
            assert_eq!(one.lines().count(), 41, "one line out per line in ({format})");
        }
        for jobs in [Some("2"), Some("3"), None] {
            let mut args = vec!["analyze", "--lines", "--format", format];
            args.extend(jobs.iter().flat_map(|j| ["--jobs", *j]));
            let (code, out, err) = kashif(&args, input.as_bytes());
            assert_eq!(code, 0, "{err}");
            assert!(out == one, "--jobs {jobs:?} differs from --jobs 1 in {format}");
        }
    }
}

#[test]
fn bad_jobs_values_are_usage_errors() {
    for bad in ["0", "-1", "two", "1.5", ""] {
        let (code, out, err) = kashif(&["analyze", "--lines", "--jobs", bad], b"");
        assert_eq!(code, 2, "--jobs {bad:?}: {err}");
        assert_eq!(out, "");
        assert!(err.contains("--jobs wants a whole number"), "{err}");
    }
    let (code, _, err) = kashif(&["analyze", "--lines", "--jobs"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("--jobs needs a value"), "{err}");
}

#[test]
fn a_later_line_that_is_not_utf8_stops_after_the_lines_before_it() {
    let mut input = "روسيا\nموسكو\n".as_bytes().to_vec();
    let at = input.len() + 4;
    input.extend_from_slice(b"abcd\xFF\nmore\n");
    for jobs in ["1", "3"] {
        let (code, out, err) = kashif(&["analyze", "--lines", "--format", "jsonl", "--jobs", jobs], &input);
        assert_eq!(code, 2, "{err}");
        assert_eq!(out.lines().count(), 2, "the two good lines before the bad one");
        assert!(err.contains(&format!("byte offset {at} (line 3)")), "{err}");
    }
}

// --- one document, streamed in pieces (src/cli/document.rs) ----------------------------------

/// Runs `kashif args` with `KASHIF_PIECE_BYTES=piece` (the hidden piece size), the input given
/// as `how`: `Pipe(bytes)` on a pipe, `File(path)` by name, `Redirect(path)` as standard input.
enum In<'a> {
    Pipe(&'a [u8]),
    File(&'a std::path::Path),
    Redirect(&'a std::path::Path),
}

fn kashif_in(args: &[&str], input: In, piece: usize) -> (i32, Vec<u8>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kashif"));
    cmd.args(args).env("KASHIF_PIECE_BYTES", piece.to_string()).stdout(Stdio::piped()).stderr(Stdio::piped());
    match input {
        In::Pipe(_) => cmd.stdin(Stdio::piped()),
        In::File(p) => cmd.arg(p).stdin(Stdio::null()),
        In::Redirect(p) => cmd.stdin(Stdio::from(std::fs::File::open(p).unwrap())),
    };
    let mut child = cmd.spawn().unwrap();
    // written from another thread while the output is read (either pipe may fill first); the
    // command may stop reading early, at a bad byte, so a failed write is no failure
    let writer = match input {
        In::Pipe(bytes) => {
            let (mut stdin, bytes) = (child.stdin.take().unwrap(), bytes.to_vec());
            Some(std::thread::spawn(move || drop(stdin.write_all(&bytes))))
        }
        _ => None,
    };
    let out = child.wait_with_output().unwrap();
    if let Some(w) = writer {
        w.join().unwrap();
    }
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8(out.stderr).unwrap())
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("kashif-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The seed article twice, with four-byte characters, CRLF line ends, a quotation left open
/// across lines, and a last line without a line break.
fn document() -> String {
    let seed = include_str!("../www/samples/seed-article-ar.txt");
    format!("{seed}\n😀 قال «المتحدث إن 𝐀 روسيا.\nوأضاف بوتين».\r\n{}\nآخر سطر بلا نهاية 😀", seed.replace("روسيا", "الصين"))
}

#[test]
fn a_document_streamed_in_pieces_is_the_whole_analysis() {
    let text = document();
    let file = TempFile::new("document.txt", text.as_bytes());
    let options = kashif::Options::default();
    let whole = kashif::analyze(&text, &options);
    let expected = [
        ("json", format!("{}\n", serde_json::to_string_pretty(&whole).unwrap())),
        ("jsonl", format!("{}\n", serde_json::to_string(&whole).unwrap())),
    ];
    // 1, 2 and 3 bytes cut every multi-byte character (Arabic letters are two, emoji four)
    for piece in [1, 2, 3, 5, 1000, 1 << 20] {
        for (format, want) in &expected {
            for input in [In::Pipe(text.as_bytes()), In::File(&file.0), In::Redirect(&file.0)] {
                let (code, out, err) = kashif_in(&["analyze", "--format", format], input, piece);
                assert_eq!(code, 0, "{err}");
                assert!(out == want.as_bytes(), "--format {format}, pieces of {piece} bytes: not the whole text's analysis");
            }
        }
    }
    // the summary, and other options
    let (_, text_whole, _) = kashif_in(&["analyze"], In::File(&file.0), 1 << 20);
    assert!(String::from_utf8(text_whole.clone()).unwrap().contains("keywords:"));
    let (_, text_pieces, _) = kashif_in(&["analyze"], In::Pipe(text.as_bytes()), 3);
    assert!(text_pieces == text_whole, "the text summary in pieces of 3 bytes");
    let opts = r#"{"tokens":false,"max_ngram":2,"ranking":"frequency"}"#;
    let want = kashif::analyze(&text, &serde_json::from_str(opts).unwrap());
    let (code, out, err) = kashif_in(&["analyze", "--format", "jsonl", "--top", "7", "--options", opts], In::Pipe(text.as_bytes()), 7);
    assert_eq!(code, 0, "{err}");
    let mut want = want;
    want.keywords.truncate(7);
    assert!(out == format!("{}\n", serde_json::to_string(&want).unwrap()).as_bytes(), "--top 7 and options in pieces of 7 bytes");
}

#[test]
fn an_empty_document_in_every_format() {
    let whole = kashif::analyze("", &kashif::Options::default());
    let (code, out, _) = kashif_in(&["analyze", "--format", "json"], In::Pipe(b""), 3);
    assert_eq!(code, 0);
    assert!(out == format!("{}\n", serde_json::to_string_pretty(&whole).unwrap()).as_bytes());
    let (code, out, _) = kashif_in(&["analyze", "--format", "jsonl"], In::Pipe(b"  \n"), 1);
    assert_eq!(code, 0);
    assert!(out == format!("{}\n", serde_json::to_string(&kashif::analyze("  \n", &kashif::Options::default())).unwrap()).as_bytes());
}

#[test]
fn a_document_that_is_not_utf8() {
    let good = document();
    let mut bad = good.as_bytes().to_vec();
    let at = bad.len() - 40;
    bad[at] = 0xFF;
    let file = TempFile::new("bad.txt", &bad);
    // a file, by name or redirected: checked before anything is written, whatever the piece size
    for input in [In::File(&file.0), In::Redirect(&file.0)] {
        let (code, out, err) = kashif_in(&["analyze", "--format", "json"], input, 100);
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty(), "nothing on stdout for a file checked first");
        assert!(err.contains("not valid UTF-8") && err.contains(&format!("byte offset {at};")), "{err}");
        assert!(!err.contains("unfinished"), "{err}");
    }
    // a pipe: a bad byte past the first piece stops a result already begun
    let (code, out, err) = kashif_in(&["analyze", "--format", "jsonl"], In::Pipe(&bad), 100);
    assert_eq!(code, 2, "{err}");
    assert!(!out.is_empty(), "the tokens before the bad byte were written");
    assert!(err.contains(&format!("byte offset {at};")) && err.contains("output is unfinished"), "{err}");
    // ... and one in the first piece comes before any output
    let (code, out, err) = kashif_in(&["analyze", "--format", "jsonl"], In::Pipe(&bad), 1 << 20);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty() && !err.contains("unfinished"), "{err}");
    // a character cut by the end of the input
    let mut cut = "روسيا".as_bytes().to_vec();
    cut.pop();
    let (code, out, err) = kashif_in(&["analyze", "--format", "text"], In::Pipe(&cut), 2);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty() && err.contains("byte offset 8;"), "{err}");
}
