//! HTTP header names and API paths: [distribution-spec v1.1.1, spec.md,
//! section Endpoints](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#endpoints).
//!
//! Paths without parameters are constants; the others are built by functions
//! that take typed values ([`RepositoryName`], [`Digest`]), so a path never
//! carries text outside the grammars. Query values are percent-encoded.
//!
//! ```
//! use oci_model::distribution::api;
//! use oci_model::distribution::RepositoryName;
//!
//! let name: RepositoryName = "library/busybox".parse()?;
//! assert_eq!(api::manifest_path(&name, "latest"), "/v2/library/busybox/manifests/latest");
//! assert_eq!(api::tags_list_path(&name, Some(10), None), "/v2/library/busybox/tags/list?n=10");
//! # Ok::<(), oci_model::ModelError>(())
//! ```

use std::fmt::Write as _;

use const_format::concatcp;

use crate::distribution::names::RepositoryName;
use crate::image::Digest;

// ---- Headers -------------------------------------------------------------

/// `Docker-Content-Digest`: the digest of the response body (GET/HEAD), of
/// the pushed manifest (PUT), or of a mounted blob.
pub const DOCKER_CONTENT_DIGEST: &str = "Docker-Content-Digest";
/// `Docker-Distribution-API-Version`: legacy, OPTIONAL; clients SHOULD NOT
/// depend on it.
pub const DOCKER_DISTRIBUTION_API_VERSION: &str = "Docker-Distribution-API-Version";
/// The value registries send in `Docker-Distribution-API-Version`.
pub const DOCKER_DISTRIBUTION_API_VERSION_VALUE: &str = "registry/2.0";
/// `OCI-Subject`: the `subject` digest a registry processed on manifest PUT.
pub const OCI_SUBJECT: &str = "OCI-Subject";
/// `OCI-Filters-Applied`: the comma-separated filters a referrers response
/// applied (such as `artifactType`).
pub const OCI_FILTERS_APPLIED: &str = "OCI-Filters-Applied";
/// `OCI-Chunk-Min-Length`: the minimum chunk size, in bytes, of a chunked
/// upload.
pub const OCI_CHUNK_MIN_LENGTH: &str = "OCI-Chunk-Min-Length";
/// `OCI-Tag` (distribution-spec `main`): each tag a manifest PUT with
/// `?tag=` accepted.
pub const OCI_TAG: &str = "OCI-Tag";
/// `Location`: the upload session or the pushed content.
pub const LOCATION: &str = "Location";
/// `Range`: `0-<end-of-range>` on upload progress responses.
pub const RANGE: &str = "Range";
/// `Content-Range`: `<start>-<end>` (inclusive) of an uploaded chunk.
pub const CONTENT_RANGE: &str = "Content-Range";
/// `Content-Type`.
pub const CONTENT_TYPE: &str = "Content-Type";
/// `Content-Length`.
pub const CONTENT_LENGTH: &str = "Content-Length";
/// `Accept`: the manifest media types a client supports.
pub const ACCEPT: &str = "Accept";
/// `Link`: the next page (RFC 5988, `rel="next"`) of a tag list or
/// referrers response.
pub const LINK: &str = "Link";
/// `Warning`: `299 - "<text>"`, at most 4096 bytes in all.
pub const WARNING: &str = "Warning";
/// `Retry-After` (distribution-spec `main`): on `429` responses.
pub const RETRY_AFTER: &str = "Retry-After";
/// `WWW-Authenticate`: the challenge of a `401` response.
pub const WWW_AUTHENTICATE: &str = "WWW-Authenticate";
/// The `OCI-Filters-Applied` value of a referrers response filtered by
/// artifact type.
pub const FILTER_ARTIFACT_TYPE: &str = "artifactType";
/// The largest total size of `Warning` data a response may carry, in bytes.
pub const WARNING_MAX_TOTAL_BYTES: usize = 4096;
/// The warn-code of every registry `Warning` header.
pub const WARNING_CODE: u16 = 299;

// ---- Paths ---------------------------------------------------------------

/// `/v2/`: the API root (end-1, `GET`).
pub const API_PREFIX: &str = "/v2/";
/// `/v2/_catalog`: the legacy repository list (a reserved prior extension).
pub const CATALOG_PATH: &str = concatcp!(API_PREFIX, "_catalog");
/// `/v2/_oci/ext/discover`: the registry's extension list.
pub const EXTENSIONS_DISCOVER_PATH: &str = concatcp!(API_PREFIX, EXT_DISCOVER);
const EXT_DISCOVER: &str = "_oci/ext/discover";

/// One endpoint of the spec's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    id: &'static str,
    methods: &'static [&'static str],
    path: &'static str,
    success: &'static [u16],
    failure: &'static [u16],
}

impl Endpoint {
    /// The spec's identifier, such as `end-3`.
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// The HTTP methods, such as `GET` and `HEAD`.
    pub const fn methods(&self) -> &'static [&'static str] {
        self.methods
    }

    /// The path template with `<name>`, `<digest>`, `<reference>` holes.
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// The success status codes.
    pub const fn success(&self) -> &'static [u16] {
        self.success
    }

    /// The failure status codes the spec's table lists.
    pub const fn failure(&self) -> &'static [u16] {
        self.failure
    }
}

macro_rules! endpoints {
    ($($id:literal [$($m:literal),+] $path:expr, [$($ok:literal),+], [$($ko:literal),+];)+) => {
        /// The endpoints of distribution-spec v1.1.1, in the spec's order.
        pub const ENDPOINTS: &[Endpoint] = &[$(Endpoint {
            id: $id,
            methods: &[$($m),+],
            path: $path,
            success: &[$($ok),+],
            failure: &[$($ko),+],
        }),+];
    };
}

endpoints! {
    "end-1" ["GET"] API_PREFIX, [200], [404, 401];
    "end-2" ["GET", "HEAD"] concatcp!(API_PREFIX, "<name>/blobs/<digest>"), [200], [404];
    "end-3" ["GET", "HEAD"] concatcp!(API_PREFIX, "<name>/manifests/<reference>"), [200], [404];
    "end-4a" ["POST"] concatcp!(API_PREFIX, "<name>/blobs/uploads/"), [202], [404];
    "end-4b" ["POST"] concatcp!(API_PREFIX, "<name>/blobs/uploads/?digest=<digest>"), [201, 202], [404, 400];
    "end-5" ["PATCH"] concatcp!(API_PREFIX, "<name>/blobs/uploads/<reference>"), [202], [404, 416];
    "end-6" ["PUT"] concatcp!(API_PREFIX, "<name>/blobs/uploads/<reference>?digest=<digest>"), [201], [404, 400];
    "end-7" ["PUT"] concatcp!(API_PREFIX, "<name>/manifests/<reference>"), [201], [404, 413];
    "end-8a" ["GET"] concatcp!(API_PREFIX, "<name>/tags/list"), [200], [404];
    "end-8b" ["GET"] concatcp!(API_PREFIX, "<name>/tags/list?n=<integer>&last=<tag>"), [200], [404];
    "end-9" ["DELETE"] concatcp!(API_PREFIX, "<name>/manifests/<reference>"), [202], [404, 400, 405];
    "end-10" ["DELETE"] concatcp!(API_PREFIX, "<name>/blobs/<digest>"), [202], [404, 400, 405];
    "end-11" ["POST"] concatcp!(API_PREFIX, "<name>/blobs/uploads/?mount=<digest>&from=<other_name>"), [201, 202], [404];
    "end-12a" ["GET"] concatcp!(API_PREFIX, "<name>/referrers/<digest>"), [200], [404, 400];
    "end-12b" ["GET"] concatcp!(API_PREFIX, "<name>/referrers/<digest>?artifactType=<artifactType>"), [200], [404, 400];
    "end-13" ["GET"] concatcp!(API_PREFIX, "<name>/blobs/uploads/<reference>"), [204], [404];
}

fn repo_path(name: &RepositoryName, rest: &[&str]) -> String {
    let mut s = String::with_capacity(
        API_PREFIX.len() + name.as_str().len() + rest.iter().map(|r| r.len()).sum::<usize>(),
    );
    s.push_str(API_PREFIX);
    s.push_str(name.as_str());
    for r in rest {
        s.push_str(r);
    }
    s
}

/// Appends `value` percent-encoded for a query (everything but RFC 3986
/// unreserved characters and `/`).
fn push_query_value(out: &mut String, value: &str) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// `/v2/<name>/blobs/<digest>` (end-2 `GET`/`HEAD`, end-10 `DELETE`).
pub fn blob_path(name: &RepositoryName, digest: &Digest) -> String {
    repo_path(name, &["/blobs/", digest.as_str()])
}

/// `/v2/<name>/manifests/<reference>` (end-3, end-7, end-9); `reference` is
/// a tag or a digest ([`crate::distribution::Tag`], [`Digest`], or
/// [`crate::distribution::Reference::manifest_reference`]).
pub fn manifest_path(name: &RepositoryName, reference: impl AsRef<str>) -> String {
    repo_path(name, &["/manifests/", reference.as_ref()])
}

/// `/v2/<name>/blobs/uploads/` (end-4a `POST`): opens an upload session.
pub fn upload_path(name: &RepositoryName) -> String {
    repo_path(name, &["/blobs/uploads/"])
}

/// `/v2/<name>/blobs/uploads/?digest=<digest>` (end-4b `POST`): a
/// monolithic upload in one request.
pub fn upload_with_digest_path(name: &RepositoryName, digest: &Digest) -> String {
    let mut s = repo_path(name, &["/blobs/uploads/?digest="]);
    push_query_value(&mut s, digest.as_str());
    s
}

/// `/v2/<name>/blobs/uploads/<reference>` (end-5 `PATCH`, end-13 `GET`):
/// an upload session; `reference` is the session's opaque identifier.
/// Registries usually hand out a full `Location` to use instead.
pub fn upload_session_path(name: &RepositoryName, reference: impl AsRef<str>) -> String {
    repo_path(name, &["/blobs/uploads/", reference.as_ref()])
}

/// `/v2/<name>/blobs/uploads/<reference>?digest=<digest>` (end-6 `PUT`):
/// closes an upload session.
pub fn upload_complete_path(
    name: &RepositoryName,
    reference: impl AsRef<str>,
    digest: &Digest,
) -> String {
    let mut s = repo_path(name, &["/blobs/uploads/", reference.as_ref(), "?digest="]);
    push_query_value(&mut s, digest.as_str());
    s
}

/// `/v2/<name>/blobs/uploads/?mount=<digest>&from=<other_name>` (end-11
/// `POST`): mounts a blob from another repository.
pub fn mount_path(name: &RepositoryName, digest: &Digest, from: &RepositoryName) -> String {
    let mut s = repo_path(name, &["/blobs/uploads/?mount="]);
    push_query_value(&mut s, digest.as_str());
    s.push_str("&from=");
    push_query_value(&mut s, from.as_str());
    s
}

/// `/v2/<name>/tags/list[?n=<n>&last=<last>]` (end-8a/8b `GET`).
pub fn tags_list_path(name: &RepositoryName, n: Option<u32>, last: Option<&str>) -> String {
    let mut s = repo_path(name, &["/tags/list"]);
    let mut sep = '?';
    if let Some(n) = n {
        let _ = write!(s, "{sep}n={n}");
        sep = '&';
    }
    if let Some(last) = last {
        s.push(sep);
        s.push_str("last=");
        push_query_value(&mut s, last);
    }
    s
}

/// `/v2/<name>/referrers/<digest>[?artifactType=<type>]` (end-12a/12b `GET`).
pub fn referrers_path(
    name: &RepositoryName,
    digest: &Digest,
    artifact_type: Option<&str>,
) -> String {
    let mut s = repo_path(name, &["/referrers/", digest.as_str()]);
    if let Some(t) = artifact_type {
        s.push_str("?artifactType=");
        push_query_value(&mut s, t);
    }
    s
}

/// `/v2/<name>/_oci/ext/discover`: a repository's extension list.
pub fn repository_extensions_discover_path(name: &RepositoryName) -> String {
    repo_path(name, &["/", EXT_DISCOVER])
}

/// A `Warning` header value: `299 - "<text>"` (quotes and backslashes in
/// `text` are escaped).
pub fn warning_value(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    s.push_str("299 - \"");
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('"');
    s
}

/// A `Content-Range` value `<start>-<end>` (inclusive).
pub fn content_range_value(start: u64, end: u64) -> String {
    format!("{start}-{end}")
}

/// Parses `<start>-<end>` (a `Content-Range` or `Range` value matching
/// `^[0-9]+-[0-9]+$`); `None` when it does not match or `end < start`.
pub fn parse_range(value: &str) -> Option<(u64, u64)> {
    let (a, b) = value.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(a) || !digits(b) {
        return None;
    }
    let (start, end) = (a.parse().ok()?, b.parse().ok()?);
    (end >= start).then_some((start, end))
}

/// The target of the `rel="next"` link of a `Link` header value, such as
/// `</v2/a/tags/list?n=2&last=b>; rel="next"`.
pub fn next_link(link: &str) -> Option<&str> {
    link.split(',').find_map(|entry| {
        let entry = entry.trim();
        let rest = entry.strip_prefix('<')?;
        let (target, params) = rest.split_once('>')?;
        params
            .split(';')
            .map(str::trim)
            .any(|p| {
                p.strip_prefix("rel=").is_some_and(|v| {
                    v.trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("next"))
                })
            })
            .then_some(target)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn name() -> RepositoryName {
        "a/b".parse().unwrap()
    }

    #[test]
    fn paths() {
        let d: Digest = D.parse().unwrap();
        let n = name();
        assert_eq!(CATALOG_PATH, "/v2/_catalog");
        assert_eq!(EXTENSIONS_DISCOVER_PATH, "/v2/_oci/ext/discover");
        assert_eq!(blob_path(&n, &d), format!("/v2/a/b/blobs/{D}"));
        assert_eq!(manifest_path(&n, &d), format!("/v2/a/b/manifests/{D}"));
        assert_eq!(upload_path(&n), "/v2/a/b/blobs/uploads/");
        assert_eq!(
            upload_with_digest_path(&n, &d),
            format!("/v2/a/b/blobs/uploads/?digest=sha256%3A{}", &D[7..])
        );
        assert_eq!(
            upload_session_path(&n, "uuid"),
            "/v2/a/b/blobs/uploads/uuid"
        );
        assert!(
            upload_complete_path(&n, "uuid", &d)
                .starts_with("/v2/a/b/blobs/uploads/uuid?digest=sha256%3A")
        );
        assert!(mount_path(&n, &d, &"c".parse().unwrap()).ends_with("&from=c"));
        assert_eq!(tags_list_path(&n, None, None), "/v2/a/b/tags/list");
        assert_eq!(
            tags_list_path(&n, Some(2), Some("v1")),
            "/v2/a/b/tags/list?n=2&last=v1"
        );
        assert_eq!(
            tags_list_path(&n, None, Some("v1")),
            "/v2/a/b/tags/list?last=v1"
        );
        assert_eq!(
            referrers_path(&n, &d, Some("application/vnd.x+json")),
            format!("/v2/a/b/referrers/{D}?artifactType=application/vnd.x%2Bjson")
        );
        assert_eq!(
            repository_extensions_discover_path(&n),
            "/v2/a/b/_oci/ext/discover"
        );
    }

    #[test]
    fn endpoint_table() {
        assert_eq!(ENDPOINTS.len(), 16);
        assert_eq!(ENDPOINTS[0].path(), "/v2/");
        assert!(ENDPOINTS.iter().all(|e| e.path().starts_with(API_PREFIX)));
        let e3 = ENDPOINTS.iter().find(|e| e.id() == "end-3").unwrap();
        assert_eq!(e3.path(), "/v2/<name>/manifests/<reference>");
        assert_eq!(e3.methods(), ["GET", "HEAD"]);
        assert_eq!(e3.success(), [200]);
        assert_eq!(e3.failure(), [404]);
    }

    #[test]
    fn header_helpers() {
        assert_eq!(warning_value("a \"b\""), r#"299 - "a \"b\"""#);
        assert_eq!(content_range_value(0, 99), "0-99");
        assert_eq!(parse_range("0-99"), Some((0, 99)));
        assert_eq!(parse_range("bytes=0-99"), None);
        assert_eq!(parse_range("5-1"), None);
        assert_eq!(parse_range("-1"), None);
        assert_eq!(
            next_link(r#"</v2/a/tags/list?n=2&last=b>; rel="next""#),
            Some("/v2/a/tags/list?n=2&last=b")
        );
        assert_eq!(next_link(r#"<x>; rel="prev", <y>; rel=next"#), Some("y"));
        assert_eq!(next_link("garbage"), None);
    }
}
