//! The statistical tagger's parts that training shares with analysis, public for the training
//! crate (`train/`, `kashif-train`): the feature extraction, the gazetteer places it reads, the
//! model and its file format, decoding, and the tagger run with a given model. Training
//! computes features with these very functions, never a copy of them: a model is only as good
//! as the match between the features it was trained on and those it is run on
//! ([`FEATURES_VERSION`] records which).

pub use super::features::{extract, nl_key, set_without, word_hash, words, Memory, Store, Word, FEATURES_VERSION, WITHOUT_CLUSTERS, WITHOUT_WIKICATS};
pub use super::nonlocal::{gather, Nl};
pub use crate::text::clitics::strip_safe;
pub use super::gazetteer::places;
pub use super::model::{allowed, tag_info, tag_of, viterbi, Model, ModelError, FORMAT_VERSION, RETRAIN, START, TAGS, TYPES};
pub use super::{find_passes, find_with, first_pass_tags, shipped_model, shipped_model_status, Merge};
