//! `set_without` (`kashif-train train-ner --without`) changes the tagger's features, and only
//! those of the family it names. The switch is process-wide, so this file holds one test: cargo
//! runs each test file as its own process, and no other test sees the switch set.

use kashif::entities::tagger::{extract, set_without, words, Memory, Store, WITHOUT_CLUSTERS, WITHOUT_WIKICATS};

/// Per token of `text`: its flags, its cluster prefixes and its sorted feature buckets.
fn features(text: &str) -> Vec<(u32, [u64; 3], Vec<u32>)> {
    let tokens = kashif::pipeline::tokens(text, &Default::default());
    let mut store = Store::default();
    let ws = words(&tokens, &Memory::default(), &[], &mut store);
    (0..ws.len())
        .map(|i| {
            let mut out = Vec::new();
            extract(&ws, i, (1 << 22) - 1, &mut out);
            out.sort_unstable();
            (ws[i].flags, ws[i].cl, out)
        })
        .collect()
}

#[test]
fn without_leaves_out_one_family_at_a_time() {
    // «بيونغ يانغ» is in the ArWikiCats cities and the cluster table knows «مدينة» and «روسيا»
    let text = "وصل الوفد إلى مدينة بيونغ يانغ قادما من روسيا";
    let all = features(text);
    assert!(all.iter().any(|(_, cl, _)| *cl != [0; 3]), "some word has a cluster");

    set_without(WITHOUT_CLUSTERS);
    let no_clusters = features(text);
    assert!(no_clusters.iter().all(|(_, cl, _)| *cl == [0; 3]), "no word has a cluster");
    assert!(all.iter().zip(&no_clusters).all(|(a, b)| a.0 == b.0), "the flags stay");
    assert!(all.iter().zip(&no_clusters).any(|(a, b)| a.2 != b.2), "the features change");

    set_without(WITHOUT_WIKICATS);
    let no_lists = features(text);
    assert!(all.iter().zip(&no_lists).all(|(a, b)| a.1 == b.1), "the clusters stay");
    // each token's flags lose bits or stay; «بيونغ» and «يانغ» lose their city flags
    assert!(all.iter().zip(&no_lists).all(|(a, b)| b.0 & !a.0 == 0));
    assert!(all.iter().zip(&no_lists).filter(|(a, b)| a.0 != b.0).count() >= 2, "the list words lose flags");
    assert!(all.iter().zip(&no_lists).any(|(a, b)| a.2 != b.2), "the features change");

    set_without(0);
    assert_eq!(features(text), all, "switched back, the shipped features");
}
