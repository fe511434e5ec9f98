//! `Str`: a shared, immutable string for the forms that repeat across a text.
//!
//! A news article uses each of its frequent words many times; the token list stores each word's
//! text, display form, key, stem and segment keys once and shares them (a reference count, no
//! copy). It reads like a `&str` (it derefs to one), compares with `str` and `String`, and
//! serializes as a plain string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Str(Arc<str>);

impl Str {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether both are the same shared string (not merely equal text): how a token proves that
    /// it came from a given lexeme of the vocabulary ([`crate::doc`]).
    pub fn ptr_eq(&self, other: &Str) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        Str(s.into())
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        Str(s.into())
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        s.0.to_string()
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, o: &str) -> bool {
        &*self.0 == o
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, o: &&str) -> bool {
        &*self.0 == *o
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, o: &String) -> bool {
        &*self.0 == o.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, o: &Str) -> bool {
        self.as_str() == &*o.0
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, o: &Str) -> bool {
        self == &*o.0
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, o: &Str) -> bool {
        *self == &*o.0
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Str::from)
    }
}

#[cfg(test)]
mod tests {
    use super::Str;

    #[test]
    fn reads_and_compares_like_a_string() {
        let a = Str::from("روسيا");
        let b = a.clone();
        assert_eq!(a, b);
        assert_eq!(a, "روسيا");
        assert_eq!(a, String::from("روسيا"));
        assert_eq!(String::from("روسيا"), a);
        assert_eq!(a.chars().count(), 5);
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"روسيا\"");
        assert_eq!(serde_json::from_str::<Str>("\"x\"").unwrap(), "x");
        assert_eq!([Str::from("a"), Str::from("b")].join(" "), "a b");
    }
}
