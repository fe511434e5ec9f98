//! wasm-bindgen tests: the bindings as JavaScript sees them. Run under Node and in headless
//! Chromium by `./kashif test`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use kashif::wasm::{analyze, version};
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
