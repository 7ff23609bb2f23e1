//! Image references such as `registry.example.com:5000/team/app:1.0@sha256:…`.
//!
//! The grammar is the one of the `distribution/reference` Go package (what
//! Docker, containerd and the OCI tools parse), with the repository path
//! following [distribution-spec v1.1.1's `<name>`
//! grammar](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pulling-manifests),
//! the tag its tag grammar, and the digest the [image-spec
//! digest](https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#digests):
//!
//! ```text
//! reference        := name [ ":" tag ] [ "@" digest ]
//! name             := [ domain "/" ] path            (at most 255 characters)
//! domain           := host [ ":" port ]
//! host             := domain-name | "[" IPv6 address "]"
//! domain-name      := component ( "." component )*
//! component        := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
//! port             := [0-9]+
//! path             := [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)* ( "/" … )*
//! tag              := [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}
//! ```
//!
//! As in Docker, the first `/`-separated part is a domain only when it
//! contains `.` or `:`, is `localhost`, starts with `[`, or has an uppercase
//! letter; otherwise the whole name is a Docker Hub path.

mod grammar;
mod parse_error;
mod traits;

use parse_error::Failed;
pub use parse_error::ParseError as OciSpecParseError;

use grammar::{
    Parts, check_domain, hub_repository, is_uppercase_hex_digest, looks_like_domain,
    reference_error, registry_of,
};

use crate::distribution::names::{RepositoryName, check_repository_name, check_tag};
use crate::distribution::rules;
use crate::error::ParseError;
use crate::image::Digest;
use crate::validate::{Checker, Validate, quote};

/// The longest name (registry, `/` and repository) a reference may have,
/// counted on its Docker Hub normalized form.
pub const NAME_TOTAL_LENGTH_MAX: usize = 255;

/// The registry a reference without one names.
pub const DOCKER_HUB_DOMAIN: &str = "docker.io";

/// The legacy name of Docker Hub's registry, normalized to [`DOCKER_HUB_DOMAIN`].
pub const DOCKER_HUB_DOMAIN_LEGACY: &str = "index.docker.io";

/// The Docker Hub namespace of official images (`busybox` is
/// `docker.io/library/busybox`).
pub const DOCKER_HUB_OFFICIAL_REPO_NAME: &str = "library";

/// The tag a reference with neither tag nor digest means.
pub const DEFAULT_TAG: &str = "latest";

/// An image reference, with the accessors and output of `oci-spec`'s
/// `Reference`.
///
/// [`Reference::registry`], [`Reference::repository`], [`Reference::tag`],
/// [`Reference::digest`], `Display` and [`Reference::whole`] give what
/// `oci-spec` 0.10 gives: the Docker Hub normalized registry and repository
/// (`docker.io`, `library/busybox` for `busybox`), the tag `latest` when
/// neither tag nor digest is written, and the full form
/// `docker.io/library/busybox:latest`. Equality and hashing compare those
/// parts (and the mirror), as in `oci-spec`.
///
/// Nothing is lost: [`Reference::as_str`] is the text as written,
/// [`Reference::written_tag`] is `None` when no tag is written,
/// [`Reference::typed_digest`] is the digest as a checked [`Digest`], and
/// [`Reference::domain`] and [`Reference::path`] are the parts as written.
/// [`Reference::normalized`] and [`Reference::familiar`] convert between the
/// full and the short form without inventing a tag.
///
/// ```
/// use oci_model::distribution::Reference;
///
/// let r: Reference = "[::1]:5000/team/app:1.0".parse()?;
/// assert_eq!(r.registry(), "[::1]:5000");
/// assert_eq!(r.repository(), "team/app");
/// assert_eq!(r.tag(), Some("1.0"));
/// assert_eq!(r.digest(), None);
///
/// let hub: Reference = "busybox".parse()?;
/// assert_eq!(hub.registry(), "docker.io");
/// assert_eq!(hub.repository(), "library/busybox");
/// assert_eq!(hub.tag(), Some("latest"));
/// assert_eq!(hub.whole(), "docker.io/library/busybox:latest");
/// // As written:
/// assert_eq!(hub.as_str(), "busybox");
/// assert_eq!(hub.written_tag(), None);
/// assert_eq!(hub.normalized().as_str(), "docker.io/library/busybox");
///
/// assert!("Busybox".parse::<Reference>().is_err());
/// # Ok::<(), oci_model::distribution::ParseError>(())
/// ```
#[derive(Clone)]
pub struct Reference {
    /// The reference as written (for a reference built from parts, its
    /// parts joined as `Display` joins them).
    text: Box<str>,
    /// Length of the domain, when the reference names one (the path starts
    /// after the `/` that follows it).
    domain_len: Option<usize>,
    /// End of the name (domain, `/`, path).
    name_end: usize,
    /// Where the tag is in the text, when one is written.
    tag_range: Option<(usize, usize)>,
    /// True when parsed with neither tag nor digest: [`Reference::tag`]
    /// then answers `latest`, as `oci-spec` does.
    tag_defaulted: bool,
    /// The registry (`oci-spec`'s `registry()`).
    registry: Box<str>,
    /// The repository (`oci-spec`'s `repository()`).
    repository: Box<str>,
    /// The digest text after `@`, if any (`oci-spec`'s `digest()`).
    digest: Option<Box<str>>,
    /// The digest, checked; `None` for a digest given as unchecked text
    /// that does not parse.
    typed_digest: Option<Digest>,
    /// A mirror to pull from instead of the registry (not part of the text).
    mirror_registry: Option<String>,
}

impl Reference {
    /// Parses and validates a reference; the one constructor `FromStr`,
    /// `TryFrom` and serde use.
    ///
    /// # Errors
    /// [`ParseError`] of kind [`crate::ParseErrorKind::Reference`] saying which
    /// part breaks which rule: an empty or uppercase repository, a bad
    /// separator, a bad registry host or port, a bad tag, a bad digest, or
    /// a name longer than 255 characters. A sha256, sha384 or sha512 digest
    /// with uppercase hex is accepted, as the reference grammar and
    /// `oci-spec` accept it ([`Reference::typed_digest`] is then `None`;
    /// `validate()` reports it, as image-spec requires lowercase hex).
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::parse_classified(s).map_err(|(_, e)| e)
    }

    /// [`Reference::parse`], with the check that failed (for the error of
    /// `FromStr` and `TryFrom`, `oci-spec`'s [`distribution::ParseError`](OciSpecParseError)).
    fn parse_classified(s: &str) -> Result<Self, (Failed, ParseError)> {
        let parts = Self::split(s)?;
        Self::check_parts(s, &parts)?;
        let mut r = Self::assemble(&parts, None);
        r.tag_defaulted = parts.tag.is_none() && parts.digest.is_none();
        Ok(r)
    }

    fn split(s: &str) -> Result<Parts<'_>, (Failed, ParseError)> {
        if s.is_empty() {
            return Err((Failed::Format, reference_error(s, "a repository name")));
        }
        let (rest, digest, typed_digest) = match s.split_once('@') {
            Some((rest, d)) => match Digest::parse(d) {
                Ok(digest) => (rest, Some(d), Some(digest)),
                Err(_) if is_uppercase_hex_digest(d) => (rest, Some(d), None),
                Err(e) => {
                    return Err((
                        Failed::Digest,
                        reference_error(s, format!("a digest after \"@\": {}", e.expected())),
                    ));
                }
            },
            None => (s, None, None),
        };
        let last_slash = rest.rfind('/');
        let (name, tag) = match rest.rfind(':') {
            Some(colon) if last_slash.is_none_or(|sl| colon > sl) => {
                (&rest[..colon], Some(&rest[colon + 1..]))
            }
            _ => (rest, None),
        };
        let (domain, path) = match name.split_once('/') {
            Some((first, path)) if looks_like_domain(first) => (Some(first), path),
            _ => (None, name),
        };
        Ok(Parts {
            domain,
            path,
            tag,
            digest,
            typed_digest,
        })
    }

    fn check_parts(input: &str, p: &Parts<'_>) -> Result<(), (Failed, ParseError)> {
        let format = |e: ParseError| (Failed::Format, e);
        if let Some(domain) = p.domain {
            check_domain(domain).map_err(|e| format(reference_error(input, e)))?;
        }
        check_repository_name(p.path).map_err(|e| {
            format(reference_error(
                input,
                format!("a repository path with {e}"),
            ))
        })?;
        if let Some(tag) = p.tag {
            check_tag(tag)
                .map_err(|e| format(reference_error(input, format!("a tag with {e}"))))?;
        }
        let registry = registry_of(p.domain);
        let repo_len = hub_repository(registry, p.path).map_or(p.path.len(), |r| r.len());
        let len = registry.len() + 1 + repo_len;
        if len > NAME_TOTAL_LENGTH_MAX {
            return Err((
                Failed::NameLength,
                reference_error(
                    input,
                    format!(
                        "a name (registry \"/\" repository) of at most {NAME_TOTAL_LENGTH_MAX} characters, got {len}"
                    ),
                ),
            ));
        }
        Ok(())
    }

    /// Builds a parsed-form reference (registry and repository Docker Hub
    /// normalized) from checked parts.
    fn assemble(p: &Parts<'_>, mirror_registry: Option<String>) -> Self {
        let registry = registry_of(p.domain);
        let repository = hub_repository(registry, p.path).unwrap_or_else(|| p.path.into());
        Self::join(
            p.domain,
            p.path,
            p.tag,
            p.digest,
            registry.into(),
            repository,
            p.typed_digest.clone(),
            mirror_registry,
        )
    }

    /// Joins the text from its parts and records where each part is.
    #[expect(
        clippy::too_many_arguments,
        reason = "one private constructor behind every public one"
    )]
    fn join(
        domain: Option<&str>,
        path: &str,
        tag: Option<&str>,
        digest: Option<&str>,
        registry: Box<str>,
        repository: Box<str>,
        typed_digest: Option<Digest>,
        mirror_registry: Option<String>,
    ) -> Self {
        let mut text = String::with_capacity(
            domain.map_or(0, |d| d.len() + 1)
                + path.len()
                + tag.map_or(0, |t| t.len() + 1)
                + digest.map_or(0, |d| d.len() + 1),
        );
        // The separators as `oci-spec` writes them: each only after
        // something.
        if let Some(d) = domain {
            text.push_str(d);
        }
        if !path.is_empty() {
            if !text.is_empty() {
                text.push('/');
            }
            text.push_str(path);
        }
        let name_end = text.len();
        let tag_range = tag.map(|t| {
            if !text.is_empty() {
                text.push(':');
            }
            let start = text.len();
            text.push_str(t);
            (start, text.len())
        });
        if let Some(d) = digest {
            if !text.is_empty() {
                text.push('@');
            }
            text.push_str(d);
        }
        Self {
            text: text.into_boxed_str(),
            domain_len: domain.map(str::len),
            name_end,
            tag_range,
            tag_defaulted: false,
            registry,
            repository,
            digest: digest.map(Into::into),
            typed_digest,
            mirror_registry,
        }
    }

    /// A reference from unchecked parts, kept as given (no normalization),
    /// as `oci-spec`'s constructors build it.
    pub(super) fn from_unchecked(
        registry: &str,
        repository: &str,
        tag: Option<&str>,
        digest: Option<&str>,
        mirror_registry: Option<String>,
    ) -> Self {
        let typed = digest.and_then(|d| Digest::parse(d).ok());
        Self::join(
            (!registry.is_empty()).then_some(registry),
            repository,
            tag,
            digest,
            registry.into(),
            repository.into(),
            typed,
            mirror_registry,
        )
    }

    /// Builds a checked reference from parts; an empty `registry` means
    /// none.
    fn from_parts(
        registry: &str,
        repository: &str,
        tag: Option<&str>,
        digest: Option<&Digest>,
    ) -> Result<Self, ParseError> {
        let parts = Parts {
            domain: (!registry.is_empty()).then_some(registry),
            path: repository,
            tag,
            digest: digest.map(Digest::as_str),
            typed_digest: digest.cloned(),
        };
        let reference = Self::assemble(&parts, None);
        Self::check_parts(&reference.text, &parts).map_err(|(_, e)| e)?;
        // The text must read back as the same parts: a registry such as
        // `myhost` (no ".", ":" or "localhost") or a registry-less path
        // such as `foo.com/app` would not.
        let (domain, path) = match reference.path().split_once('/') {
            _ if parts.domain.is_some() => (parts.domain, parts.path),
            Some((first, rest)) if looks_like_domain(first) => (Some(first), rest),
            _ => (None, parts.path),
        };
        if domain.is_some_and(|d| !looks_like_domain(d)) {
            return Err(reference_error(
                &reference.text,
                "a registry host that reads as one: with \".\" or \":\", \"localhost\", or an uppercase letter",
            ));
        }
        if domain != parts.domain || path != parts.path {
            return Err(reference_error(
                &reference.text,
                "a repository whose first component does not read as a registry host (give the registry separately)",
            ));
        }
        Ok(reference)
    }

    /// A reference to `repository:tag` on `registry`, with the parts kept
    /// as given and not checked, as in `oci-spec`
    /// ([`Reference::try_with_tag`] checks them).
    #[expect(
        clippy::needless_pass_by_value,
        reason = "oci-spec's signature takes owned strings"
    )]
    pub fn with_tag(registry: String, repository: String, tag: String) -> Self {
        Self::from_unchecked(&registry, &repository, Some(&tag), None, None)
    }

    /// A reference to `repository@digest` on `registry`, with the parts
    /// kept as given and not checked, as in `oci-spec`
    /// ([`Reference::try_with_digest`] checks them).
    #[expect(
        clippy::needless_pass_by_value,
        reason = "oci-spec's signature takes owned strings"
    )]
    pub fn with_digest(registry: String, repository: String, digest: String) -> Self {
        Self::from_unchecked(&registry, &repository, None, Some(&digest), None)
    }

    /// A reference to `repository:tag@digest` on `registry`, with the parts
    /// kept as given and not checked, as in `oci-spec`
    /// ([`Reference::try_with_tag_and_digest`] checks them).
    #[expect(
        clippy::needless_pass_by_value,
        reason = "oci-spec's signature takes owned strings"
    )]
    pub fn with_tag_and_digest(
        registry: String,
        repository: String,
        tag: String,
        digest: String,
    ) -> Self {
        Self::from_unchecked(&registry, &repository, Some(&tag), Some(&digest), None)
    }

    /// A checked reference to `repository:tag` on `registry` (an empty
    /// `registry` means Docker Hub, written without a domain).
    ///
    /// # Errors
    /// [`ParseError`] when a part breaks its grammar.
    pub fn try_with_tag(
        registry: impl AsRef<str>,
        repository: impl AsRef<str>,
        tag: impl AsRef<str>,
    ) -> Result<Self, ParseError> {
        Self::from_parts(
            registry.as_ref(),
            repository.as_ref(),
            Some(tag.as_ref()),
            None,
        )
    }

    /// A checked reference to `repository@digest` on `registry` (an empty
    /// `registry` means Docker Hub). `digest` may be a [`Digest`] or text.
    ///
    /// # Errors
    /// [`ParseError`] when a part breaks its grammar.
    pub fn try_with_digest(
        registry: impl AsRef<str>,
        repository: impl AsRef<str>,
        digest: impl AsRef<str>,
    ) -> Result<Self, ParseError> {
        let d = Self::parse_digest(digest.as_ref())?;
        Self::from_parts(registry.as_ref(), repository.as_ref(), None, Some(&d))
    }

    /// A checked reference to `repository:tag@digest` on `registry`.
    ///
    /// # Errors
    /// [`ParseError`] when a part breaks its grammar.
    pub fn try_with_tag_and_digest(
        registry: impl AsRef<str>,
        repository: impl AsRef<str>,
        tag: impl AsRef<str>,
        digest: impl AsRef<str>,
    ) -> Result<Self, ParseError> {
        let d = Self::parse_digest(digest.as_ref())?;
        Self::from_parts(
            registry.as_ref(),
            repository.as_ref(),
            Some(tag.as_ref()),
            Some(&d),
        )
    }

    fn parse_digest(s: &str) -> Result<Digest, ParseError> {
        Digest::parse(s).map_err(|e| reference_error(s, format!("a digest: {}", e.expected())))
    }

    /// The same registry, repository and mirror with `digest` and no tag,
    /// as in `oci-spec` (the digest is not checked;
    /// [`Reference::clone_with_typed_digest`] takes a checked one).
    #[expect(
        clippy::needless_pass_by_value,
        reason = "oci-spec's signature takes owned strings"
    )]
    pub fn clone_with_digest(&self, digest: String) -> Self {
        let mut r = self.clone_with_digest_text(&digest);
        r.typed_digest = Digest::parse(&digest).ok();
        r
    }

    /// The same registry, repository and mirror with a checked `digest`
    /// and no tag.
    pub fn clone_with_typed_digest(&self, digest: Digest) -> Self {
        let mut r = self.clone_with_digest_text(digest.as_str());
        r.typed_digest = Some(digest);
        r
    }

    fn clone_with_digest_text(&self, digest: &str) -> Self {
        Self::join(
            self.domain(),
            self.path(),
            None,
            Some(digest),
            self.registry.clone(),
            self.repository.clone(),
            None,
            self.mirror_registry.clone(),
        )
    }

    /// The same reference with `tag` in place of its tag (the digest is
    /// kept).
    ///
    /// # Errors
    /// [`ParseError`] when `tag` breaks the tag grammar.
    pub fn clone_with_tag(&self, tag: &str) -> Result<Self, ParseError> {
        check_tag(tag).map_err(|e| reference_error(tag, format!("a tag with {e}")))?;
        Ok(Self::join(
            self.domain(),
            self.path(),
            Some(tag),
            self.digest.as_deref(),
            self.registry.clone(),
            self.repository.clone(),
            self.typed_digest.clone(),
            self.mirror_registry.clone(),
        ))
    }

    /// Sets a mirror registry to pull from; [`Reference::resolve_registry`]
    /// then returns it and [`Reference::namespace`] the original registry
    /// (sent as the `ns` query parameter, which the stable spec does not
    /// define yet). The mirror is not part of the reference's text.
    pub fn set_mirror_registry(&mut self, registry: String) {
        self.mirror_registry = Some(registry);
    }

    /// The mirror registry, if one was set.
    pub fn mirror_registry(&self) -> Option<&str> {
        self.mirror_registry.as_deref()
    }

    /// The registry address to connect to: the mirror when set, else
    /// `index.docker.io` for Docker Hub, else [`Reference::registry`].
    pub fn resolve_registry(&self) -> &str {
        match (self.registry(), self.mirror_registry.as_deref()) {
            (_, Some(mirror)) => mirror,
            (DOCKER_HUB_DOMAIN, None) => DOCKER_HUB_DOMAIN_LEGACY,
            (registry, None) => registry,
        }
    }

    /// The registry, Docker Hub normalized: the domain as written, or
    /// `docker.io` when the reference names none or names `index.docker.io`.
    pub fn registry(&self) -> &str {
        &self.registry
    }

    /// The repository, Docker Hub normalized: the path as written, with
    /// `library/` in front of a one-component Docker Hub path.
    pub fn repository(&self) -> &str {
        &self.repository
    }

    /// The repository as a typed [`RepositoryName`] (for
    /// [`crate::distribution::api`] paths), when it follows the grammar
    /// (a parsed reference's always does).
    pub fn repository_name(&self) -> Option<RepositoryName> {
        check_repository_name(self.repository())
            .is_ok()
            .then(|| RepositoryName::from_checked(self.repository()))
    }

    /// The domain (`host[:port]`) as written, if the reference names one.
    pub fn domain(&self) -> Option<&str> {
        self.domain_len.map(|n| &self.text[..n])
    }

    /// The repository path as written (`busybox` for `busybox`).
    pub fn path(&self) -> &str {
        let start = self
            .domain_len
            .map_or(0, |n| if self.name_end > n { n + 1 } else { n });
        &self.text[start..self.name_end]
    }

    /// The name as written: domain, `/` and path, without tag or digest.
    pub fn name(&self) -> &str {
        &self.text[..self.name_end]
    }

    /// The tag, as `oci-spec` gives it: the written tag, or `latest` when
    /// the reference was parsed with neither tag nor digest
    /// ([`Reference::written_tag`] tells the two apart).
    pub fn tag(&self) -> Option<&str> {
        self.written_tag()
            .or_else(|| self.tag_defaulted.then_some(DEFAULT_TAG))
    }

    /// The tag, if one is written: `None` for `busybox` (which a client
    /// pulls as `latest`; see [`Reference::effective_tag`]).
    pub fn written_tag(&self) -> Option<&str> {
        self.tag_range.map(|(start, end)| &self.text[start..end])
    }

    /// The written tag, or `latest` when none is written.
    pub fn effective_tag(&self) -> &str {
        self.written_tag().unwrap_or(DEFAULT_TAG)
    }

    /// The `<reference>` of the manifest API: the digest when there is one,
    /// else [`Reference::effective_tag`].
    pub fn manifest_reference(&self) -> &str {
        self.digest().unwrap_or_else(|| self.effective_tag())
    }

    /// The digest text, if one is written (`Option<&str>`, as in
    /// `oci-spec`; [`Reference::typed_digest`] gives the checked value).
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }

    /// The digest as a checked [`Digest`]: present when
    /// [`Reference::digest`] is for a parsed reference, except for a digest
    /// with uppercase hex (which the reference grammar allows and
    /// image-spec does not: `validate()` reports it); `None` for a digest
    /// given unchecked (to [`Reference::with_digest`] or
    /// [`Reference::clone_with_digest`]) that does not parse.
    pub fn typed_digest(&self) -> Option<&Digest> {
        self.typed_digest.as_ref()
    }

    /// The original registry when a mirror is set (for the `ns` query
    /// parameter), else `None`.
    pub fn namespace(&self) -> Option<&str> {
        self.mirror_registry.as_ref().map(|_| self.registry())
    }

    /// The whole reference as `oci-spec` prints it (the same as
    /// `to_string()`): registry, repository, tag and digest, so `busybox`
    /// gives `docker.io/library/busybox:latest`. [`Reference::as_str`] is
    /// the text as written.
    pub fn whole(&self) -> String {
        self.to_string()
    }

    /// The reference as written (for one built from parts, the parts
    /// joined).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The Docker Hub normalized form: `busybox` becomes
    /// `docker.io/library/busybox`, `index.docker.io/x/y` becomes
    /// `docker.io/x/y`. Tag and digest are kept; no tag is added. Other
    /// registries' references are returned unchanged.
    pub fn normalized(&self) -> Self {
        if self.registry() != DOCKER_HUB_DOMAIN {
            return self.clone();
        }
        let mut r = Self::join(
            Some(DOCKER_HUB_DOMAIN),
            self.repository(),
            self.written_tag(),
            self.digest(),
            self.registry.clone(),
            self.repository.clone(),
            self.typed_digest.clone(),
            self.mirror_registry.clone(),
        );
        r.tag_defaulted = self.tag_defaulted;
        r
    }

    /// The familiar short form: a Docker Hub reference loses its domain and
    /// the `library/` of official images (`docker.io/library/busybox:1`
    /// becomes `busybox:1`). The domain is kept when the path's first
    /// component would read as a domain (`docker.io/localhost/x`). Other
    /// registries' references are returned unchanged.
    pub fn familiar(&self) -> Self {
        if self.registry() != DOCKER_HUB_DOMAIN {
            return self.clone();
        }
        let repository = self.repository();
        let short = repository
            .strip_prefix("library/")
            .filter(|rest| !rest.contains('/'))
            .unwrap_or(repository);
        let first = short.split('/').next().unwrap_or(short);
        let keeps_domain = short.contains('/') && looks_like_domain(first);
        let mut r = Self::join(
            keeps_domain.then_some(DOCKER_HUB_DOMAIN),
            if keeps_domain { repository } else { short },
            self.written_tag(),
            self.digest(),
            self.registry.clone(),
            self.repository.clone(),
            self.typed_digest.clone(),
            self.mirror_registry.clone(),
        );
        r.tag_defaulted = self.tag_defaulted;
        r
    }
}

/// Checks what parsing accepts beyond the spec: a digest that is not an
/// image-spec digest (uppercase hex in a sha256 or sha512 digest, or a
/// digest given unchecked to [`Reference::with_digest`] that does not
/// parse). sha384, which image-spec v1.1.1 does not register, may use
/// uppercase hex.
impl Validate for Reference {
    fn check(&self, c: &mut Checker) {
        let Some(digest) = self.digest() else {
            return;
        };
        if self.typed_digest.is_some() {
            return;
        }
        if digest.starts_with("sha384:") && is_uppercase_hex_digest(digest) {
            return;
        }
        let message = match Digest::parse(digest) {
            Err(e) => format!("reference {}: {e}", quote(self.as_str())),
            Ok(_) => return,
        };
        c.report(&rules::REFERENCE_DIGEST, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn parts() {
        let r = Reference::parse(&format!("reg.io:5000/a/b:t@{D}")).unwrap();
        assert_eq!(r.domain(), Some("reg.io:5000"));
        assert_eq!(r.path(), "a/b");
        assert_eq!(r.name(), "reg.io:5000/a/b");
        assert_eq!(r.tag(), Some("t"));
        assert_eq!(r.digest(), Some(D));
        assert_eq!(r.typed_digest().map(Digest::as_str), Some(D));
        assert_eq!(r.manifest_reference(), D);
        assert_eq!(r.repository_name().unwrap().as_str(), "a/b");
    }

    #[test]
    fn constructors() {
        let r = Reference::try_with_tag("reg.io", "a/b", "1").unwrap();
        assert_eq!(r.as_str(), "reg.io/a/b:1");
        let hub = Reference::try_with_tag("", "busybox", "1").unwrap();
        assert_eq!(hub.as_str(), "busybox:1");
        assert_eq!(hub.repository(), "library/busybox");
        // Parts whose text would read back differently are refused.
        let e = Reference::try_with_digest("myhost", "a", D).unwrap_err();
        assert!(
            e.expected().contains("a registry host that reads as one"),
            "{e}"
        );
        let e = Reference::try_with_tag("", "foo.com/app", "1").unwrap_err();
        assert!(
            e.expected().contains("does not read as a registry host"),
            "{e}"
        );
        let r = Reference::try_with_digest("myhost:5000", "a", D).unwrap();
        assert_eq!(r.registry(), "myhost:5000");
        assert_eq!(Reference::parse(r.as_str()).unwrap(), r);
        assert!(Reference::try_with_tag("reg.io", "A", "1").is_err());
        assert!(Reference::try_with_tag("reg.io", "a", "-1").is_err());
        assert!(Reference::try_with_digest("reg.io", "a", "sha256:AB").is_err());
        let both = Reference::try_with_tag_and_digest("reg.io", "a", "t", D).unwrap();
        assert_eq!(both.as_str(), format!("reg.io/a:t@{D}"));
        let c = both.clone_with_typed_digest(Digest::parse(D).unwrap());
        assert_eq!(c.as_str(), format!("reg.io/a@{D}"));
        let t = c.clone_with_tag("v2").unwrap();
        assert_eq!(t.as_str(), format!("reg.io/a:v2@{D}"));
    }

    #[test]
    fn mirror() {
        let mut r = Reference::parse("busybox").unwrap();
        assert_eq!(r.resolve_registry(), "index.docker.io");
        assert_eq!(r.namespace(), None);
        r.set_mirror_registry("mirror.local".into());
        assert_eq!(r.resolve_registry(), "mirror.local");
        assert_eq!(r.namespace(), Some("docker.io"));
        assert_eq!(r.as_str(), "busybox");
        assert_ne!(r, Reference::parse("busybox").unwrap());
    }

    #[test]
    #[expect(clippy::many_single_char_names, reason = "one short name per case")]
    fn oci_spec_constructors_keep_their_parts() {
        // As in oci-spec: no check, no normalization, no invented tag.
        let r = Reference::with_tag(String::new(), "busybox".into(), "1".into());
        assert_eq!(r.registry(), "");
        assert_eq!(r.repository(), "busybox");
        assert_eq!(r.tag(), Some("1"));
        assert_eq!(r.whole(), "busybox:1");
        let r = Reference::with_digest("reg.io".into(), "a".into(), "not-a-digest".into());
        assert_eq!(r.tag(), None);
        assert_eq!(r.digest(), Some("not-a-digest"));
        assert_eq!(r.typed_digest(), None);
        assert_eq!(r.whole(), "reg.io/a@not-a-digest");
        assert_eq!(r.domain(), Some("reg.io"));
        assert_eq!(r.path(), "a");
        let r = Reference::with_tag_and_digest(
            "docker.io".into(),
            "foo/bar".into(),
            "1.2".into(),
            D.into(),
        );
        assert_eq!(r.whole(), format!("docker.io/foo/bar:1.2@{D}"));
        assert_eq!(r.typed_digest().map(Digest::as_str), Some(D));
        // Empty parts print no separators, as oci-spec's Display.
        let e = Reference::with_tag(String::new(), String::new(), "t".into());
        assert_eq!(e.whole(), "t");
        assert_eq!(e.tag(), Some("t"));
        assert_eq!(e.path(), "");
        let d = Reference::with_digest("reg.io".into(), String::new(), D.into());
        assert_eq!(d.whole(), format!("reg.io@{D}"));
        assert_eq!(d.path(), "");
        // clone_with_digest drops the tag and keeps registry and mirror.
        let mut p = Reference::parse("busybox:1").unwrap();
        p.set_mirror_registry("m.io".into());
        let c = p.clone_with_digest(D.to_owned());
        assert_eq!(c.tag(), None);
        assert_eq!(c.whole(), format!("docker.io/library/busybox@{D}"));
        assert_eq!(c.as_str(), format!("busybox@{D}"));
        assert_eq!(c.resolve_registry(), "m.io");
    }

    #[test]
    fn uppercase_hex_digest_parses_as_in_oci_spec_and_is_reported() {
        let upper = D.to_uppercase().replacen("SHA256", "sha256", 1);
        for text in [format!("busybox@{upper}"), format!("reg.io/a:t@{upper}")] {
            let r = Reference::parse(&text).unwrap();
            assert_eq!(r.digest(), Some(upper.as_str()));
            assert_eq!(r.typed_digest(), None);
            assert_eq!(r.as_str(), text);
            assert_eq!(text.parse::<Reference>().unwrap(), r);
            let report = r.validate();
            assert!(!report.is_valid(), "{report}");
            assert_eq!(report.violations().len(), 1, "{report}");
            let v = &report.violations()[0];
            assert_eq!(v.rule_name(), "reference-digest");
            assert_eq!(v.path(), "");
            assert!(v.message().contains("64 lowercase hex"), "{v}");
            // serde reads it too (as oci-spec's TryFrom<String>).
            let json = serde_json::to_string(text.as_str()).unwrap();
            assert_eq!(serde_json::from_str::<Reference>(&json).unwrap(), r);
        }
        // Mixed case, and sha512; sha384 (not registered in image-spec
        // v1.1.1) is not reported.
        let mixed = format!("a@sha256:{}{}", "A".repeat(32), "b".repeat(32));
        assert!(!Reference::parse(&mixed).unwrap().validate().is_valid());
        let sha512 = format!("a@sha512:{}", "F".repeat(128));
        assert!(!Reference::parse(&sha512).unwrap().validate().is_valid());
        let sha384 = format!("a@sha384:{}", "F".repeat(96));
        assert!(Reference::parse(&sha384).unwrap().validate().is_clean());
        // Lowercase is clean; wrong lengths and other algorithms in
        // uppercase are still refused.
        assert!(
            Reference::parse(&format!("a@{D}"))
                .unwrap()
                .validate()
                .is_clean()
        );
        for bad in [
            format!("a@sha256:{}", "A".repeat(63)),
            format!("a@sha256:{}", "G".repeat(64)),
        ] {
            assert!(Reference::parse(&bad).is_err(), "{bad}");
        }
        // A digest given unchecked is reported as well.
        let r = Reference::with_digest("reg.io".into(), "a".into(), "not-a-digest".into());
        assert_eq!(r.validate().violations()[0].rule_name(), "reference-digest");
    }

    #[test]
    fn tag_defaults_to_latest_only_without_tag_and_digest() {
        let r = Reference::parse("busybox").unwrap();
        assert_eq!((r.tag(), r.written_tag()), (Some("latest"), None));
        assert_eq!(
            r,
            Reference::parse("docker.io/library/busybox:latest").unwrap()
        );
        let r = Reference::parse(&format!("busybox@{D}")).unwrap();
        assert_eq!((r.tag(), r.written_tag()), (None, None));
        assert_eq!(r.whole(), format!("docker.io/library/busybox@{D}"));
    }
}
