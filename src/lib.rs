//! Kashif (كاشف): an Arabic text analyzer.
//!
//! One call, [`analyze`], runs the whole chain — tokenize, normalize, segment clitics, stem,
//! then keywords and entities — and returns one [`Analysis`] whose spans point into the
//! original text as UTF-16 code units. The same function backs the CLI (`src/main.rs`), the
//! WebAssembly module (`src/wasm.rs`) and the page. [`Stream`] gives the same result for a
//! long text given in pieces, in memory bounded by the piece (see [`stream`]).

pub mod analysis;
pub mod compact;
pub mod corpus;
pub mod doc;
pub mod entities;
pub mod keywords;
pub mod lexicon;
pub mod morph;
pub mod offsets;
pub mod parallel;
pub mod pipeline;
pub mod str;
pub mod stream;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analysis::{Analysis, Entity, EntityGroup, Keyword, Options, OptionsError, Ranking, Segment, Span, Stats, Token};
pub use stream::{PieceResult, Stream};
pub use text::tokenize::Kind;

/// The crate's version, as reported in every result.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Analyzes `text`. Deterministic: the same text and options give the same result.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let doc = pipeline::doc(text, &options.normalize);
    let entities = if options.entities { entities::find(&doc) } else { Vec::new() };
    let entity_groups = entities::group::group(&entities);
    let keywords = if options.keywords { keywords::extract(&doc, &keywords::names(&entities, &entity_groups), options) } else { Vec::new() };
    let sentences = doc.sentence_spans();
    let stats = pipeline::stats(text, &doc.tokens, sentences.len());
    let tokens = doc.tokens;
    let mut a = Analysis { version: VERSION.to_string(), tokens, sentences, keywords, entities, entity_groups, stats };
    if !options.tokens {
        a.tokens = Vec::new();
    }
    offsets::to_utf16(text, &mut a);
    a
}
