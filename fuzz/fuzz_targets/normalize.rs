//! Fuzzes the normalizer: never panics, idempotent, and with every rule off it is the identity.
#![no_main]

use kashif::text::normalize::{normalize, NormOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for o in [NormOptions::key(), NormOptions::display()] {
        let once = normalize(text, &o);
        assert_eq!(normalize(&once, &o), once, "idempotent");
    }
    let off = NormOptions::none();
    assert_eq!(normalize(text, &off), text);
});
