//! The `train-ner`, `eval-ner` and `clusters` commands: argument parsing and reports. Errors
//! say what to do; an I/O error exits 1 and bad usage 2 (see [`CliError`]).

use crate::conll::{prepare, prepare_all, read_conll, split_dev, write_conll, Conll, Sentence, DOC_NEWS, DOC_WIKI, WIKI};
use crate::eval::{doc_entities, evaluate, evaluate_confusion, evaluate_docs, predicted, Scores};
use crate::wikifane;
use crate::train::{train, Config};
use crate::clusters::{encode_table, run, shipped_words, tsv, Settings, DEFAULT_TABLE, DEFAULT_TEXTS};
use crate::{DEFAULT_DATA, DEFAULT_MODEL, DEFAULT_WIKI};
use kashif::entities::tagger::{find_passes, find_with, set_without, shipped_model_status, Merge, Model, TYPES, WITHOUT_CLUSTERS, WITHOUT_WIKICATS};

/// Why a `train-ner` / `eval-ner` command failed: bad usage (exit 2) or an I/O error (exit 1).
#[derive(Debug)]
pub enum CliError {
    Usage(String),
    Io(String),
}

impl From<String> for CliError {
    fn from(m: String) -> Self {
        CliError::Usage(m)
    }
}

fn flag_value<'a>(args: &'a [String], name: &str) -> Result<Option<&'a str>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args.get(i + 1).map(|s| Some(s.as_str())).ok_or_else(|| format!("{name} needs a value")),
    }
}

/// The value of `--name`, parsed; `wants` says what it should be in the error.
fn parsed_flag<T: std::str::FromStr>(args: &[String], name: &str, wants: &str) -> Result<Option<T>, String> {
    flag_value(args, name)?.map(|v| v.parse().map_err(|_| format!("{name} wants {wants}, not '{v}'"))).transpose()
}

fn check_flags(args: &[String], with_value: &[&str], plain: &[&str]) -> Result<(), String> {
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if with_value.contains(&a) {
            i += 2;
        } else if plain.contains(&a) {
            i += 1;
        } else {
            return Err(format!("unknown argument '{a}'; try 'kashif-train help'"));
        }
    }
    Ok(())
}

/// The sentences of a CoNLL file; the error names the file and, for the default one, where
/// the command must run.
fn read_data(path: &str) -> Result<Vec<Conll>, CliError> {
    read_conll(path).map_err(|e| {
        let hint = if path == DEFAULT_DATA { " (run kashif-train from the project's root, where data/sources/ is, or give --data PATH)" } else { "" };
        CliError::Io(format!("cannot read '{path}': {e}{hint}"))
    })
}

/// `--without FAMILY[,FAMILY]`: the feature families left out of this run's training and
/// scoring (`clusters`, `wikicats`; see `set_without` in src/entities/features.rs), set for the
/// whole process. Returns the families' bits (0 without the flag: the shipped features).
fn without_flag(args: &[String]) -> Result<u32, String> {
    let Some(list) = flag_value(args, "--without")? else { return Ok(0) };
    let mut bits = 0;
    for name in list.split(',') {
        bits |= match name.trim() {
            "clusters" => WITHOUT_CLUSTERS,
            "wikicats" => WITHOUT_WIKICATS,
            other => return Err(format!("--without wants clusters or wikicats (or both: clusters,wikicats), not '{other}'")),
        };
    }
    set_without(bits);
    Ok(bits)
}

/// The training settings of the flags; the defaults are what rebuilds the shipped model.
fn config(args: &[String]) -> Result<Config, String> {
    let mut cfg = Config::default();
    let whole = "a whole number";
    let number = "a number";
    if let Some(v) = parsed_flag(args, "--epochs", whole)? {
        cfg.epochs = v;
    }
    if let Some(v) = flag_value(args, "--bits")? {
        cfg.bits = v.parse().ok().filter(|b| (12..=22).contains(b)).ok_or(format!("--bits wants 12..22, not '{v}'"))?;
    }
    if let Some(v) = parsed_flag(args, "--o-penalty", number)? {
        cfg.o_penalty = v;
    }
    if let Some(v) = parsed_flag(args, "--min-count", whole)? {
        cfg.min_count = v;
    }
    if let Some(v) = parsed_flag(args, "--dropout", "0..255")? {
        cfg.dropout = v;
    }
    if let Some(v) = parsed_flag(args, "--min-abs", "0..127")? {
        cfg.min_abs = v;
    }
    if let Some(v) = parsed_flag(args, "--news-share", "a number in 0..1")? {
        cfg.news_share = v;
    }
    if let Some(v) = parsed_flag(args, "--step", "1..127")? {
        cfg.step = v;
    }
    if let Some(v) = parsed_flag(args, "--max-rows", whole)? {
        cfg.max_rows = v;
    }
    if let Some(v) = parsed_flag(args, "--margin", number)? {
        cfg.margin = v;
        cfg.margin_o = v;
        cfg.margin_b = v * 1.5;
    }
    if let Some(v) = parsed_flag(args, "--margin-b", number)? {
        cfg.margin_b = v;
    }
    if let Some(v) = parsed_flag(args, "--pa", number)? {
        cfg.pa = v;
    }
    if let Some(v) = parsed_flag(args, "--margin-o", number)? {
        cfg.margin_o = v;
    }
    cfg.crf = args.iter().any(|a| a == "--crf");
    cfg.double = !args.iter().any(|a| a == "--no-double");
    cfg.nonlocal = !args.iter().any(|a| a == "--no-nl");
    if let Some(v) = parsed_flag(args, "--eta", number)? {
        cfg.crf_eta = v;
    }
    if let Some(v) = parsed_flag(args, "--l2", number)? {
        cfg.l2 = v;
    }
    if let Some(v) = parsed_flag(args, "--cost", number)? {
        cfg.crf_cost = v;
    }
    if let Some(v) = parsed_flag(args, "--mix-crf", "a number in 0..1")? {
        cfg.mix_crf = v;
    }
    if let Some(v) = parsed_flag(args, "--bags", whole)? {
        cfg.bags = v;
    }
    if let Some(v) = parsed_flag(args, "--seed", whole)? {
        cfg.seed = v;
    }
    Ok(cfg)
}

/// `kashif-train train-ner [--data PATH] [--out FILE] [--holdout] [--write-dev FILE] [--cv N] ...`.
///
/// Without `--holdout` it trains on every sentence of PATH (default: the vendored ANERcorp,
/// [`DEFAULT_DATA`]; how the shipped model is built); with it, on all but the dev split (the
/// last 10%), and reports the dev score. `--cv N` cross-validates over the train part instead.
pub fn cli_train(args: &[String]) -> Result<(), CliError> {
    check_flags(args, &["--data", "--out", "--write-dev", "--without", "--epochs", "--bits", "--cv", "--o-penalty", "--min-count", "--dropout", "--min-abs", "--margin", "--margin-o", "--margin-b", "--pa", "--seed", "--bags", "--eta", "--l2", "--cost", "--mix-crf", "--wikifane", "--step", "--max-rows", "--news-share", "--shares"], &["--holdout", "--crf", "--no-wiki", "--no-double", "--keep-heads", "--no-nl", "--wiki-events-o"])?;
    let data = flag_value(args, "--data")?.unwrap_or(DEFAULT_DATA);
    let out = flag_value(args, "--out")?.unwrap_or(DEFAULT_MODEL);
    let cfg = config(args)?;
    if without_flag(args)? != 0 {
        eprintln!("left out of training and scoring: --without {}", flag_value(args, "--without")?.unwrap_or_default());
    }
    let cv: Option<usize> = match flag_value(args, "--cv")? {
        Some(k) => Some(k.parse().ok().filter(|&k| k >= 2).ok_or(format!("--cv wants a whole number of folds (2 or more), not '{k}'"))?),
        None => None,
    };
    let holdout = args.iter().any(|a| a == "--holdout");
    let all = read_data(data)?;
    let (train_part, dev_part) = split_dev(&all);
    // WikiFANE beside ANERcorp (all of it, or its train split with --holdout and --cv)
    let wiki = if args.iter().any(|a| a == "--no-wiki") {
        Vec::new()
    } else {
        read_wikifane(flag_value(args, "--wikifane")?.unwrap_or(DEFAULT_WIKI), train_part, !args.iter().any(|a| a == "--keep-heads"))?
    };
    let (mut wiki_train, wiki_dev) = wikifane::split_wiki(&wiki);
    let mut wiki = wiki;
    if !args.iter().any(|a| a == "--wiki-events-o") {
        let n = wikifane::events_as_misc(&mut wiki) + wikifane::events_as_misc(&mut wiki_train);
        eprintln!("WikiFANE: {n} event names tagged MISC (whole corpus and train split)");
    }
    let wiki_used = if holdout || cv.is_some() { &wiki_train } else { &wiki };
    if let Some(p) = flag_value(args, "--write-dev")? {
        std::fs::write(p, write_conll(dev_part)).map_err(|e| CliError::Io(format!("cannot write '{p}': {e}")))?;
    }
    if let Some(k) = cv {
        cross_validate(train_part, &prepare_all(wiki_used, WIKI), k, &cfg);
        return Ok(());
    }
    let used = if holdout { train_part } else { &all[..] };
    let t0 = std::time::Instant::now();
    let mut sents: Vec<Sentence> = used.iter().map(prepare).collect();
    sents.extend(prepare_all(wiki_used, WIKI));
    eprintln!("{} sentences prepared in {:.1}s", sents.len(), t0.elapsed().as_secs_f64());
    if let Some(list) = flag_value(args, "--shares")? {
        // experiment: one model per share of the news copy, OUT.SHARE, each scored on both dev splits
        let shares: Vec<f64> = list.split(',').map(|v| v.parse().map_err(|_| format!("--shares wants numbers separated by commas, not '{list}'"))).collect::<Result<_, _>>()?;
        let models = crate::train::train_shares(&sents, &cfg, &shares, |l| eprintln!("{l} ({:.1}s)", t0.elapsed().as_secs_f64()));
        for (share, model) in shares.iter().zip(&models) {
            let path = format!("{out}.{share}");
            std::fs::write(&path, model.to_bytes()).map_err(|e| CliError::Io(format!("cannot write '{path}': {e}")))?;
            eprintln!("wrote {path}");
        }
        return Ok(());
    }
    let model = train(&sents, &cfg, |l| eprintln!("{l} ({:.1}s)", t0.elapsed().as_secs_f64()));
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| CliError::Io(format!("cannot write '{out}': {e}")))?;
    eprintln!("wrote {out}: {} bytes, trained in {:.1}s", bytes.len(), t0.elapsed().as_secs_f64());
    if holdout {
        let dev: Vec<Sentence> = dev_part.iter().map(prepare).collect();
        let sc = evaluate(&dev, |t, k| find_with(t, k, &model, Merge::Model));
        eprintln!("dev (last 10%, {} sentences), model only:\n{}", dev.len(), sc.report());
        if !wiki_dev.is_empty() {
            let dev = prepare_all(&wiki_dev, WIKI);
            let sc = evaluate(&dev, |t, k| find_with(t, k, &model, Merge::Model));
            eprintln!("WikiFANE dev ({} sentences), model only:\n{}", dev.len(), sc.report());
        }
    }
    Ok(())
}


/// `k`-fold cross-validation over ANERcorp's train part (dev excluded), for choosing settings:
/// contiguous folds, each scored by a model trained on the others and on `extra` (WikiFANE's
/// train split, or nothing); the report sums them.
///
/// With non-local features, the first-pass facts of every sentence are gathered once, over
/// ANERcorp's train part and `extra` together ([`crate::train::nonlocal_facts`], five folds of
/// documents of their own), and each fold's model trains on those: one first-pass round
/// instead of one per fold. A scored fold's own facts come from the fold's model at tagging
/// time, as in use; the facts of the sentences a fold's model trains on were tagged by
/// first-pass models that may have seen the scored fold (a second-order leak, kept for time).
fn cross_validate(train_part: &[Conll], extra: &[Sentence], k: usize, cfg: &Config) {
    let mut sents: Vec<Sentence> = train_part.iter().map(prepare).collect();
    let n_news = sents.len();
    let mut extra = extra.to_vec();
    let cfg = &if cfg.nonlocal {
        sents.append(&mut extra);
        crate::train::nonlocal_facts(&mut sents, cfg, &mut |l: &str| eprintln!("{l}"));
        extra = sents.split_off(n_news);
        // (a scored sentence's facts are not read: the tagger gathers its own)
        Config { nonlocal: false, ..cfg.clone() }
    } else {
        cfg.clone()
    };
    let (mut total, mut total_docs, mut total_full) = (Scores::default(), Scores::default(), Scores::default());
    for f in 0..k {
        let fold = |i: usize| i * k / sents.len();
        let (mut test, mut rest) = (Vec::new(), Vec::new());
        for (i, s) in sents.iter().enumerate() {
            let part = if fold(i) == f { &mut test } else { &mut rest };
            part.push(s.clone());
        }
        rest.extend(extra.iter().cloned());
        let m = train(&rest, cfg, |_| {});
        let sc = evaluate(&test, |t, x| find_with(t, x, &m, Merge::Model));
        let sd = evaluate_docs(&test, DOC_NEWS, |t, x| find_with(t, x, &m, Merge::Model));
        let sf = evaluate_docs(&test, DOC_NEWS, |t, x| find_with(t, x, &m, Merge::Full));
        eprintln!("fold {f}: micro F1 {:.4}, read {DOC_NEWS} sentences a document {:.4}, the whole name stage {:.4}", sc.micro().2, sd.micro().2, sf.micro().2);
        total.add(&sc);
        total_docs.add(&sd);
        total_full.add(&sf);
    }
    eprintln!("cross-validation ({k} folds), one sentence a document:\n{}", total.report());
    eprintln!("cross-validation ({k} folds), {DOC_NEWS} sentences a document:\n{}", total_docs.report());
    eprintln!("cross-validation ({k} folds), the whole name stage (--merge full), {DOC_NEWS} sentences a document:\n{}", total_full.report());
}

/// The model file of `eval-ner --model`. A file that is not a model of this build is a usage
/// error that says why (another format or feature version) and how to retrain.
fn load_model(path: &str) -> Result<Model, CliError> {
    let b = std::fs::read(path).map_err(|e| CliError::Io(format!("cannot read '{path}': {e}")))?;
    Model::from_bytes(&b).map_err(|e| CliError::Usage(format!("'{path}': {e}")))
}

/// `kashif-train eval-ner --data DEV.conll [--model FILE] [--merge MODE] [--dev-split] [--docs K] [--errors]`:
/// per-type P/R/F1.
pub fn cli_eval(args: &[String]) -> Result<(), CliError> {
    check_flags(args, &["--data", "--model", "--merge", "--docs", "--wikifane", "--without"], &["--dev-split", "--errors", "--splits", "--as-docs", "--first-pass"])?;
    without_flag(args)?;
    if args.iter().any(|a| a == "--splits") {
        return cli_eval_splits(args);
    }
    let docs: usize = match flag_value(args, "--docs")? {
        Some(v) => v.parse().ok().filter(|&k| k > 0).ok_or(format!("--docs wants a whole number of sentences, not '{v}'"))?,
        None => 1,
    };
    let data = flag_value(args, "--data")?.ok_or(format!("eval-ner needs --data PATH (e.g. --data {DEFAULT_DATA} --dev-split)"))?;
    let all = read_data(data)?;
    let part = if args.iter().any(|a| a == "--dev-split") { split_dev(&all).1 } else { &all[..] };
    // the file of --model, else the model built into the library (data/ner.model)
    let owned;
    let model: &Model = match flag_value(args, "--model")? {
        Some(p) => {
            owned = load_model(p)?;
            &owned
        }
        None => shipped_model_status().map_err(|e| CliError::Usage(format!("the model built into kashif (data/ner.model): {e}")))?,
    };
    let modes: Vec<(&str, Merge)> = match flag_value(args, "--merge")?.unwrap_or("all") {
        "model" => vec![("model", Merge::Model)],
        "gazetteer" => vec![("gazetteer", Merge::Gazetteer)],
        "model-first" => vec![("model-first", Merge::ModelFirst)],
        "gazetteer-first" => vec![("gazetteer-first", Merge::GazetteerFirst)],
        "full" => vec![("full", Merge::Full)],
        "all" => vec![
            ("gazetteer", Merge::Gazetteer),
            ("model", Merge::Model),
            ("model-first", Merge::ModelFirst),
            ("gazetteer-first", Merge::GazetteerFirst),
            ("full", Merge::Full),
        ],
        m => return Err(CliError::Usage(format!("unknown --merge '{m}': model, gazetteer, model-first, gazetteer-first, full, all"))),
    };
    let sents: Vec<Sentence> = part.iter().map(prepare).collect();
    if args.iter().any(|a| a == "--errors") {
        return print_errors(&sents, docs, model, modes[0].1);
    }
    let mut out = std::io::stdout().lock();
    for (name, mode) in modes {
        let t0 = std::time::Instant::now();
        let sc = if docs > 1 {
            evaluate_docs(&sents, docs, |t, k| find_with(t, k, model, mode))
        } else {
            evaluate(&sents, |t, k| find_with(t, k, model, mode))
        };
        let mb = sents.iter().map(|s| s.text.len()).sum::<usize>() as f64 / 1e6;
        let report = format!("{name} ({} sentences, {:.2} MB/s):\n{}", sents.len(), mb / t0.elapsed().as_secs_f64(), sc.report());
        if !write_line(&mut out, &report)? {
            break;
        }
    }
    Ok(())
}

/// WikiFANE in ANERcorp's conventions ([`wikifane::read`]); `anercorp`: ANERcorp's training part.
pub fn read_wikifane(path: &str, anercorp: &[Conll], strip_heads: bool) -> Result<Vec<Conll>, CliError> {
    wikifane::read(path, anercorp, strip_heads).map_err(|e| {
        let hint = if path == DEFAULT_WIKI { " (run kashif-train from the project's root, where data/sources/ is, give --wikifane PATH, or --no-wiki)" } else { "" };
        CliError::Io(format!("cannot read '{path}': {e}{hint}"))
    })
}

/// `eval-ner --splits [--model FILE] [--data ANERCORP] [--wikifane PATH]`: the model on both
/// dev splits, ANERcorp's (its last 10%) and WikiFANE's ([`wikifane::split_wiki`]), per type
/// and with the confusion between types, tagger alone (`--merge model`, the default) or the
/// whole name stage (`--merge full`), one sentence a document unless `--as-docs`.
fn cli_eval_splits(args: &[String]) -> Result<(), CliError> {
    let merge = match flag_value(args, "--merge")?.unwrap_or("model") {
        "model" => Merge::Model,
        "model-first" => Merge::ModelFirst,
        "full" => Merge::Full,
        m => return Err(CliError::Usage(format!("eval-ner --splits scores --merge model (the tagger alone, the default), model-first (and gazetteer places) or full (the whole name stage), not '{m}'"))),
    };
    let owned;
    let model: &Model = match flag_value(args, "--model")? {
        Some(p) => {
            owned = load_model(p)?;
            &owned
        }
        None => shipped_model_status().map_err(|e| CliError::Usage(format!("the model built into kashif (data/ner.model): {e}")))?,
    };
    let aner = read_data(flag_value(args, "--data")?.unwrap_or(DEFAULT_DATA))?;
    let (aner_train, aner_dev) = split_dev(&aner);
    let wiki = read_wikifane(flag_value(args, "--wikifane")?.unwrap_or(DEFAULT_WIKI), aner_train, true)?;
    let (_, wiki_dev) = wikifane::split_wiki(&wiki);
    // --as-docs: consecutive sentences read as one document (conll::documents), so the
    // second pass acts; --first-pass switches it off
    let as_docs = args.iter().any(|a| a == "--as-docs");
    let docs = |name: &str| if !as_docs { 1 } else if name.starts_with("Wiki") { DOC_WIKI } else { DOC_NEWS };
    let second = !args.iter().any(|a| a == "--first-pass");
    let mut out = std::io::stdout().lock();
    let splits = [("ANERcorp dev (last 10%)", aner_dev), ("WikiFANE dev (every 10th block of 50 sentences)", &wiki_dev[..])];
    for (name, part) in splits {
        let sents: Vec<Sentence> = part.iter().map(prepare).collect();
        if args.iter().any(|a| a == "--errors") {
            if !write_line(&mut out, &format!("# {name}"))? {
                break;
            }
            print_errors(&sents, docs(name), model, merge)?;
            continue;
        }
        let (sc, conf) = evaluate_confusion(&sents, docs(name), |t, k| find_passes(t, k, model, merge, second));
        let how = if docs(name) > 1 { format!("read {} sentences a document", docs(name)) } else { "one sentence a document".to_string() };
        let what = match merge {
            Merge::Full => "the whole name stage",
            Merge::ModelFirst => "tagger and gazetteer places",
            _ => "tagger alone",
        };
        if !write_line(&mut out, &format!("{name}, {} sentences, {what}, {how}:\n{}\n{}", sents.len(), sc.report(), conf.report()))? {
            break;
        }
    }
    Ok(())
}

/// Writes one line of a report to standard output. `Ok(false)` when the reader has gone (a
/// closed pipe, as in `eval-ner --errors | head`): the report stops there, quietly, as Unix
/// tools do; any other write error is an I/O error (exit 1).
fn write_line(out: &mut impl std::io::Write, line: &str) -> Result<bool, CliError> {
    match writeln!(out, "{line}") {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(CliError::Io(format!("cannot write the report to standard output: {e}"))),
    }
}

/// Every wrong or missed entity: `-` gold only, `+` predicted only, under its sentence.
fn print_errors(sents: &[Sentence], docs: usize, model: &Model, mode: Merge) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    let per = doc_entities(sents, docs, |t, k| find_with(t, k, model, mode));
    for (s, found) in sents.iter().zip(&per) {
        let words: Vec<&str> = s.spans.iter().map(|&(a, b)| &s.text[a..b]).collect();
        let show = |(a, b, t): (usize, usize, usize)| format!("{} {}", TYPES[t], words[a..=b].join(" "));
        let pred = predicted(s, found);
        let lines: Vec<String> = s
            .gold
            .iter()
            .filter(|g| !pred.contains(g))
            .map(|&g| format!("  - {}", show(g)))
            .chain(pred.iter().filter(|p| !s.gold.contains(p)).map(|&p| format!("  + {}", show(p))))
            .collect();
        if !lines.is_empty() && !write_line(&mut out, &format!("{}\n{}", s.text, lines.join("\n")))? {
            break;
        }
    }
    Ok(())
}

/// `kashif-train clusters [--text FILE]... [--wikifane FILE]... [--out FILE] [--tsv FILE]
/// [--min-count N] [--window N] [--max-words N]`: Brown clusters of the unlabeled text
/// (default: the vendored [`DEFAULT_TEXTS`] and WikiFANE, [`DEFAULT_WIKI`]; `--wikifane` reads
/// WikiFANE's sentences, clitics re-joined); with the defaults it rebuilds the shipped
/// `data/clusters.bin`. Given `--text` or `--wikifane`, only the files given are read.
pub fn cli_clusters(args: &[String]) -> Result<(), CliError> {
    check_flags(args, &["--text", "--wikifane", "--out", "--tsv", "--min-count", "--window", "--max-words"], &[])?;
    let mut s = Settings::default();
    if let Some(v) = parsed_flag(args, "--min-count", "a whole number")? {
        s.min_count = v;
    }
    if let Some(v) = flag_value(args, "--window")? {
        s.window = v.parse().ok().filter(|&w| (2..=4096).contains(&w)).ok_or(format!("--window wants 2..4096 clusters, not '{v}'"))?;
    }
    if let Some(v) = parsed_flag(args, "--max-words", "a whole number")? {
        s.max_words = v;
    }
    let given = |flag: &str| -> Vec<String> { args.windows(2).filter(|w| w[0] == flag).map(|w| w[1].clone()).collect() };
    let (mut texts, mut wiki) = (given("--text"), given("--wikifane"));
    if texts.is_empty() && wiki.is_empty() {
        texts = DEFAULT_TEXTS.iter().map(|s| s.to_string()).collect();
        wiki = vec![DEFAULT_WIKI.to_string()];
    }
    let t0 = std::time::Instant::now();
    let r = run(&texts, &wiki, &s, |l| eprintln!("{l} ({:.1}s)", t0.elapsed().as_secs_f64())).map_err(|e| {
        let hint = if texts.iter().any(|t| DEFAULT_TEXTS.contains(&t.as_str())) || wiki.iter().any(|w| w == DEFAULT_WIKI) { " (run kashif-train from the project's root, where data/sources/ is, or give --text FILE)" } else { "" };
        CliError::Io(format!("{e}{hint}"))
    })?;
    eprintln!("clustered in {:.1}s", t0.elapsed().as_secs_f64());
    if let Some(p) = flag_value(args, "--tsv")? {
        std::fs::write(p, tsv(&r)).map_err(|e| CliError::Io(format!("cannot write '{p}': {e}")))?;
    }
    let out = flag_value(args, "--out")?.unwrap_or(DEFAULT_TABLE);
    let words = shipped_words(&r, s.max_words);
    let bytes = encode_table(&r, &words).map_err(CliError::Io)?;
    std::fs::write(out, &bytes).map_err(|e| CliError::Io(format!("cannot write '{out}': {e}")))?;
    eprintln!("wrote {out}: {} words, {} bytes", words.len(), bytes.len());
    Ok(())
}
