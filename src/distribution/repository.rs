//! The repository list: the body of the legacy `GET /v2/_catalog`.
//!
//! distribution-spec v1.1.1 specifies no catalog endpoint; `_catalog` is a
//! [reserved prior extension](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/extensions/README.md),
//! and the spec's Go types still ship this body. Each entry is a `<name>`, so
//! it is checked with the [repository name grammar](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pulling-manifests).

use crate::distribution::names::check_repository_name;
use crate::distribution::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The repositories of a registry (`{"repositories": [...]}`).
///
/// Entries are plain strings, so a list with an odd entry still parses;
/// [`Validate::validate`] checks each against the repository name grammar.
/// `"repositories": null` reads as an empty list.
///
/// ```
/// use oci_model::distribution::RepositoryList;
/// use oci_model::Validate;
///
/// let list: RepositoryList = r#"{"repositories":["library/busybox","Bad"]}"#.parse()?;
/// let report = list.validate();
/// assert_eq!(report.violations()[0].path(), "/repositories/1");
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(default, hash, access(get, get_mut, set), document)]
pub struct RepositoryList {
    /// REQUIRED: the repository names; each MUST match the repository name
    /// grammar.
    #[json(nullable)]
    repositories: Vec<String>,
}

impl Validate for RepositoryList {
    fn check(&self, c: &mut Checker) {
        c.field("repositories", |c| {
            for (i, name) in self.repositories.iter().enumerate() {
                if let Err(expected) = check_repository_name(name) {
                    c.index(i, |c| {
                        c.report(
                            &rules::REPOSITORY_LIST_NAME,
                            format!(
                                "repository name {} is invalid: expected {expected}",
                                quote(name)
                            ),
                        );
                    });
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_builder() {
        let l: RepositoryList = r#"{"repositories":null}"#.parse().unwrap();
        assert!(l.repositories().is_empty());
        assert!(RepositoryListBuilder::default().build().is_err());
        assert!(
            RepositoryListBuilder::default()
                .repositories(vec!["UPPER".to_owned()])
                .build_checked()
                .is_err()
        );
        let ok = RepositoryListBuilder::default()
            .repositories(vec!["a/b".to_owned()])
            .build()
            .unwrap();
        assert_eq!(ok.repositories(), &["a/b"]);
    }
}
