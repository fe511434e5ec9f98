//! Keywords through the public API: grouping, stopwords behind clitics, phrases, keyness, and
//! the seed article's targets. Offsets are UTF-16, as the page receives them.

use kashif::{analyze, Keyword, Options, Ranking};

const SEED: &str = include_str!("../www/samples/seed-article-ar.txt");

fn keywords(text: &str, options: &Options) -> Vec<Keyword> {
    analyze(text, &Options { entities: false, ..options.clone() }).keywords
}

fn all(text: &str) -> Vec<Keyword> {
    keywords(text, &Options { top_n: 0, ..Options::default() })
}

fn find<'a>(ks: &'a [Keyword], text: &str) -> Option<&'a Keyword> {
    ks.iter().find(|k| k.text == text)
}

/// The UTF-16 slice `start..end` of `text`.
fn slice(text: &str, start: u32, end: u32) -> String {
    let u: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&u[start as usize..end as usize]).unwrap()
}

#[test]
fn clitic_forms_group_under_the_clean_form() {
    let ks = all("زار روسيا. وروسيا كبيرة. بروسيا مدن. لأسلحة أسلحة الأسلحة بأسلحة");
    let r = find(&ks, "روسيا").expect("روسيا");
    assert_eq!(r.count, 3);
    assert_eq!(r.kind, "word");
    let a = ks.iter().find(|k| k.variants.iter().any(|v| v.text == "الأسلحة")).expect("أسلحة");
    assert_eq!(a.count, 4);
    assert_eq!(a.text, "أسلحة");
    assert!(ks.iter().all(|k| !k.text.starts_with('و') && !k.text.starts_with("بر")));
}

#[test]
fn display_keeps_hamza_spelling() {
    let ks = all("أوكرانيا وأوكرانيا لأوكرانيا اوكرانيا");
    let k = &ks[0];
    assert_eq!(k.text, "أوكرانيا");
    assert_eq!(k.count, 4);
    assert!(k.variants.iter().any(|v| v.text == "اوكرانيا" && v.count == 1));
}

#[test]
fn stopwords_behind_clitics_are_dropped() {
    let ks = all("وفي بأن إنه والتي لذلك فإن ولكن وهذا عليهم ومنها وقال بأنه وفيما");
    assert!(ks.is_empty(), "{:?}", ks.iter().map(|k| &k.text).collect::<Vec<_>>());
}

#[test]
fn finite_verbs_are_not_keywords_and_end_phrases() {
    // «يهددون» and «تستضيف» occur three times each, more than any noun here; a phrase stops at
    // them («الرياض تستضيف» is not one) while nouns and names around them are kept.
    let text = "المهاجرون يهددون النسيج الاجتماعي. المهاجرون يهددون النسيج الاجتماعي. ويهددون الأمن. \
                الرياض تستضيف البطولة. الرياض تستضيف المعرض. تستضيف نجران الندوة.";
    let ks = all(text);
    let shown: Vec<&str> = ks.iter().map(|k| k.text.as_str()).collect();
    assert!(shown.iter().all(|k| !k.contains("يهددون") && !k.contains("تستضيف")), "{shown:?}");
    assert_eq!(find(&ks, "النسيج الاجتماعي").map(|k| k.count), Some(2), "{shown:?}");
    assert_eq!(find(&ks, "الرياض").map(|k| k.count), Some(2), "{shown:?}");
    assert!(find(&ks, "نجران").is_some(), "{shown:?}");
    // the same words as nouns stay: «تقديم» and «التعاون» are no verbs
    let ks = all("تقديم الطلبات. تقديم الطلبات. التعاون مهم. التعاون مهم.");
    assert!(find(&ks, "تقديم").is_some() && find(&ks, "التعاون").is_some());
}

#[test]
fn stopword_options_apply() {
    let o = Options { stopwords_add: vec!["روسيا".into()], ..Options::default() };
    assert!(find(&keywords("روسيا وروسيا موسكو", &o), "روسيا").is_none());
    let o = Options { stopwords_remove: vec!["قال".into()], ..Options::default() };
    assert!(find(&keywords("قال قال موسكو", &o), "قال").is_some());
}

#[test]
fn phrases_do_not_cross_punctuation_or_sentences() {
    let joined = "أعلن البيت الأبيض القرار. رحب البيت الأبيض بالخطوة. انتقد البيت الأبيض الموقف.";
    let ks = all(joined);
    let p = find(&ks, "البيت الأبيض").expect("phrase");
    assert_eq!(p.kind, "phrase");
    assert_eq!(p.count, 3);
    // The words occur only inside the phrase: not listed again on their own.
    assert!(find(&ks, "البيت").is_none() && find(&ks, "الأبيض").is_none());
    let split = "زار البيت. الأبيض لون. في البيت، الأبيض جميل. البيت\nالأبيض";
    assert!(all(split).iter().all(|k| k.kind == "word"));
}

#[test]
fn phrase_occurrence_starts_after_the_proclitic() {
    let text = "قال مجلس الأمن الدولي كلمته. ولمجلس الأمن الدولي دور. بيان مجلس الأمن الدولي واضح.";
    let ks = all(text);
    let p = ks.iter().find(|k| k.kind == "phrase").expect("phrase");
    assert_eq!(p.text, "مجلس الأمن الدولي");
    assert_eq!(p.count, 3);
    for o in &p.occurrences {
        assert_eq!(slice(text, o.start, o.end), "مجلس الأمن الدولي");
    }
    let o = Options { max_ngram: 1, top_n: 0, ..Options::default() };
    assert!(keywords(text, &o).iter().all(|k| k.kind == "word"));
}

#[test]
fn keyness_prefers_rare_words_frequency_prefers_counts() {
    // الرئيس is common in general Arabic, بيسكوف is not; الرئيس occurs more often here.
    let text = "الرئيس الرئيس الرئيس بيسكوف بيسكوف";
    let ks = keywords(text, &Options { ranking: Ranking::Keyness, ..Options::default() });
    assert_eq!(ks[0].text, "بيسكوف");
    assert!(ks[0].score > ks[1].score);
    let ks = keywords(text, &Options { ranking: Ranking::Frequency, ..Options::default() });
    assert_eq!(ks[0].text, "الرئيس");
    assert_eq!(ks[0].score, 3.0);
}

#[test]
fn the_blend_prefers_what_comes_first() {
    // «الميناء» and «المطار» occur twice each, equally rare; the first sentence has الميناء only.
    // Keyness cannot tell them apart (it lists the first seen first on a tie): the blend puts
    // الميناء first by its position part, whatever the order of the later mentions.
    let text = "افتتح الوزير الميناء. ثم زار المطار. وتحدث عن المطار. وعاد إلى الميناء.";
    let o = Options { explain: true, ..Options::default() };
    let ks = keywords(text, &o);
    let (port, airport) = (find(&ks, "الميناء").expect("الميناء"), find(&ks, "المطار").expect("المطار"));
    assert!(port.score > airport.score, "{} {}", port.score, airport.score);
    let (ep, ea) = (port.explain.as_ref().unwrap(), airport.explain.as_ref().unwrap());
    assert_eq!((ep.first_sentence, ea.first_sentence, ep.of_sentences), (0, 1, 4));
    assert_eq!((ep.sentences, ea.sentences), (2, 2));
    assert!(ep.parts.position > ea.parts.position);
    // the parts add up to the score
    for k in &ks {
        let p = &k.explain.as_ref().unwrap().parts;
        let sum = p.count + p.position + p.spread + p.name + p.rarity + p.phrase;
        assert!((sum - k.score).abs() < 1e-9, "{}: {sum} vs {}", k.text, k.score);
    }
    // without the option, no explanation (the JSON has no "explain" field)
    assert!(keywords(text, &Options::default()).iter().all(|k| k.explain.is_none()));
}

#[test]
fn ranking_option_parses() {
    let o: Options = serde_json::from_str(r#"{"ranking":"frequency","max_ngram":3,"top_n":5,"min_count":2}"#).unwrap();
    assert_eq!(o.ranking, Ranking::Frequency);
    assert_eq!(Options::default().ranking, Ranking::Blend);
    for (name, r) in [("blend", Ranking::Blend), ("keyness", Ranking::Keyness)] {
        let o: Options = serde_json::from_str(&format!(r#"{{"ranking":"{name}"}}"#)).unwrap();
        assert_eq!(o.ranking, r);
    }
    assert_eq!(o.max_ngram, 3);
    assert!(serde_json::from_str::<Options>(r#"{"ranking":"other"}"#).is_err());
    assert!(serde_json::from_str::<Options>(r#"{"rank":"frequency"}"#).is_err());
}

#[test]
fn min_count_and_top_n() {
    let text = "موسكو موسكو موسكو كييف كييف لندن";
    let ks = keywords(text, &Options { min_count: 2, ..Options::default() });
    assert_eq!(ks.len(), 2);
    let ks = keywords(text, &Options { top_n: 1, ..Options::default() });
    assert_eq!(ks.len(), 1);
}

#[test]
fn seed_article_by_keyness() {
    let ks = keywords(SEED, &Options::default());
    let top10: Vec<&str> = ks.iter().take(10).map(|k| k.text.as_str()).collect();
    for want in ["روسيا", "كوريا الشمالية", "بوتين", "أوكرانيا"] {
        assert!(top10.contains(&want), "{want} not in {top10:?}");
    }
    assert!(ks.iter().take(10).any(|k| k.key.contains("سلحه") && k.kind == "word"), "{top10:?}");
    let korea = find(&ks, "كوريا الشمالية").unwrap();
    assert_eq!(korea.kind, "phrase");
    assert_eq!(korea.count, 8);
    assert!(korea.variants.iter().any(|v| v.text == "کوریا الشمالیة"));
    assert_eq!(find(&ks, "روسيا").unwrap().count, 16);
    // كوريا and الشمالية occur only in the phrase.
    assert!(find(&ks, "كوريا").is_none() && find(&ks, "الشمالية").is_none());
}

#[test]
fn a_name_takes_one_place() {
    // «فلاديمير بوتين» (twice) and «بوتين» (six times, the two included) are one entity group:
    // the blend lists بوتين once; keyness, which knows no names, lists both. (The names are
    // the entities': without them the blend cannot tell.)
    let all = Options { top_n: 0, ..Options::default() };
    let ks = analyze(SEED, &all).keywords;
    assert!(find(&ks, "بوتين").is_some());
    assert!(find(&ks, "فلاديمير بوتين").is_none());
    assert!(find(&keywords(SEED, &all), "فلاديمير بوتين").is_some(), "entities off");
    let ks = analyze(SEED, &Options { ranking: Ranking::Keyness, ..all }).keywords;
    assert!(find(&ks, "بوتين").is_some() && find(&ks, "فلاديمير بوتين").is_some());
}

#[test]
fn seed_article_has_no_stopword_in_top_20() {
    let stop = kashif::keywords::stopword_keys(&Options::default());
    for ranking in [Ranking::Blend, Ranking::Keyness, Ranking::Frequency] {
        let ks = keywords(SEED, &Options { ranking, ..Options::default() });
        for k in ks.iter().take(20) {
            for w in k.text.split(' ') {
                let key = kashif::lexicon::key(w);
                assert!(!stop.contains(&key), "{} in top 20 ({ranking:?})", k.text);
            }
        }
    }
}

#[test]
fn seed_article_occurrences_are_exact() {
    let ks = keywords(SEED, &Options { top_n: 0, ..Options::default() });
    for k in &ks {
        assert_eq!(k.occurrences.len() as u32, k.count, "{}", k.text);
        for o in &k.occurrences {
            let s = slice(SEED, o.start, o.end);
            let clean: String = s.chars().filter(|c| *c != '\u{640}').collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
            // A base cut before a pronoun suffix is shown in its free form (مشاركت|ها → مشاركة).
            let free: String = match clean.chars().last() {
                Some('ت') => format!("{}ة", clean.strip_suffix('ت').unwrap()),
                Some(c @ ('ئ' | 'ؤ')) => format!("{}ء", clean.strip_suffix(c).unwrap()),
                _ => clean.clone(),
            };
            assert!(k.variants.iter().any(|v| [&clean, &free].iter().any(|c| v.text == **c || v.text == format!("ا{c}"))), "{}: {s:?}", k.text);
        }
    }
}

#[test]
fn suffixed_bases_show_their_free_form() {
    // لقائه، يقظته، حلفائه: the base before the pronoun is shown and grouped as the free word.
    let ks = all("أكد خلال لقائه بالوفد أن اللقاء مثمر. وأشاد بيقظته ويقظة رجال الأمن. التقى حلفائه من الحلفاء.");
    let texts: Vec<&str> = ks.iter().map(|k| k.text.as_str()).collect();
    for frag in ["لقائ", "يقظت", "حلفائ"] {
        assert!(!texts.contains(&frag), "{frag} in {texts:?}");
    }
    let y = ks.iter().find(|k| k.text == "يقظة").expect("يقظة");
    assert_eq!(y.count, 2);
    assert!(ks.iter().any(|k| k.text == "لقاء" || k.variants.iter().any(|v| v.text == "لقاء")), "{texts:?}");
}

#[test]
fn years_with_an_era_letter_are_not_keywords() {
    let ks = all("افتتح المشروع عام 2010م وتوسع عام 2015م ثم 1435هـ و1436هـ والمشروع مستمر 2010م");
    assert!(ks.iter().all(|k| !k.text.chars().any(|c| c.is_ascii_digit())), "{:?}", ks.iter().map(|k| &k.text).collect::<Vec<_>>());
}

#[test]
fn english_function_words_are_dropped() {
    let ks = all("The Ministry of Finance and the Central Bank. The report of the bank.");
    let texts: Vec<String> = ks.iter().map(|k| k.text.to_lowercase()).collect();
    for w in ["the", "of", "and"] {
        assert!(!texts.iter().any(|t| t == w), "{w} in {texts:?}");
    }
    assert!(texts.iter().any(|t| t.contains("bank")), "{texts:?}");
}

#[test]
fn honorifics_are_not_keywords() {
    let ks = all("استقبل صاحب السمو الملكي الأمير سلمان معالي الوزير وفضيلة الشيخ. وشكر سموه صاحب السمو معالي الوزير.");
    let texts: Vec<&str> = ks.iter().map(|k| k.text.as_str()).collect();
    for w in ["سمو", "السمو", "صاحب", "معالي", "فضيلة", "صاحب السمو"] {
        assert!(!texts.contains(&w), "{w} in {texts:?}");
    }
}

#[test]
fn nisba_adjectives_group_masculine_and_feminine() {
    let ks = all("الحكومة الروسية والجيش الروسي. الصحافة الروسية تنقل عن المسؤول الروسي.");
    let r = ks.iter().find(|k| k.variants.iter().any(|v| v.text == "الروسية")).expect("الروسية");
    assert_eq!(r.count, 4);
    assert!(r.variants.iter().any(|v| v.text == "الروسي"));
    assert!(r.text == "الروسية" || r.text == "الروسي");
}

#[test]
fn phrases_end_at_a_word_with_tanween() {
    // «محققاً» (indefinite accusative) ends its phrase; «اتصالاً هاتفياً» (noun + adjective) holds.
    let text = "بلغت المبيعات مليون ريال محققاً زيادة في القيمة. وبلغت الصادرات ألف ريال محققاً زيادة في الوزن. \
                أجرى الأمير اتصالاً هاتفياً بالرئيس. وتلقى اتصالاً هاتفياً من الوزير.";
    let ks = all(text);
    let phrases: Vec<&str> = ks.iter().filter(|k| k.kind == "phrase").map(|k| k.text.as_str()).collect();
    assert!(phrases.iter().all(|p| !p.contains("محققاً")), "{phrases:?}");
    assert!(phrases.contains(&"اتصالاً هاتفياً"), "{phrases:?}");
}

#[test]
fn name_parts_join_names_but_are_never_keywords_or_phrase_ends() {
    let text = "استقبل محمد بن سلمان الوفد. وقال محمد بن سلمان إن الزيارة مهمة. وأكد محمد بن سلمان ذلك. \
                وصل الوفد إلى أبو ظبي. ثم غادر أبو ظبي. وعاد إلى أبو ظبي مساء. التقى بن زايد وبن راشد وبن حمد. \
                وحضر بن علي وبن عمر وبن خالد وبن سعد.";
    let ks = all(text);
    let texts: Vec<&str> = ks.iter().map(|k| k.text.as_str()).collect();
    assert!(texts.contains(&"محمد بن سلمان"), "{texts:?}");
    assert!(texts.contains(&"أبو ظبي"), "{texts:?}");
    for k in &ks {
        let words: Vec<&str> = k.text.split(' ').collect();
        assert!(!["بن", "أبو"].contains(words.last().unwrap()), "{} ends with a name part", k.text);
        assert_ne!(words[0], "بن", "{} starts with بن", k.text);
        assert!(!["بن", "وبن", "أبو"].contains(&k.text.as_str()), "{} listed alone", k.text);
    }
}

#[test]
fn titles_begin_phrases_but_never_continue_or_end_them() {
    // «محافظ الطائف العقيد ناصر»: the governor's title and the colonel's name are two phrases;
    // «جامعة الملك سعود» keeps الملك inside (an institution's name), but no phrase ends on it.
    let text = "قال محافظ الطائف العقيد ناصر إن العمل مستمر. وأكد محافظ الطائف العقيد ناصر ذلك. \
                وزار محافظ الطائف العقيد ناصر الموقع. وتحدث مدير جامعة الملك سعود. وافتتح مدير جامعة الملك سعود المعرض. \
                وحضر مدير جامعة الملك سعود الحفل. وشكر الحضور خادم الحرمين الشريفين الملك. ورحب خادم الحرمين الشريفين الملك بهم. \
                وأثنى خادم الحرمين الشريفين الملك على الجهود.";
    let ks = all(text);
    let texts: Vec<&str> = ks.iter().map(|k| k.text.as_str()).collect();
    assert!(texts.contains(&"العقيد ناصر"), "{texts:?}");
    assert!(texts.contains(&"محافظ الطائف"), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("جامعة الملك سعود")), "{texts:?}");
    assert!(texts.contains(&"خادم الحرمين الشريفين"), "{texts:?}");
    for k in &ks {
        let words: Vec<&str> = k.text.split(' ').collect();
        assert!(!words[1..].contains(&"العقيد"), "{} continues with a title", k.text);
        assert_ne!(*words.last().unwrap(), "الملك", "{} ends with a title", k.text);
        assert!(!["العقيد", "الملك"].contains(&k.text.as_str()), "{} listed alone", k.text);
    }
}
