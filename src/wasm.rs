//! WebAssembly bindings: type conversion only. The work is [`crate::analyze`].
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
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(JsError::new(&format!("analyze(text, options): options must be an object, got {}", type_name(&options))));
    } else {
        // Through JSON, so that unknown fields are reported exactly as the CLI's --options does
        // (serde-wasm-bindgen only looks up the fields it knows).
        let json = js_sys::JSON::stringify(&options)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("analyze(text, options): options cannot be converted to JSON"))?;
        serde_json::from_str(&json).map_err(|e| JsError::new(&format!("analyze(text, options): bad options: {e}")))?
    };
    Ok((text, options))
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
