//! The `kashif-train` command: training and evaluation of Kashif's entity tagger (see
//! [`kashif_train::cli`]). Exit codes: 0 success, 1 I/O error, 2 bad usage.

use kashif_train::cli::{cli_clusters, cli_eval, cli_train, CliError};
use std::process::ExitCode;

const USAGE: &str = "\
kashif-train — trains and evaluates Kashif's entity tagger (run it from the project's root)

USAGE:
    kashif-train train-ner [--data PATH] [--out FILE] [--holdout] [--write-dev FILE] [--cv N]
                           [--seed N] [--without FAMILY,...] (experiments: --bags --epochs
                           --bits --dropout --margin --margin-b --margin-o --min-abs --min-count --o-penalty --pa --crf
                           --eta --l2 --cost --mix-crf, see train/src/train.rs)
    kashif-train eval-ner --data DEV.conll [--model FILE] [--merge MODE] [--dev-split]
                          [--docs K] [--errors] [--without FAMILY,...]
    kashif-train eval-ner --splits [--model FILE] [--merge model|model-first|full] [--as-docs]
                          [--first-pass] [--errors] [--data ANERCORP] [--wikifane PATH]
    kashif-train clusters [--text FILE]... [--wikifane FILE] [--out FILE] [--tsv FILE]
                          [--window N] [--min-count N] [--max-words N]
    kashif-train version
    kashif-train help

train-ner trains on PATH (default data/sources/anercorp-train.conll, the vendored ANERcorp)
and writes FILE (default data/ner.model): with the defaults it rebuilds the shipped model byte
for byte. --holdout trains on all but the last 10% of the sentences and scores that dev part;
--cv N cross-validates over the same 90% instead of writing a model. --without clusters,
wikicats leaves the word clusters, the ArWikiCats list words, or both out of the features of
the run (training and scoring), to measure what each adds; a model trained so must be scored
with the same --without in eval-ner.

eval-ner prints per-type precision, recall and F1 (exact entity match, conlleval style) of the
model built into kashif, or of FILE; MODE is model, gazetteer, model-first, gazetteer-first,
full (the names as `kashif analyze` finds them: the tagger's, then the organisations a head
noun announces and the currencies of amounts) or all (default). --dev-split scores only the
last 10% of DEV.conll; --docs K reads K sentences at a time as one document; --errors lists
every wrong or missed entity instead. --splits scores the tagger on both dev splits, ANERcorp's last 10% and WikiFANE's every 10th block of 50
sentences (converted to ANERcorp's conventions, train/src/wikifane.rs), per type, with the
micro F1 without MISC and a confusion table between types (--merge full: the whole name stage
instead of the tagger alone; --as-docs: 15 ANERcorp sentences or one 50-sentence WikiFANE block
a document, so the second pass acts; --first-pass: the tagger's first pass alone).

clusters computes Brown word clusters of the unlabeled text (default: the vendored
data/sources/ant-content.txt.gz, data/sources/anercorp-train.conll and, with its clitics
re-joined, data/sources/wikifane-gold.conll.gz; --text: .jsonl reads the content field, .conll
the tokens, anything else one document a line, .gz is decompressed; --wikifane FILE: WikiFANE's
CoNLL) and writes the table FILE (default data/clusters.bin): with the defaults (--window 512
--min-count 3, every clustered word kept; --max-words N keeps the N most frequent) it rebuilds
the shipped table byte for byte. --tsv also writes every clustered word as path, word, count.

Exit codes: 0 success, 1 I/O error, 2 bad usage.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("train-ner") => cli_train(&args[1..]),
        Some("eval-ner") => cli_eval(&args[1..]),
        Some("clusters") => cli_clusters(&args[1..]),
        Some("version" | "--version" | "-V") => {
            println!("kashif-train {} (feature templates version {})", env!("CARGO_PKG_VERSION"), kashif::entities::tagger::FEATURES_VERSION);
            Ok(())
        }
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(CliError::Usage(format!("unknown command '{other}'; try 'kashif-train help'"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(m)) => {
            eprintln!("kashif-train: {m}");
            ExitCode::from(2)
        }
        Err(CliError::Io(m)) => {
            eprintln!("kashif-train: {m}");
            ExitCode::from(1)
        }
    }
}
