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
mod traits;

use grammar::{
    Parts, check_domain, hub_repository, looks_like_domain, reference_error, registry_of,
};

use crate::distribution::names::{RepositoryName, check_repository_name, check_tag};
use crate::error::ParseError;
use crate::image::Digest;

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

/// A validated image reference.
///
/// The reference keeps its text as written: [`Reference::as_str`],
/// `Display`, [`Reference::whole`] and serde print it back byte for byte,
/// and equality and hashing compare that text. "No tag" stays distinct from
/// an explicit `latest`: [`Reference::tag`] is `None` for `busybox`, and
/// [`Reference::effective_tag`] gives the `latest` a client would pull.
///
/// [`Reference::registry`] and [`Reference::repository`] are the Docker Hub
/// normalized values a client connects with (`docker.io` and
/// `library/busybox` for `busybox`); [`Reference::domain`] and
/// [`Reference::path`] are the parts as written. [`Reference::normalized`]
/// and [`Reference::familiar`] convert between the full and the short form.
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
/// assert_eq!(hub.tag(), None);
/// assert_eq!(hub.effective_tag(), "latest");
/// assert_eq!(hub.registry(), "docker.io");
/// assert_eq!(hub.repository(), "library/busybox");
/// assert_eq!(hub.normalized().as_str(), "docker.io/library/busybox");
/// assert_eq!(hub.to_string(), "busybox");
///
/// assert!("Busybox".parse::<Reference>().is_err());
/// # Ok::<(), oci_model::OciSpecError>(())
/// ```
#[derive(Clone)]
pub struct Reference {
    /// The reference as written.
    text: Box<str>,
    /// Length of the domain, when the reference names one (the path starts
    /// after the `/` that follows it).
    domain_len: Option<usize>,
    /// End of the name (domain, `/`, path).
    name_end: usize,
    /// End of the tag; equal to `name_end` when there is no tag.
    tag_end: usize,
    /// The digest after `@`.
    digest: Option<Digest>,
    /// The Docker Hub repository (`library/x`) when it differs from the path.
    hub_repository: Option<Box<str>>,
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
    /// separator, a bad registry host or port, a bad tag, a bad digest
    /// (including uppercase hex), or a name longer than 255 characters.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let parts = Self::split(s)?;
        Self::check_parts(s, &parts)?;
        Ok(Self::assemble(&parts, None))
    }

    fn split(s: &str) -> Result<Parts<'_>, ParseError> {
        if s.is_empty() {
            return Err(reference_error(s, "a repository name"));
        }
        let (rest, digest) = match s.split_once('@') {
            Some((rest, d)) => {
                let digest = Digest::parse(d).map_err(|e| {
                    reference_error(s, format!("a digest after \"@\": {}", e.expected()))
                })?;
                (rest, Some(digest))
            }
            None => (s, None),
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
        })
    }

    fn check_parts(input: &str, p: &Parts<'_>) -> Result<(), ParseError> {
        if let Some(domain) = p.domain {
            check_domain(domain).map_err(|e| reference_error(input, e))?;
        }
        check_repository_name(p.path)
            .map_err(|e| reference_error(input, format!("a repository path with {e}")))?;
        if let Some(tag) = p.tag {
            check_tag(tag).map_err(|e| reference_error(input, format!("a tag with {e}")))?;
        }
        let registry = registry_of(p.domain);
        let repo_len = hub_repository(registry, p.path).map_or(p.path.len(), |r| r.len());
        let len = registry.len() + 1 + repo_len;
        if len > NAME_TOTAL_LENGTH_MAX {
            return Err(reference_error(
                input,
                format!(
                    "a name (registry \"/\" repository) of at most {NAME_TOTAL_LENGTH_MAX} characters, got {len}"
                ),
            ));
        }
        Ok(())
    }

    /// Builds the text from checked parts.
    fn assemble(p: &Parts<'_>, mirror_registry: Option<String>) -> Self {
        let mut text = String::with_capacity(
            p.domain.map_or(0, |d| d.len() + 1)
                + p.path.len()
                + p.tag.map_or(0, |t| t.len() + 1)
                + p.digest.as_ref().map_or(0, |d| d.as_str().len() + 1),
        );
        if let Some(d) = p.domain {
            text.push_str(d);
            text.push('/');
        }
        text.push_str(p.path);
        let name_end = text.len();
        if let Some(t) = p.tag {
            text.push(':');
            text.push_str(t);
        }
        let tag_end = text.len();
        if let Some(d) = &p.digest {
            text.push('@');
            text.push_str(d.as_str());
        }
        Self {
            text: text.into_boxed_str(),
            domain_len: p.domain.map(str::len),
            name_end,
            tag_end,
            digest: p.digest.clone(),
            hub_repository: hub_repository(registry_of(p.domain), p.path),
            mirror_registry,
        }
    }

    /// Builds a reference from checked-on-the-way parts; an empty
    /// `registry` means none.
    fn from_parts(
        registry: &str,
        repository: &str,
        tag: Option<&str>,
        digest: Option<Digest>,
    ) -> Result<Self, ParseError> {
        let parts = Parts {
            domain: (!registry.is_empty()).then_some(registry),
            path: repository,
            tag,
            digest,
        };
        let reference = Self::assemble(&parts, None);
        Self::check_parts(&reference.text, &parts)?;
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

    /// A reference to `repository:tag` on `registry` (an empty `registry`
    /// means Docker Hub, written without a domain).
    ///
    /// # Errors
    /// [`ParseError`] when a part breaks its grammar.
    pub fn with_tag(
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

    /// A reference to `repository@digest` on `registry` (an empty
    /// `registry` means Docker Hub). `digest` may be a [`Digest`] or text.
    ///
    /// # Errors
    /// [`ParseError`] when a part breaks its grammar.
    pub fn with_digest(
        registry: impl AsRef<str>,
        repository: impl AsRef<str>,
        digest: impl AsRef<str>,
    ) -> Result<Self, ParseError> {
        let d = Self::parse_digest(digest.as_ref())?;
        Self::from_parts(registry.as_ref(), repository.as_ref(), None, Some(d))
    }

    /// A reference to `repository:tag@digest` on `registry`.
    ///
    /// # Errors
    /// [`ParseError`] when a part breaks its grammar.
    pub fn with_tag_and_digest(
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
            Some(d),
        )
    }

    fn parse_digest(s: &str) -> Result<Digest, ParseError> {
        Digest::parse(s).map_err(|e| reference_error(s, format!("a digest: {}", e.expected())))
    }

    /// The same repository (and mirror) with `digest` and no tag.
    pub fn clone_with_digest(&self, digest: Digest) -> Self {
        let parts = Parts {
            domain: self.domain(),
            path: self.path(),
            tag: None,
            digest: Some(digest),
        };
        Self::assemble(&parts, self.mirror_registry.clone())
    }

    /// The same reference with `tag` in place of its tag (the digest is
    /// kept).
    ///
    /// # Errors
    /// [`ParseError`] when `tag` breaks the tag grammar.
    pub fn clone_with_tag(&self, tag: &str) -> Result<Self, ParseError> {
        check_tag(tag).map_err(|e| reference_error(tag, format!("a tag with {e}")))?;
        let parts = Parts {
            domain: self.domain(),
            path: self.path(),
            tag: Some(tag),
            digest: self.digest.clone(),
        };
        Ok(Self::assemble(&parts, self.mirror_registry.clone()))
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
        registry_of(self.domain())
    }

    /// The repository, Docker Hub normalized: the path as written, with
    /// `library/` in front of a one-component Docker Hub path.
    pub fn repository(&self) -> &str {
        self.hub_repository
            .as_deref()
            .unwrap_or_else(|| self.path())
    }

    /// The repository as a typed [`RepositoryName`] (for
    /// [`crate::distribution::api`] paths).
    pub fn repository_name(&self) -> RepositoryName {
        RepositoryName::from_checked(self.repository())
    }

    /// The domain (`host[:port]`) as written, if the reference names one.
    pub fn domain(&self) -> Option<&str> {
        self.domain_len.map(|n| &self.text[..n])
    }

    /// The repository path as written (`busybox` for `busybox`).
    pub fn path(&self) -> &str {
        let start = self.domain_len.map_or(0, |n| n + 1);
        &self.text[start..self.name_end]
    }

    /// The name as written: domain, `/` and path, without tag or digest.
    pub fn name(&self) -> &str {
        &self.text[..self.name_end]
    }

    /// The tag, if one is written. `None` for `busybox` (which a client
    /// pulls as `latest`; see [`Reference::effective_tag`]).
    pub fn tag(&self) -> Option<&str> {
        (self.tag_end > self.name_end).then(|| &self.text[self.name_end + 1..self.tag_end])
    }

    /// The tag, or `latest` when none is written.
    pub fn effective_tag(&self) -> &str {
        self.tag().unwrap_or(DEFAULT_TAG)
    }

    /// The `<reference>` of the manifest API: the digest when there is one,
    /// else [`Reference::effective_tag`].
    pub fn manifest_reference(&self) -> &str {
        self.digest
            .as_ref()
            .map_or_else(|| self.effective_tag(), Digest::as_str)
    }

    /// The digest, if one is written.
    pub fn digest(&self) -> Option<&Digest> {
        self.digest.as_ref()
    }

    /// The original registry when a mirror is set (for the `ns` query
    /// parameter), else `None`.
    pub fn namespace(&self) -> Option<&str> {
        self.mirror_registry.as_ref().map(|_| self.registry())
    }

    /// The reference as written (the same as `to_string()`).
    pub fn whole(&self) -> String {
        self.text.to_string()
    }

    /// The reference as written.
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
        let parts = Parts {
            domain: Some(DOCKER_HUB_DOMAIN),
            path: self.repository(),
            tag: self.tag(),
            digest: self.digest.clone(),
        };
        Self::assemble(&parts, self.mirror_registry.clone())
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
        let parts = Parts {
            domain: keeps_domain.then_some(DOCKER_HUB_DOMAIN),
            path: if keeps_domain { repository } else { short },
            tag: self.tag(),
            digest: self.digest.clone(),
        };
        Self::assemble(&parts, self.mirror_registry.clone())
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
        assert_eq!(r.digest().map(Digest::as_str), Some(D));
        assert_eq!(r.manifest_reference(), D);
        assert_eq!(r.repository_name().as_str(), "a/b");
    }

    #[test]
    fn constructors() {
        let r = Reference::with_tag("reg.io", "a/b", "1").unwrap();
        assert_eq!(r.as_str(), "reg.io/a/b:1");
        let hub = Reference::with_tag("", "busybox", "1").unwrap();
        assert_eq!(hub.as_str(), "busybox:1");
        assert_eq!(hub.repository(), "library/busybox");
        // Parts whose text would read back differently are refused.
        let e = Reference::with_digest("myhost", "a", D).unwrap_err();
        assert!(
            e.expected().contains("a registry host that reads as one"),
            "{e}"
        );
        let e = Reference::with_tag("", "foo.com/app", "1").unwrap_err();
        assert!(
            e.expected().contains("does not read as a registry host"),
            "{e}"
        );
        let r = Reference::with_digest("myhost:5000", "a", D).unwrap();
        assert_eq!(r.registry(), "myhost:5000");
        assert_eq!(Reference::parse(r.as_str()).unwrap(), r);
        assert!(Reference::with_tag("reg.io", "A", "1").is_err());
        assert!(Reference::with_tag("reg.io", "a", "-1").is_err());
        assert!(Reference::with_digest("reg.io", "a", "sha256:AB").is_err());
        let both = Reference::with_tag_and_digest("reg.io", "a", "t", D).unwrap();
        assert_eq!(both.as_str(), format!("reg.io/a:t@{D}"));
        let c = both.clone_with_digest(Digest::parse(D).unwrap());
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
}
