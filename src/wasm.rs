//! WebAssembly bindings: type conversion only. The work is [`crate::analyze`] and, for a text
//! given in pieces, [`crate::Stream`] (the class `KashifStream`).
//!
//! `analyze(text, options?)` returns a plain JS object of the shape declared in
//! `src/analysis.d.ts` (UTF-16 offsets). Bad arguments throw a JS `Error` with a message that
//! says what was expected. A Rust panic is reported on the console by the panic hook; the
//! wasm instance that panicked must not be used again — the JS wrapper (`www/kashif-api.js`)
//! re-instantiates the module after a trap.

use crate::{Options, VERSION};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("analysis.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Installs the panic hook (runs once, when the module is instantiated).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!("kashif: internal error (a bug; please report it with the input): {info}"));
    }));
}

/// The analyzer's version.
#[wasm_bindgen]
pub fn version() -> String {
    VERSION.to_string()
}

/// Analyzes `text` with optional `options` (an object; see `Options` in the declarations).
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let (text, options) = arguments(text, options)?;
    let result = crate::analyze(&text, &options);
    result
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("analyze: cannot convert the result: {e}")))
}

/// Checks and converts the arguments of `analyze`.
fn arguments(text: JsValue, options: JsValue) -> Result<(String, Options), JsError> {
    let Some(text) = text.as_string() else {
        return Err(JsError::new(&format!("analyze(text, options): text must be a string, got {}", type_name(&text))));
    };
    Ok((text, options_argument(options, "analyze(text, options)")?))
}

/// Checks and converts an `options` argument of `call` (named in the error messages).
fn options_argument(options: JsValue, call: &str) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        Ok(Options::default())
    } else if !options.is_object() || js_sys::Array::is_array(&options) {
        Err(JsError::new(&format!("{call}: options must be an object, got {}", type_name(&options))))
    } else {
        // Through JSON, so that unknown fields are reported exactly as the CLI's --options does
        // (serde-wasm-bindgen only looks up the fields it knows).
        let json = js_sys::JSON::stringify(&options)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new(&format!("{call}: options cannot be converted to JSON")))?;
        Options::from_json(&json).map_err(|e| JsError::new(&format!("{call}: bad options: {e}")))
    }
}

/// A long text analyzed piece by piece ([`crate::Stream`]), with the result of one `analyze`
/// over the whole: `new KashifStream(options)`, `push(piece)` for each piece in order (cut
/// anywhere, even inside a surrogate pair), then `finish()`. `push` returns the tokens of the text
/// it could analyze (`PieceResult`, offsets into the whole text); `finish` returns the
/// `Analysis`, whose `tokens` are those no `push` returned. `pushJson` and `finishJson` return
/// the same as JSON text (parsed with one `JSON.parse`, as `analyzeJson`).
///
/// A piece that ends with the first half of a surrogate pair keeps that half for the next push
/// (a JS string converted to Rust turns a lone half into U+FFFD, one code unit, as `analyze`
/// does for the whole text).
#[wasm_bindgen]
pub struct KashifStream {
    stream: Option<crate::Stream>,
    /// The high surrogate that ended the last piece.
    high: Option<js_sys::JsString>,
}

#[wasm_bindgen]
impl KashifStream {
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue) -> Result<KashifStream, JsError> {
        let options = options_argument(options, "stream(options)")?;
        Ok(KashifStream { stream: Some(crate::Stream::new(&options)), high: None })
    }

    /// Adds the next piece; returns the tokens analyzed by it (`PieceResult`).
    #[wasm_bindgen(unchecked_return_type = "PieceResult")]
    pub fn push(&mut self, #[wasm_bindgen(unchecked_param_type = "string")] piece: JsValue) -> Result<JsValue, JsError> {
        let result = self.push_piece(piece)?;
        to_js(&PieceOut { tokens: &result.tokens }, "push")
    }

    /// [`push`](Self::push), the result as JSON text.
    #[wasm_bindgen(js_name = pushJson)]
    pub fn push_json(&mut self, #[wasm_bindgen(unchecked_param_type = "string")] piece: JsValue) -> Result<String, JsError> {
        let result = self.push_piece(piece)?;
        to_json(&PieceOut { tokens: &result.tokens }, "push")
    }

    /// The analysis of the whole text (its `tokens`: those no push returned). The stream is
    /// used up: a later call throws.
    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let result = self.finish_stream()?;
        to_js(&result, "finish")
    }

    /// [`finish`](Self::finish), the result as JSON text.
    #[wasm_bindgen(js_name = finishJson)]
    pub fn finish_json(&mut self) -> Result<String, JsError> {
        let result = self.finish_stream()?;
        to_json(&result, "finish")
    }
}

impl KashifStream {
    fn stream(&mut self, call: &str) -> Result<&mut crate::Stream, JsError> {
        self.stream.as_mut().ok_or_else(|| JsError::new(&format!("stream.{call}: the stream is finished; start a new one for another text")))
    }

    fn push_piece(&mut self, piece: JsValue) -> Result<crate::PieceResult, JsError> {
        self.stream("push(piece)")?;
        let Some(piece) = piece.dyn_ref::<js_sys::JsString>() else {
            return Err(JsError::new(&format!("stream.push(piece): piece must be a string, got {}", type_name(&piece))));
        };
        let mut piece = match self.high.take() {
            Some(high) => high.concat(piece),
            None => piece.clone(),
        };
        let n = piece.length();
        if n > 0 && (0xD800..0xDC00).contains(&(piece.char_code_at(n - 1) as u32)) {
            self.high = Some(piece.slice(n - 1, n));
            piece = piece.slice(0, n - 1);
        }
        let piece = String::from(piece);
        Ok(self.stream("push(piece)")?.push(&piece))
    }

    fn finish_stream(&mut self) -> Result<crate::Analysis, JsError> {
        let mut stream = self.stream.take().ok_or_else(|| JsError::new("stream.finish(): the stream is finished already; start a new one for another text"))?;
        if let Some(high) = self.high.take() {
            // a lone half at the very end: U+FFFD, as in the whole text
            let mut last = stream.push(&String::from(high));
            let mut result = stream.finish();
            last.tokens.append(&mut result.tokens);
            result.tokens = last.tokens;
            return Ok(result);
        }
        Ok(stream.finish())
    }
}

/// A `PieceResult` as JS sees it (src/analysis.d.ts).
#[derive(Serialize)]
struct PieceOut<'a> {
    tokens: &'a [crate::Token],
}

fn to_js<T: Serialize>(value: &T, call: &str) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&format!("stream.{call}: cannot convert the result: {e}")))
}

fn to_json<T: Serialize>(value: &T, call: &str) -> Result<String, JsError> {
    serde_json::to_string(value).map_err(|e| JsError::new(&format!("stream.{call}: cannot convert the result: {e}")))
}

/// Like [`analyze`], but returns the result as a JSON string. Turning one large string into
/// objects with `JSON.parse` is several times faster than building each object through the
/// bindings, so the JS API (`www/kashif-api.js`) uses this for its `analyze`.
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue,
) -> Result<String, JsError> {
    let (text, options) = arguments(text, options)?;
    let result = crate::analyze(&text, &options);
    serde_json::to_string(&result).map_err(|e| JsError::new(&format!("analyze: cannot convert the result: {e}")))
}

/// Tokens of `text` as typed arrays (`starts`, `ends`: Uint32Array of UTF-16 offsets; `kinds`:
/// Uint8Array of codes into `kinds_table`; `segment_counts`, `segment_starts`): the fast path for
/// long texts, with no object per token.
#[wasm_bindgen(js_name = tokensCompact, unchecked_return_type = "CompactTokens")]
pub fn tokens_compact(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsError> {
    let Some(text) = text.as_string() else {
        return Err(JsError::new(&format!("tokensCompact(text): text must be a string, got {}", type_name(&text))));
    };
    let c = crate::compact::tokens(&text);
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&o, &JsValue::from_str(k), v).map(|_| ());
    let kinds = js_sys::Array::new();
    for k in crate::compact::KINDS {
        kinds.push(&JsValue::from_str(k.as_str()));
    }
    (|| -> Result<(), JsValue> {
        set("starts", &js_sys::Uint32Array::from(&c.starts[..]).into())?;
        set("ends", &js_sys::Uint32Array::from(&c.ends[..]).into())?;
        set("kinds", &js_sys::Uint8Array::from(&c.kinds[..]).into())?;
        set("segment_counts", &js_sys::Uint32Array::from(&c.segment_counts[..]).into())?;
        set("segment_starts", &js_sys::Uint32Array::from(&c.segment_starts[..]).into())?;
        set("kinds_table", &kinds.into())
    })()
    .map_err(|_| JsError::new("tokensCompact: cannot build the result object"))?;
    Ok(o.into())
}

/// Deliberately panics. Used only by the tests that prove the JS wrapper recovers from a trap.
#[wasm_bindgen(js_name = "__panicForTests")]
pub fn panic_for_tests() {
    panic!("deliberate panic for the recovery test");
}

fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "unknown".into())
    }
}

/// A corpus ([`crate::corpus::Corpus`]): `new KashifCorpus(options)`, `add(doc)` for each
/// document (`{text, id?, title?, date?}`; returns its index), then `resultJson(limits)`,
/// `trendJson(query)`, `kwicJson(query, width, limit)` and `text(index)` at any time. The JS API
/// wraps it as `kashif.corpus(options)` (www/kashif-api.js); the results' shapes are declared
/// in `src/corpus.d.ts`.
#[wasm_bindgen]
pub struct KashifCorpus {
    corpus: crate::corpus::Corpus,
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CORPUS: &'static str = include_str!("corpus.d.ts");

#[wasm_bindgen]
impl KashifCorpus {
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "CorpusOptions | undefined")] options: JsValue) -> Result<KashifCorpus, JsError> {
        let options: crate::corpus::CorpusOptions = object_argument(options, "corpus(options)")?;
        Ok(KashifCorpus { corpus: crate::corpus::Corpus::new(options) })
    }

    /// Analyzes and adds one document; returns its index.
    pub fn add(&mut self, #[wasm_bindgen(unchecked_param_type = "CorpusDocument")] doc: JsValue) -> Result<u32, JsError> {
        if !doc.is_object() {
            return Err(JsError::new(&format!("corpus.add(doc): doc must be an object {{text, id?, title?, date?}}, got {}", type_name(&doc))));
        }
        let doc: crate::corpus::Document = serde_wasm_bindgen::from_value(doc).map_err(|e| JsError::new(&format!("corpus.add(doc): {e}; doc is {{text: string, id?: string, title?: string, date?: string}}")))?;
        Ok(self.corpus.add(doc))
    }

    /// Documents added so far.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.corpus.len() as u32
    }

    /// The views of the documents added so far (`CorpusResult`), as JSON text.
    #[wasm_bindgen(js_name = resultJson)]
    pub fn result_json(&self, #[wasm_bindgen(unchecked_param_type = "CorpusLimits | undefined")] limits: JsValue) -> Result<String, JsError> {
        let limits: crate::corpus::Limits = object_argument(limits, "corpus.result(limits)")?;
        to_json(&self.corpus.result(&limits), "result")
    }

    /// A keyword's or a name's trend (`Trend`, or null when nothing matches), as JSON text.
    #[wasm_bindgen(js_name = trendJson)]
    pub fn trend_json(&self, query: &str) -> Result<String, JsError> {
        to_json(&self.corpus.trend(query), "trend")
    }

    /// A keyword's contexts across the documents (`Context[]`), as JSON text.
    #[wasm_bindgen(js_name = kwicJson)]
    pub fn kwic_json(&self, query: &str, width: u32, limit: u32) -> Result<String, JsError> {
        to_json(&self.corpus.kwic(query, width as usize, limit as usize), "kwic")
    }

    /// The text of document `index` (undefined when out of range or contexts are off).
    pub fn text(&self, index: u32) -> Option<String> {
        self.corpus.text(index as usize).map(str::to_string)
    }
}

/// An optional options-like object argument of `call`, deserialized through JSON (unknown fields
/// reported, as for `Options`).
fn object_argument<T: serde::de::DeserializeOwned + Default>(value: JsValue, call: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(JsError::new(&format!("{call}: must be an object, got {}", type_name(&value))));
    }
    let json = js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string()).ok_or_else(|| JsError::new(&format!("{call}: cannot be converted to JSON")))?;
    serde_json::from_str(&json).map_err(|e| JsError::new(&format!("{call}: {e}")))
}
