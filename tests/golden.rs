//! The CLI's JSONL output on the seed article is byte-identical to the recorded one
//! (`tests/golden/seed-article.jsonl`): a change of output is always deliberate. After one,
//! re-record it with `cargo run --release -- analyze www/samples/seed-article-ar.txt --lines
//! --format jsonl > tests/golden/seed-article.jsonl` and say in the commit what changed and why.
//! (The 300 shared news articles are checked by digest: `tools/check_output.sh`.)

#[test]
fn seed_article_output_is_the_recorded_one() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(["analyze", "www/samples/seed-article-ar.txt", "--lines", "--format", "jsonl"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kashif runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = String::from_utf8(out.stdout).expect("UTF-8");
    let want = include_str!("golden/seed-article.jsonl");
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert!(g == w, "line {} of the seed article's output differs from tests/golden/seed-article.jsonl:\n got: {:.300}\nwant: {:.300}", i + 1, g, w);
    }
    assert_eq!(got.lines().count(), want.lines().count(), "number of output lines");
}
