//! The tag list: [distribution-spec v1.1.1, spec.md "Listing
//! Tags"](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#listing-tags),
//! the body of `GET /v2/<name>/tags/list`.

use std::cmp::Ordering;

use crate::distribution::names::{check_repository_name, check_tag};
use crate::distribution::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The tags of one repository.
///
/// `name` and the tags are plain strings, so a registry's list with an odd
/// entry still parses; [`Validate::validate`] checks them against the
/// grammars (see [`crate::distribution::RepositoryName`] and
/// [`crate::distribution::Tag`]) and checks the order. A `"tags": null`
/// (what the Go type writes for an empty list) reads as an empty list, and
/// is written back as `null` while the list stays empty.
///
/// ```
/// use oci_model::distribution::TagList;
/// use oci_model::Validate;
///
/// let list: TagList = r#"{"name":"library/busybox","tags":["1.36","latest"]}"#.parse()?;
/// assert_eq!(list.tags(), &["1.36", "latest"]);
/// assert!(list.validate().is_valid());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(hash, access(get, get_mut, set), document)]
pub struct TagList {
    /// REQUIRED: the repository (`<name>`); it MUST match the repository
    /// name grammar.
    name: String,

    /// REQUIRED (MAY be empty): the tags. Each MUST match the tag grammar;
    /// a non-empty list MUST be sorted (lexically, case-insensitive; or
    /// ASCIIbetically).
    #[json(nullable)]
    tags: Vec<String>,
}

/// Case-insensitive (ASCII) comparison; `A` and `a` are equal, so either
/// may come first.
fn lexical(a: &str, b: &str) -> Ordering {
    let fold = |s: &str| {
        s.bytes()
            .map(|b| b.to_ascii_lowercase())
            .collect::<Vec<_>>()
    };
    fold(a).cmp(&fold(b))
}

impl TagList {
    /// Sorts the tags in lexical order (case-insensitive, as v1.1.1 asks;
    /// `A` before `a` on a tie), so a list gathered from a set validates.
    pub fn sort_tags(&mut self) {
        self.tags
            .sort_by(|a, b| lexical(a, b).then_with(|| a.cmp(b)));
    }

    /// True when the tags are in one of the orders the spec accepts:
    /// lexical (case-insensitive) or ASCIIbetical (byte order).
    pub fn is_sorted(&self) -> bool {
        let ascii = self.tags.windows(2).all(|w| w[0] <= w[1]);
        ascii
            || self
                .tags
                .windows(2)
                .all(|w| lexical(&w[0], &w[1]) != Ordering::Greater)
    }
}

impl Validate for TagList {
    fn check(&self, c: &mut Checker) {
        if let Err(expected) = check_repository_name(&self.name) {
            c.report_at(
                "name",
                &rules::TAG_LIST_NAME,
                format!(
                    "repository name {} is invalid: expected {expected}",
                    quote(&self.name)
                ),
            );
        }
        c.field("tags", |c| {
            for (i, tag) in self.tags.iter().enumerate() {
                if let Err(expected) = check_tag(tag) {
                    c.index(i, |c| {
                        c.report(
                            &rules::TAG_LIST_TAG,
                            format!("tag {} is invalid: expected {expected}", quote(tag)),
                        );
                    });
                }
            }
            if !self.is_sorted() {
                let at = self
                    .tags
                    .windows(2)
                    .position(|w| w[0] > w[1])
                    .map_or(0, |p| p + 1);
                c.report(
                    &rules::TAG_LIST_ORDER,
                    format!(
                        "tags are not sorted: {} comes after {} (expected lexical or ASCIIbetical order)",
                        quote(&self.tags[at]),
                        quote(&self.tags[at.saturating_sub(1)])
                    ),
                );
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(tags: &[&str]) -> TagList {
        TagList {
            rest: crate::json::spec::fresh(),
            name: "repo".into(),
            tags: tags.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn null_tags_read_as_empty_and_are_written_back() {
        let mut l: TagList = r#"{"name":"a","tags":null}"#.parse().unwrap();
        assert!(l.tags().is_empty());
        assert_eq!(l.to_string().unwrap(), r#"{"name":"a","tags":null}"#);
        let empty: TagList = r#"{"name":"a","tags":[]}"#.parse().unwrap();
        assert_eq!(l, empty, "a null equals the empty list");
        l.tags_mut().push("v1".into());
        assert_eq!(l.to_string().unwrap(), r#"{"name":"a","tags":["v1"]}"#);
        assert!(r#"{"name":"a"}"#.parse::<TagList>().is_err());
    }

    #[test]
    fn orders() {
        assert!(list(&[]).is_sorted());
        assert!(list(&["A", "b", "C"]).is_sorted()); // lexical
        assert!(list(&["A", "C", "b"]).is_sorted()); // ASCIIbetical
        assert!(!list(&["b", "A"]).is_sorted());
        assert!(list(&["1", "1.0", "10", "latest"]).is_sorted());
    }

    #[test]
    fn sort_tags_gives_a_valid_order() {
        let mut l = list(&["b", "a", "B", "A", "10", "1"]);
        assert!(!l.is_sorted());
        l.sort_tags();
        assert_eq!(l.tags(), &["1", "10", "A", "a", "B", "b"]);
        assert!(l.is_sorted());
    }

    #[test]
    fn order_violation_names_the_pair() {
        let r = list(&["a", "c", "b"]).validate();
        let v = &r.violations()[0];
        assert_eq!(v.rule_name(), "tag-list-order");
        assert_eq!(v.path(), "/tags");
        assert!(v.message().contains("\"b\" comes after \"c\""), "{v}");
    }

    #[test]
    fn builder_refuses_bad_tags() {
        assert!(
            TagListBuilder::default()
                .name("repo")
                .tags(vec!["-x".to_owned()])
                .build_checked()
                .is_err()
        );
        let e = TagListBuilder::default()
            .name("repo")
            .build_model()
            .unwrap_err();
        assert!(e.to_string().contains("`tags`"), "{e}");
    }
}
