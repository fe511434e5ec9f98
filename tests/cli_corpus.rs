//! `kashif corpus` as a user drives it: JSON Lines, plain lines, a directory, bad lines.

mod common;
use common::kashif;

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

const A: &str = "التقى الرئيس فلاديمير بوتين الرئيس رجب طيب أردوغان في موسكو. وبحث الرئيسان الأزمة السورية.";
const B: &str = "قال بوتين إن روسيا تدعم الحوار. وزار أردوغان أنقرة بعد اللقاء.";
const C: &str = "ارتفعت أسعار النفط في الأسواق العالمية. وقالت أوبك إن إنتاج النفط سيرتفع مع أسعار النفط.";

fn jsonl(lines: &[serde_json::Value]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn json_lines_give_documents_keywords_names_and_pairs() {
    let input = jsonl(&[
        serde_json::json!({"id": "a", "title": "لقاء", "date": "2020-01-01", "text": A}),
        serde_json::json!({"content": B}),
        serde_json::json!({"id": 3, "text": C}),
    ]);
    let (code, out, err) = kashif(&["corpus", "-", "--format", "json", "--jobs", "2", "--trend", "النفط", "--kwic", "النفط"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!((docs[0]["id"].as_str(), docs[0]["title"].as_str(), docs[0]["date"].as_str()), (Some("a"), Some("لقاء"), Some("2020-01-01")));
    assert_eq!((docs[1]["id"].as_str(), docs[2]["id"].as_str()), (Some("2"), Some("3")));
    assert_eq!(docs[2]["distinctive"][0]["text"], "النفط");
    let names = v["names"].as_array().unwrap();
    let at = |t: &str| names.iter().position(|n| n["text"] == t).unwrap_or_else(|| panic!("{t}: {names:?}"));
    let (putin, moscow) = (at("فلاديمير بوتين"), at("موسكو"));
    assert_eq!(names[putin]["documents"], 2);
    let pair = v["pairs"].as_array().unwrap().iter().find(|p| {
        let (a, b) = (p["a"].as_u64().unwrap() as usize, p["b"].as_u64().unwrap() as usize);
        (a.min(b), a.max(b)) == (putin.min(moscow), putin.max(moscow))
    });
    assert_eq!(pair.expect("بوتين and موسكو share a sentence")["sentences"], 1);
    assert_eq!(v["trends"][0]["counts"], serde_json::json!([0, 0, 3]));
    assert_eq!(v["contexts"][0]["contexts"].as_array().unwrap().len(), 3);
    assert_eq!(v["skipped"], serde_json::json!([]));
    // the same bytes on one thread
    let (_, one, _) = kashif(&["corpus", "-", "--format", "json", "--jobs", "1", "--trend", "النفط", "--kwic", "النفط"], input.as_bytes());
    assert_eq!(one, out);
}

#[test]
fn a_bad_line_is_reported_with_its_number_and_the_rest_analyzed() {
    let mut input = jsonl(&[serde_json::json!({"text": A})]).into_bytes();
    input.extend_from_slice(b"{\"text\": \"broken\n\n{\"id\": 1}\n\xFF\xFE\n");
    input.extend_from_slice(jsonl(&[serde_json::json!({"text": C})]).as_bytes());
    let (code, out, err) = kashif(&["corpus", "--format", "json"], &input);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    let lines: Vec<u64> = v["skipped"].as_array().unwrap().iter().map(|s| s["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [2, 4, 5], "the blank line 3 is no document");
    assert!(err.contains("line 2: not a JSON object"), "{err}");
    assert!(err.contains("line 4: no \"text\" or \"content\" field"), "{err}");
    assert!(err.contains("line 5: not valid UTF-8"), "{err}");
}

#[test]
fn plain_lines_are_one_document_each_and_text_is_the_default_format() {
    let input = format!("{A}\n\n{B}\r\n{C}");
    let (code, out, err) = kashif(&["corpus"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("documents 3 "), "{out}");
    assert!(out.contains("names together"), "{out}");
    assert!(out.contains("فلاديمير بوتين"), "{out}");
}

#[test]
fn a_directory_of_text_markdown_and_html() {
    let dir = std::env::temp_dir().join(format!("kashif-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("1.txt"), A).unwrap();
    std::fs::write(dir.join("2.md"), format!("# عنوان\n\n{B}")).unwrap();
    std::fs::write(dir.join("3.html"), format!("<html><title>نفط &amp; أسعار</title><script>x()</script><p>{C}</p>")).unwrap();
    std::fs::write(dir.join("4.pdf"), "not read").unwrap();
    std::fs::write(dir.join("5.txt"), b"\xFF bad").unwrap();
    let (code, out, err) = kashif(&["corpus", dir.to_str().unwrap(), "--format", "json"], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let ids: Vec<&str> = v["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1.txt", "2.md", "3.html"]);
    assert_eq!(v["documents"][2]["title"], "نفط & أسعار");
    assert!(!out.contains("x()"), "script text is not document text");
    assert_eq!(v["skipped"][0]["file"], "5.txt");
    assert!(err.contains("5.txt: not valid UTF-8"), "{err}");
}

#[test]
fn no_document_at_all_is_an_input_error() {
    let (code, out, err) = kashif(&["corpus", "--format", "json"], b"{\"id\":1}\n\n");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no document to analyze") && err.contains("\"text\""), "{err}");
    let (code, _, err) = kashif(&["corpus", "--format", "jsonl"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("use text or json"), "{err}");
    let (code, _, err) = kashif(&["corpus", "/no/such/file.jsonl"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("cannot read '/no/such/file.jsonl'"), "{err}");
}
