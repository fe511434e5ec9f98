//! Unit tests of the corpus views.

use super::*;

fn doc(text: &str) -> Document {
    Document { text: text.into(), ..Document::default() }
}

fn corpus(texts: &[&str]) -> Corpus {
    let mut c = Corpus::new(CorpusOptions::default());
    for t in texts {
        c.add(doc(t));
    }
    c
}

const LEADERS: &str = "التقى الرئيس فلاديمير بوتين الرئيس رجب طيب أردوغان في موسكو. وبحث الرئيسان الأزمة السورية.";
const RUSSIA: &str = "قال بوتين إن روسيا تدعم الحوار. وزار أردوغان أنقرة بعد اللقاء.";
const OIL: &str = "ارتفعت أسعار النفط في الأسواق العالمية. وقالت أوبك إن إنتاج النفط سيرتفع مع أسعار النفط.";

fn name<'r>(r: &'r CorpusResult, text: &str) -> (u32, &'r CorpusName) {
    let i = r.names.iter().position(|n| n.text == text).unwrap_or_else(|| panic!("{text} in {:?}", r.names));
    (i as u32, &r.names[i])
}

#[test]
fn documents_keep_ids_titles_and_stats() {
    let mut c = Corpus::new(CorpusOptions::default());
    c.add(Document { id: Some("a".into()), title: Some("النفط".into()), date: Some("2020-01-02".into()), text: OIL.into() });
    c.add(doc(RUSSIA));
    let r = c.result(&Limits::default());
    assert_eq!(r.documents.len(), 2);
    assert_eq!((r.documents[0].id.as_str(), r.documents[0].title.as_str()), ("a", "النفط"));
    assert_eq!(r.documents[0].date.as_deref(), Some("2020-01-02"));
    assert_eq!(r.documents[1].id, "2");
    assert_eq!(r.documents[1].title, "قال بوتين إن روسيا تدعم الحوار. وزار أردوغان");
    assert_eq!(r.documents[1].stats, crate::analyze(RUSSIA, &Options::default()).stats);
    assert_eq!(r.totals.documents, 2);
    assert_eq!(r.totals.words, (r.documents[0].stats.words + r.documents[1].stats.words) as u64);
}

#[test]
fn distinctive_keywords_are_those_of_this_document_against_the_rest() {
    let c = corpus(&[LEADERS, RUSSIA, OIL]);
    let r = c.result(&Limits::default());
    let oil = &r.documents[2];
    assert_eq!(oil.distinctive[0].text, "النفط", "{:?}", oil.distinctive);
    assert_eq!(oil.distinctive[0].count, 3);
    assert!(oil.distinctive.iter().all(|k| k.keyness > 0.0));
    // a word of every document is never distinctive of one
    let all = corpus(&[OIL, OIL]);
    assert!(all.result(&Limits::default()).documents[0].distinctive.is_empty());
    // nor is anything when the document is the whole corpus
    assert!(corpus(&[OIL]).result(&Limits::default()).documents[0].distinctive.is_empty());
}

#[test]
fn keyness_against_the_rest_is_signed() {
    // 10 in 100 words here, 10 in 10,000 words elsewhere: over-used here.
    assert!(terms::keyness_against_rest(10, 20, 100, 10_100) > 0.0);
    assert!(terms::keyness_against_rest(1, 201, 100, 10_100) < 0.0);
    assert!(terms::keyness_against_rest(20, 40, 100, 200).abs() < 1e-9);
}

#[test]
fn corpus_keywords_count_occurrences_and_documents() {
    let c = corpus(&[OIL, LEADERS, OIL]);
    let r = c.result(&Limits::default());
    let oil = r.keywords.iter().find(|k| k.text == "النفط").expect("النفط");
    assert_eq!((oil.count, oil.documents), (6, 2));
    assert_eq!(r.keywords[0].text, "النفط", "two documents' keyness: {:?}", &r.keywords[..3]);
    assert!(r.keywords.len() <= Limits::default().corpus_keywords);
}

#[test]
fn names_are_joined_across_documents_with_mentions_per_document() {
    let c = corpus(&[LEADERS, OIL, RUSSIA]);
    let r = c.result(&Limits::default());
    let (_, putin) = name(&r, "فلاديمير بوتين");
    assert_eq!(putin.keys, vec!["فلاديمير بوتين", "بوتين"], "the short name of document 3 joins the full one");
    assert_eq!(putin.mentions, vec![DocCount { doc: 0, count: 1 }, DocCount { doc: 2, count: 1 }]);
    assert_eq!((putin.count, putin.documents), (2, 2));
    let (_, erdogan) = name(&r, "رجب طيب أردوغان");
    assert_eq!(erdogan.documents, 2);
}

#[test]
fn a_short_name_in_two_longer_ones_stays_apart() {
    let c = corpus(&["التقى محمد بن سلمان الوزير.", "وصل محمد بن زايد إلى الرياض.", "قال محمد إن الاتفاق قريب."]);
    let r = c.result(&Limits::default());
    let alone = r.names.iter().filter(|n| n.kind == "PER" && n.key == "محمد").count();
    let joined = r.names.iter().filter(|n| n.keys.iter().skip(1).any(|k| k == "محمد")).count();
    assert!(alone <= 1 && joined == 0, "{:?}", r.names);
}

#[test]
fn names_in_one_sentence_co_occur() {
    let c = corpus(&[LEADERS, RUSSIA, OIL]);
    let r = c.result(&Limits::default());
    let (putin, _) = name(&r, "فلاديمير بوتين");
    let (moscow, _) = name(&r, "موسكو");
    let (opec, _) = name(&r, "أوبك");
    let (ankara, _) = name(&r, "أنقرة");
    let pair = |a: u32, b: u32| r.pairs.iter().find(|p| (p.a, p.b) == (a.min(b), a.max(b)));
    let p = pair(putin, moscow).expect("same sentence");
    assert_eq!((p.sentences, p.documents), (1, 1));
    assert!(p.score > 0.0 && p.pmi > 0.0);
    assert!(pair(putin, opec).is_none(), "never together");
    // بوتين and أنقرة share document 2 but not a sentence
    let q = pair(putin, ankara).expect("same document");
    assert_eq!((q.sentences, q.documents), (0, 1));
    assert!(q.score < p.score);
    assert!(r.pairs.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn trends_follow_corpus_order() {
    let c = corpus(&[OIL, LEADERS, OIL]);
    let t = c.trend("النفط").expect("keyword");
    assert_eq!((t.kind.as_str(), t.counts.clone()), ("keyword", vec![3, 0, 3]));
    let words = c.result(&Limits::default()).documents[0].stats.words as f64;
    assert!((t.per_thousand[0] - 3000.0 / words).abs() < 1e-9);
    // a word as written, behind a clitic, finds its keyword
    assert_eq!(c.trend("والنفط").expect("clitic").counts, vec![3, 0, 3]);
    let n = c.trend("موسكو").expect("name");
    assert_eq!(n.counts, vec![0, 1, 0]);
    assert!(c.trend("قطار").is_none());
}

#[test]
fn kwic_gives_contexts_in_corpus_order() {
    let c = corpus(&[LEADERS, OIL, OIL]);
    let k = c.kwic("النفط", 13, 100);
    assert_eq!(k.len(), 6);
    assert!(k.iter().all(|x| x.matched == "النفط"));
    assert_eq!(k[0].doc, 1);
    assert_eq!(k[0].left, "ارتفعت أسعار ");
    assert_eq!(k[0].right, " في الأسواق ا");
    let utf16: Vec<u16> = OIL.encode_utf16().collect();
    assert_eq!(String::from_utf16(&utf16[k[0].start as usize..k[0].end as usize]).unwrap(), "النفط");
    assert_eq!(c.kwic("النفط", 5, 2).len(), 2, "limit");
    assert_eq!(c.text(1), Some(OIL));
}

#[test]
fn without_contexts_only_counts_are_kept() {
    let mut c = Corpus::new(CorpusOptions { contexts: false, ..CorpusOptions::default() });
    c.add(doc(OIL));
    assert_eq!(c.text(0), None);
    assert!(c.kwic("النفط", 10, 10).is_empty());
    assert_eq!(c.trend("النفط").unwrap().counts, vec![3]);
}

#[test]
fn results_can_be_read_between_additions() {
    let mut c = corpus(&[OIL]);
    assert_eq!(c.result(&Limits::default()).documents.len(), 1);
    c.add(doc(LEADERS));
    let r = c.result(&Limits::default());
    assert_eq!(r.documents.len(), 2);
    assert!(!r.documents[0].distinctive.is_empty(), "now there is a rest to compare with");
}

#[test]
fn titles_default_to_the_first_words() {
    assert_eq!(first_words("\n  أ ب ت ث ج ح خ د ذ ر\nسطر"), "أ ب ت ث ج ح خ د");
    assert_eq!(first_words(""), "");
    let long = "x".repeat(100);
    assert_eq!(first_words(&long).chars().count(), 80);
}
