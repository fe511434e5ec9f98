//! Training and evaluation of Kashif's entity tagger: the `kashif-train` command and the code
//! behind it. A workspace member of its own, so that the product library (and its wasm) holds
//! only what runs at analysis time: model loading, features and decoding.
//!
//! The trainer computes features with the library's own functions
//! ([`kashif::entities::tagger`]), never with a copy: a model is only as good as the match
//! between the features it was trained on and those it is run on. The model file records the
//! feature-template version it was trained with ([`kashif::entities::tagger::FEATURES_VERSION`]).
//!
//! - [`conll`]: reading ANERcorp-style CoNLL files and projecting their labels onto the
//!   analyzer's tokens;
//! - [`train`]: the training run (bags of perceptrons mixed with a CRF, quantization, the
//!   training-word memory), with [`perceptron`] and [`crf`] the two objectives;
//! - [`eval`]: entity-level scores, conlleval style;
//! - [`brown`], [`unlabeled`], [`clusters`]: Brown word clusters of unlabeled text (the
//!   algorithm, reading and keying the text, the table `data/clusters.bin`);
//! - [`cli`]: the `train-ner`, `eval-ner` and `clusters` commands.

pub mod brown;
pub mod clusters;
pub mod cli;
pub mod conll;
pub mod crf;
pub mod eval;
pub mod perceptron;
pub mod train;
pub mod unlabeled;
pub mod wikifane;

/// The vendored ANERcorp training file, relative to the project's root: what `train-ner`
/// reads by default and what the shipped model is trained on.
pub const DEFAULT_DATA: &str = "data/sources/anercorp-train.conll";

/// WikiFANE Gold (CC BY-SA 3.0), relative to the project's root: the second training corpus and
/// the cross-domain dev split ([`wikifane`]).
pub const DEFAULT_WIKI: &str = "data/sources/wikifane-gold.conll.gz";

/// Where `train-ner` writes the model by default, relative to the project's root.
pub const DEFAULT_MODEL: &str = "data/ner.model";
