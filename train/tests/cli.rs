//! `kashif-train`'s exit codes and messages: a file that cannot be read is an I/O error
//! (exit 1), bad usage and a model of another version are usage errors (exit 2), each saying
//! what to do.

use std::process::{Command, Output};

fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kashif-train")).current_dir(dir).args(args).output().expect("kashif-train runs")
}

fn run(args: &[&str]) -> Output {
    run_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("kashif-train-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn exit_codes() {
    let missing = run(&["train-ner", "--data", "/nonexistent/ner.conll"]);
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("cannot read '/nonexistent/ner.conll'"), "{}", stderr(&missing));
    assert_eq!(run(&["eval-ner", "--data", "/nonexistent/ner.conll"]).status.code(), Some(1));
    let bogus = run(&["train-ner", "--bogus"]);
    assert_eq!(bogus.status.code(), Some(2));
    assert!(stderr(&bogus).contains("unknown argument '--bogus'; try 'kashif-train help'"), "{}", stderr(&bogus));
    let no_data = run(&["eval-ner"]);
    assert_eq!(no_data.status.code(), Some(2));
    assert!(stderr(&no_data).contains("--data data/sources/anercorp-train.conll --dev-split"), "{}", stderr(&no_data));
    assert_eq!(run(&["train-ner", "--cv", "1"]).status.code(), Some(2));
    let family = run(&["train-ner", "--without", "lists"]);
    assert_eq!(family.status.code(), Some(2));
    assert!(stderr(&family).contains("--without wants clusters or wikicats"), "{}", stderr(&family));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["help"]).status.code(), Some(0));
}

/// Run outside the project's root, the default training file is not found: the message says
/// where to run the command or what to pass.
#[test]
fn default_data_outside_the_root_says_where_to_run() {
    let dir = temp_dir("elsewhere");
    let out = run_in(&dir, &["train-ner"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read 'data/sources/anercorp-train.conll'"), "{}", stderr(&out));
    assert!(stderr(&out).contains("run kashif-train from the project's root"), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).ok();
}

/// `eval-ner --model` on a model of another feature version: exit 2, and the message names
/// both versions and the command that retrains.
#[test]
fn eval_refuses_a_model_of_another_feature_version() {
    use kashif::entities::tagger::{FEATURES_VERSION, RETRAIN};
    let dir = temp_dir("model");
    let mut model = include_bytes!("../../data/ner.model").to_vec();
    model[8..12].copy_from_slice(&(FEATURES_VERSION + 7).to_le_bytes());
    let path = dir.join("old.model");
    std::fs::write(&path, &model).expect("write");
    let conll = dir.join("dev.conll");
    std::fs::write(&conll, "زار O\nموسكو B-LOC\n").expect("write");
    let out = run(&["eval-ner", "--data", conll.to_str().unwrap(), "--model", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("version {}", FEATURES_VERSION + 7)) && err.contains(&format!("computes version {FEATURES_VERSION}")), "{err}");
    assert!(err.contains(RETRAIN), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

/// A small labelled file scores through every merge mode, with the model built into kashif.
#[test]
fn eval_scores_a_small_file() {
    let dir = temp_dir("eval");
    let conll = dir.join("dev.conll");
    std::fs::write(&conll, "التقى O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n. O\n").expect("write");
    let out = run(&["eval-ner", "--data", conll.to_str().unwrap(), "--merge", "model"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    let micro = report.lines().find(|l| l.starts_with("micro")).unwrap_or_else(|| panic!("no micro line in {report}"));
    let cols: Vec<&str> = micro.split_whitespace().collect();
    assert_eq!(cols, ["micro", "1.0000", "1.0000", "1.0000", "2"], "{report}");
    std::fs::remove_dir_all(dir).ok();
}

/// `--merge full` scores the names as `kashif analyze` finds them: the rules' dates and
/// amounts in the same text are no names and are not counted against it; `--splits` takes
/// only the modes it can score.
#[test]
fn eval_full_scores_names_and_leaves_rule_entities_out() {
    let dir = temp_dir("eval-full");
    let conll = dir.join("dev.conll");
    std::fs::write(&conll, "التقى O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\nيوم O\n23 O\nيوليو O\n. O\n").expect("write");
    let out = run(&["eval-ner", "--data", conll.to_str().unwrap(), "--merge", "full"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.starts_with("full ("), "{report}");
    let micro = report.lines().find(|l| l.starts_with("micro")).unwrap_or_else(|| panic!("no micro line in {report}"));
    assert_eq!(micro.split_whitespace().collect::<Vec<_>>(), ["micro", "1.0000", "1.0000", "1.0000", "2"], "{report}");
    let bad = run(&["eval-ner", "--splits", "--merge", "gazetteer"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("model-first") && stderr(&bad).contains("full"), "{}", stderr(&bad));
    std::fs::remove_dir_all(dir).ok();
}

/// The whole command line on a small slice of the vendored ANERcorp: `train-ner --holdout`
/// writes a model this build loads and scores the dev part, `eval-ner --model` reads it back,
/// and `--cv` reports its folds.
#[test]
fn trains_evaluates_and_cross_validates_a_small_model() {
    let dir = temp_dir("small");
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/sources/anercorp-train.conll")).expect("vendored ANERcorp");
    let small: String = src.split_inclusive("\n\n").take(60).collect();
    let data = dir.join("small.conll");
    std::fs::write(&data, &small).expect("write");
    let model = dir.join("small.model");
    let (data, model_s) = (data.to_str().unwrap(), model.to_str().unwrap());
    let quick = ["--bits", "12", "--epochs", "2", "--bags", "2", "--no-wiki"];

    let out = run(&[&["train-ner", "--data", data, "--out", model_s, "--holdout"][..], &quick].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("54 sentences prepared") && stderr(&out).contains("dev (last 10%, 6 sentences)"), "{}", stderr(&out));
    let m = kashif::entities::tagger::Model::from_bytes(&std::fs::read(&model).expect("model written")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.bits, 12);

    let out = run(&["eval-ner", "--data", data, "--model", model_s, "--merge", "model", "--dev-split"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("model (6 sentences"), "{}", String::from_utf8_lossy(&out.stdout));

    let out = run(&[&["train-ner", "--data", data, "--cv", "2"][..], &quick].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("fold 1: micro F1") && stderr(&out).contains("cross-validation (2 folds)"), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).ok();
}

/// `eval-ner --errors | head`: when the reader of the report goes away, the report stops
/// quietly (exit 0) instead of panicking on the closed pipe. The read end is closed before the
/// command writes anything (it reads and tags the dev split first), so every write meets it.
#[test]
fn a_closed_pipe_ends_the_report_quietly() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashif-train"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval-ner", "--data", "../data/sources/anercorp-train.conll", "--dev-split", "--merge", "model", "--errors"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kashif-train runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("kashif-train ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

/// `eval-ner --splits` scores the built-in model on both dev splits of the vendored corpora,
/// each with the micro F1 without MISC and the confusion table between types.
#[test]
fn eval_splits_reports_both_dev_splits_with_confusion() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = run_in(&root, &["eval-ner", "--splits"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("ANERcorp dev (last 10%), 399 sentences"), "{report}");
    assert!(report.contains("WikiFANE dev (every 10th block of 50 sentences), 1550 sentences"), "{report}");
    assert_eq!(report.matches("\nno-MISC ").count(), 2, "{report}");
    assert_eq!(report.matches("gold\\tagged").count(), 2, "{report}");
}

/// `clusters`: a missing text is an I/O error that names it (and, for the default texts, where
/// to run); a bad window is a usage error; a small text is clustered into a table that parses.
#[test]
fn clusters_command() {
    let missing = run(&["clusters", "--text", "/nonexistent/text.txt", "--out", "/nonexistent/c.bin"]);
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("cannot read '/nonexistent/text.txt'"), "{}", stderr(&missing));
    let window = run(&["clusters", "--window", "1"]);
    assert_eq!(window.status.code(), Some(2));
    assert!(stderr(&window).contains("--window wants 2..4096 clusters, not '1'"), "{}", stderr(&window));
    let dir = temp_dir("clusters");
    let elsewhere = run_in(&dir, &["clusters"]);
    assert_eq!(elsewhere.status.code(), Some(1));
    assert!(stderr(&elsewhere).contains("run kashif-train from the project's root"), "{}", stderr(&elsewhere));
    let text = dir.join("text.txt");
    let lines: Vec<&str> = (0..20).map(|i| ["زار الرئيس روسيا أمس", "زار الوزير فرنسا اليوم", "التقى الرئيس الوزير في روسيا", "قال الوزير إن فرنسا"][i % 4]).collect();
    std::fs::write(&text, lines.join("\n")).expect("writes");
    let (t, out) = (text.to_str().expect("utf-8 path"), dir.join("c.bin"));
    let ok = run(&["clusters", "--text", t, "--window", "3", "--out", out.to_str().expect("utf-8 path")]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let table = kashif::lexicon::clusters::Table::parse(&std::fs::read(&out).expect("written")).expect("parses");
    assert!(table.get("روسيا").is_some() && table.paths().len() <= 3, "{} words", table.len());
    std::fs::remove_dir_all(dir).ok();
}
