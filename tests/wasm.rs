//! wasm-bindgen tests: the bindings as JavaScript sees them. Run under Node and in headless
//! Chromium by `./kashif test`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use kashif::wasm::{analyze, analyze_json, version, KashifStream};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

#[wasm_bindgen_test]
fn returns_a_plain_object_with_utf16_offsets() {
    let text = "😀 وروسيا";
    let r = analyze(JsValue::from_str(text), JsValue::UNDEFINED).unwrap();
    assert!(r.is_object());
    let tokens: Array = get(&r, "tokens").dyn_into().unwrap();
    assert_eq!(tokens.length(), 2);
    let t1 = tokens.get(1);
    // 😀 is two UTF-16 code units, then a space.
    assert_eq!(get(&t1, "start").as_f64(), Some(3.0));
    assert_eq!(get(&t1, "end").as_f64(), Some(9.0));
    assert_eq!(get(&t1, "kind").as_string().as_deref(), Some("arabic"));
    let ents: Array = get(&r, "entities").dyn_into().unwrap();
    assert_eq!(get(&ents.get(0), "start").as_f64(), Some(4.0));
    assert_eq!(get(&ents.get(0), "type").as_string().as_deref(), Some("LOC"));
    // Plain objects, not Maps: JSON.stringify sees every field.
    let json = JSON::stringify(&r).unwrap().as_string().unwrap();
    assert!(json.contains("\"stats\""), "{json}");
}

#[wasm_bindgen_test]
fn options_object_is_read() {
    let opts = Object::new();
    Reflect::set(&opts, &"entities".into(), &JsValue::FALSE).unwrap();
    let r = analyze(JsValue::from_str("روسيا"), opts.into()).unwrap();
    let ents: Array = get(&r, "entities").dyn_into().unwrap();
    assert_eq!(ents.length(), 0);
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors_with_messages() {
    let e = analyze(JsValue::from_f64(1.0), JsValue::UNDEFINED).unwrap_err();
    let e: JsValue = e.into();
    let msg = get(&e, "message").as_string().unwrap();
    assert!(msg.contains("text must be a string"), "{msg}");
    let opts = Object::new();
    Reflect::set(&opts, &"no_such_option".into(), &JsValue::TRUE).unwrap();
    let e: JsValue = analyze(JsValue::from_str("x"), opts.into()).unwrap_err().into();
    let msg = get(&e, "message").as_string().unwrap();
    assert!(msg.contains("unknown field `no_such_option`"), "{msg}");
    // Still works afterwards.
    assert!(analyze(JsValue::from_str("x"), JsValue::NULL).is_ok());
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

/// `pieces` pushed into a `KashifStream` (the JSON path), the tokens of every push put back in
/// front of finish's: the JSON of the whole analysis.
fn streamed_json(pieces: &[JsValue]) -> String {
    let mut s = KashifStream::new(JsValue::UNDEFINED).unwrap();
    let mut tokens: Vec<serde_json::Value> = Vec::new();
    for p in pieces {
        let out: serde_json::Value = serde_json::from_str(&s.push_json(p.clone()).unwrap()).unwrap();
        tokens.extend(out["tokens"].as_array().unwrap().iter().cloned());
    }
    let mut result: serde_json::Value = serde_json::from_str(&s.finish_json().unwrap()).unwrap();
    tokens.extend(result["tokens"].as_array().unwrap().iter().cloned());
    result["tokens"] = serde_json::Value::Array(tokens);
    result.to_string()
}

/// The JS string `s` cut at UTF-16 offset `at` (maybe inside a surrogate pair).
fn cut(s: &js_sys::JsString, at: u32) -> [JsValue; 2] {
    [s.slice(0, at).into(), s.slice(at, s.length()).into()]
}

#[wasm_bindgen_test]
fn a_stream_over_pieces_is_the_whole_analysis() {
    let text = "😀 قال بوتين إن روسيا ستدعم كوريا.\n𝐀 وأضاف بوتين أن موسكو مستعدة.\nآخر 😀";
    let whole = analyze_json(JsValue::from_str(text), JsValue::UNDEFINED).unwrap();
    let whole: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let js = js_sys::JsString::from(text);
    for at in 0..=js.length() {
        assert_eq!(streamed_json(&cut(&js, at)), whole.to_string(), "cut at UTF-16 offset {at}");
    }
    // the object path: push returns { tokens }, finish the Analysis object
    let mut s = KashifStream::new(JsValue::UNDEFINED).unwrap();
    let [a, b] = cut(&js, 1); // inside 😀
    let first = s.push(a).unwrap();
    assert_eq!(Array::from(&get(&first, "tokens")).length(), 0);
    let second = s.push(b).unwrap();
    let r = s.finish().unwrap();
    let n = Array::from(&get(&second, "tokens")).length() + Array::from(&get(&r, "tokens")).length();
    assert_eq!(n as usize, whole["tokens"].as_array().unwrap().len());
    assert!(s.finish().is_err(), "a finished stream");
}

#[wasm_bindgen_test]
fn a_lone_surrogate_half_at_the_end_of_the_text() {
    let js = js_sys::JsString::from_char_code(&[0x0631, 0x0648, 0xD83D]);
    let whole = analyze_json(js.clone().into(), JsValue::UNDEFINED).unwrap();
    let whole: serde_json::Value = serde_json::from_str(&whole).unwrap();
    assert_eq!(streamed_json(&[js.into()]), whole.to_string());
}
