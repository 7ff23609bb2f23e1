//! Repeated member names: how the reader finds them and what it says.
//!
//! RFC 8259 §4: "When the names within an object are not unique, the
//! behavior of software that receives such an object is unpredictable."
//! Go's `encoding/json` keeps the last value, other readers the first, so a
//! signed or digested document with a repeated name can mean two things to
//! two tools reading the same bytes. The crate's reader (`ObjectsOnly`, in
//! the one decoding pass) remembers the names of every object it reads, at
//! every depth and whatever the model does with the object (a spec struct,
//! a map, a set, a kept unknown member or any value inside one), and by
//! default refuses the document at the first repeat. With
//! [`RepeatedNames::KeepLast`] it reads the last value, as Go does, and
//! reports each repeat as a [`REPEATED_NAME`] warning.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::validate::{Rule, Severity, Violation, quote};

/// A member name that appears more than once in one object.
pub const REPEATED_NAME: Rule = Rule::new(
    "repeated-name",
    "",
    "RFC 8259",
    "§4 (objects): \"the behavior of software that receives such an object is unpredictable\"",
    Severity::Warning,
    "the names within an object are unique: readers disagree on which value of a repeated name counts (Go's keeps the last, others the first)",
);

/// What the reader does with a member name that appears twice in one
/// object: see [`DecodeOptions`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RepeatedNames {
    /// The document is refused: a decode error names the object (JSON
    /// pointer) and quotes the name. The default.
    #[default]
    Refuse,
    /// The last value is read, as Go's `encoding/json` (and so most
    /// container tools) reads it, and each repeat is reported as a
    /// [`REPEATED_NAME`] warning by [`Decoded::validate`](crate::io::Decoded).
    KeepLast,
}

/// Options of the crate's reader, for [`crate::io::from_slice_with`] and
/// the other `*_with` functions. `DecodeOptions::default()` reads as
/// [`crate::io::from_slice`] does.
///
/// ```
/// use oci_model::io::{DecodeOptions, RepeatedNames};
///
/// let options = DecodeOptions::default().repeated_names(RepeatedNames::KeepLast);
/// assert_eq!(options.get_repeated_names(), RepeatedNames::KeepLast);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DecodeOptions {
    repeated_names: RepeatedNames,
}

impl DecodeOptions {
    /// Sets what to do with a repeated member name.
    #[must_use]
    pub fn repeated_names(mut self, what: RepeatedNames) -> Self {
        self.repeated_names = what;
        self
    }

    /// What is done with a repeated member name.
    pub fn get_repeated_names(&self) -> RepeatedNames {
        self.repeated_names
    }
}

/// The start of the reader's error for a repeated name (the name follows,
/// quoted); `io` finishes the message with the object's words.
pub(super) const MARK: &str = "repeated name ";

/// One step of the path of the object a name repeats in.
#[derive(Clone, Copy)]
pub(super) enum Step<'a> {
    /// A member, by name as written.
    Key(&'a str),
    /// An array element.
    Index(usize),
}

/// The JSON pointer of `steps`.
pub(super) fn pointer(steps: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in steps {
        out.push('/');
        match step {
            Step::Key(k) => {
                for c in k.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Step::Index(i) => out.push_str(itoa::Buffer::new().format(*i)),
        }
    }
    out
}

/// The words for the object at `steps`: the member that holds it, as
/// written (`annotations`, `Labels`, `sysctl`: what kind of object it is),
/// `an element of layers` for an array element, `the document` at the top.
fn place(steps: &[Step<'_>]) -> String {
    let name = |k: &str| {
        let plain = !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if plain { k.to_owned() } else { quote(k) }
    };
    match steps {
        [] => "the document".to_owned(),
        [.., Step::Key(k)] => name(k),
        [.., Step::Key(k), Step::Index(_)] => format!("an element of {}", name(k)),
        [.., Step::Index(_)] => "an array element".to_owned(),
    }
}

/// The message of the decode error for `name`, repeated in the object at
/// `steps`.
pub(super) fn refused(name: &str, steps: &[Step<'_>]) -> String {
    format!(
        "{MARK}{} in {}: expected each name once per object \
         (RFC 8259 §4: readers disagree on which value counts)",
        quote(name),
        place(steps)
    )
}

/// The warning for `name`, repeated in the object at `steps`, whose last
/// value was read.
pub(super) fn kept_last(name: &str, steps: &[Step<'_>]) -> Violation {
    Violation::new(
        &REPEATED_NAME,
        pointer(steps),
        format!(
            "{MARK}{} in {}: the last value was read (as Go's encoding/json reads it); \
             readers that keep the first see another document",
            quote(name),
            place(steps)
        ),
    )
}

/// The names of one object seen so far: the first few, borrowed from the
/// input, inline (a spec struct's members, most objects), others (more
/// names, or names with escapes, which the input cannot lend) in a hash
/// set. Small: the reader moves it with each object's reader.
pub(super) struct Seen<'de> {
    few: [&'de str; FEW],
    len: u8,
    #[expect(
        clippy::box_collection,
        reason = "one pointer, not a set's 48 bytes: the reader moves this with every object"
    )]
    more: Option<Box<HashSet<Cow<'de, str>>>>,
}

const FEW: usize = 6;

impl<'de> Seen<'de> {
    #[inline]
    pub(super) fn new() -> Self {
        Seen {
            few: [""; FEW],
            len: 0,
            more: None,
        }
    }

    /// Remembers `name`; false when it was seen before.
    #[inline]
    pub(super) fn insert(&mut self, name: Cow<'de, str>) -> bool {
        let len = usize::from(self.len);
        if self.few[..len].contains(&&*name) {
            return false;
        }
        match (name, &mut self.more) {
            (Cow::Borrowed(n), None) if len < FEW => {
                self.few[len] = n;
                self.len += 1;
                true
            }
            (name, more) => more
                .get_or_insert_with(|| Box::new(HashSet::with_capacity(4 * FEW)))
                .insert(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_finds_repeats_inline_and_past_the_inline_names() {
        let mut seen = Seen::new();
        for i in 0..100 {
            assert!(seen.insert(Cow::Owned(format!("k{i}"))), "{i}");
        }
        for i in 0..100 {
            assert!(!seen.insert(Cow::Owned(format!("k{i}"))), "{i}");
        }
        let mut seen = Seen::new();
        assert!(seen.insert(Cow::Borrowed("a")));
        assert!(seen.insert(Cow::Borrowed("")));
        assert!(!seen.insert(Cow::Borrowed("")));
        assert!(!seen.insert(Cow::Owned("a".to_owned())));
    }

    #[test]
    fn the_object_is_named_by_its_member() {
        assert_eq!(place(&[]), "the document");
        assert_eq!(place(&[Step::Key("annotations")]), "annotations");
        assert_eq!(place(&[Step::Key("config"), Step::Key("Labels")]), "Labels");
        assert_eq!(
            place(&[Step::Key("layers"), Step::Index(2)]),
            "an element of layers"
        );
        assert_eq!(place(&[Step::Index(2)]), "an array element");
        assert_eq!(place(&[Step::Key("a b")]), "\"a b\"");
        assert_eq!(pointer(&[Step::Key("a/b~"), Step::Index(3)]), "/a~1b~0/3");
    }
}
