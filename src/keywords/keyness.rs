//! Keyness: how much more often a word occurs here than in general Arabic.
//!
//! The background is the word's Zipf frequency in general Arabic (wordfreq; Zipf = log10 of
//! occurrences per billion words). A word group's background probability is the sum over the
//! distinct clean keys seen in the text (الأسلحة and أسلحة both count for the group); a key
//! general Arabic does not know gets [`UNKNOWN_ZIPF`], a little below the rarest listed form.
//! A phrase gets half the probability of its rarest word (a phrase is never more common than
//! its words, and usually much less common than the rarest one alone).
//!
//! The score is Dunning's log-likelihood G² of the observed count against the expected count
//! (the text's word count times the background probability), treating the background as a
//! very large corpus; it is negative when the word is rarer here than expected.

/// The Zipf frequency assumed for keys absent from the background list (its rarest forms are
/// about 2.2).
pub const UNKNOWN_ZIPF: f64 = 2.0;
/// A phrase's background probability, as a share of its rarest word's.
pub const PHRASE_SHARE: f64 = 0.5;

/// No key's background probability is below this (a listed form's Zipf value is at least 0,
/// an unlisted one's is [`UNKNOWN_ZIPF`]): the bound behind skipping words that cannot rank.
pub const MIN_PROBABILITY: f64 = 1e-9;

/// Zipf frequency of a matching key in general Arabic (None: not among the listed forms).
pub fn zipf(key: &str) -> Option<f32> {
    crate::lexicon::wordfreq::zipf(key)
}

/// Probability of a word with this Zipf frequency (None = unknown).
pub fn probability(zipf: Option<f32>) -> f64 {
    libm::pow(10.0, zipf.map_or(UNKNOWN_ZIPF, |z| z as f64) - 9.0)
}

/// Signed log-likelihood G² of `count` occurrences in `n` words against background
/// probability `p`.
pub fn log_likelihood(count: u32, n: usize, p: f64) -> f64 {
    let (c, n) = (count as f64, (n as f64).max(count as f64));
    let e = (n * p).max(1e-12);
    if c == 0.0 {
        return -2.0 * e;
    }
    let rest = n - c;
    let e_rest = (n - e).max(1e-12);
    let mut g = c * libm::log(c / e);
    if rest > 0.0 {
        g += rest * libm::log(rest / e_rest);
    }
    let g = 2.0 * g.max(0.0);
    if c >= e {
        g
    } else {
        -g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarer_background_is_more_key() {
        let n = 1000;
        let common = log_likelihood(5, n, probability(Some(6.0)));
        let rare = log_likelihood(5, n, probability(Some(4.0)));
        let unknown = log_likelihood(5, n, probability(None));
        assert!(rare > common && unknown > rare, "{common} {rare} {unknown}");
    }

    #[test]
    fn min_probability_bounds_every_key() {
        assert!(probability(Some(0.0)) >= MIN_PROBABILITY && probability(None) >= MIN_PROBABILITY);
        // Keyness only grows as the background gets rarer, so the bound is an upper bound.
        for c in [1, 2, 5, 40] {
            assert!(log_likelihood(c, 5000, MIN_PROBABILITY) >= log_likelihood(c, 5000, probability(Some(0.0))));
        }
    }

    #[test]
    fn more_occurrences_are_more_key() {
        let p = probability(Some(4.0));
        assert!(log_likelihood(10, 1000, p) > log_likelihood(3, 1000, p));
    }

    #[test]
    fn underused_words_are_negative() {
        // في is about 3% of general Arabic; once in 1000 words is far below that.
        assert!(log_likelihood(1, 1000, probability(Some(7.54))) < 0.0);
    }
}
