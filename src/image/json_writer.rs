//! A hand-written compact JSON writer for the image documents on hot paths
//! (descriptors, indexes, manifests, image configurations), byte for byte
//! what serde_json writes for them, but without the serde calls per member
//! and without escaping the values that cannot need it: validated digests,
//! known media types, architectures and OS names.
//!
//! Only the compact form is hand-written; pretty output goes through the
//! derived `Serialize` and the crate's serializer (`crate::json`). The tests
//! compare the writers with serde_json.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::io::CompactJson;
use crate::json::{plain, string};

use super::{
    Arch, Config, Descriptor, History, ImageConfiguration, ImageIndex, ImageManifest, MediaType,
    Os, Platform, RootFs,
};

fn media_type<W: Write>(w: &mut W, m: &MediaType) -> io::Result<()> {
    match m {
        MediaType::Other(s) => string(w, s),
        known => plain(w, known.as_str()),
    }
}

fn arch<W: Write>(w: &mut W, a: &Arch) -> io::Result<()> {
    match a {
        Arch::Other(s) => string(w, s),
        known => plain(w, known.as_str()),
    }
}

fn os<W: Write>(w: &mut W, o: &Os) -> io::Result<()> {
    match o {
        Os::Other(s) => string(w, s),
        known => plain(w, known.as_str()),
    }
}

/// Writes `items` as a JSON array, each with `each`.
fn array<W: Write, T>(
    w: &mut W,
    items: &[T],
    mut each: impl FnMut(&mut W, &T) -> io::Result<()>,
) -> io::Result<()> {
    w.write_all(b"[")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        each(w, item)?;
    }
    w.write_all(b"]")
}

fn strings<W: Write>(w: &mut W, items: &[String]) -> io::Result<()> {
    array(w, items, |w, s| string(w, s))
}

fn map<W: Write>(w: &mut W, m: &BTreeMap<String, String>) -> io::Result<()> {
    w.write_all(b"{")?;
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        string(w, k)?;
        w.write_all(b":")?;
        string(w, v)?;
    }
    w.write_all(b"}")
}

fn platform<W: Write>(w: &mut W, p: &Platform) -> io::Result<()> {
    w.write_all(b"{\"architecture\":")?;
    arch(w, p.architecture())?;
    w.write_all(b",\"os\":")?;
    os(w, p.os())?;
    if let Some(v) = p.os_version() {
        w.write_all(b",\"os.version\":")?;
        string(w, v)?;
    }
    if let Some(f) = p.os_features() {
        w.write_all(b",\"os.features\":")?;
        strings(w, f)?;
    }
    if let Some(v) = p.variant() {
        w.write_all(b",\"variant\":")?;
        string(w, v)?;
    }
    if let Some(f) = p.features() {
        w.write_all(b",\"features\":")?;
        strings(w, f)?;
    }
    w.write_all(b"}")
}

// The optional members below are written out one by one on purpose: a
// generic "write if present" helper measured 9-10 % slower on the
// 10,000-entry index.
fn descriptor<W: Write>(w: &mut W, d: &Descriptor) -> io::Result<()> {
    w.write_all(b"{\"mediaType\":")?;
    media_type(w, d.media_type())?;
    // A `Digest` only holds [a-zA-Z0-9+._=:-]: nothing to escape.
    w.write_all(b",\"digest\":")?;
    plain(w, d.digest().as_str())?;
    w.write_all(b",\"size\":")?;
    w.write_all(itoa::Buffer::new().format(d.size()).as_bytes())?;
    if let Some(urls) = d.urls() {
        w.write_all(b",\"urls\":")?;
        strings(w, urls)?;
    }
    if let Some(a) = d.annotations() {
        w.write_all(b",\"annotations\":")?;
        map(w, a)?;
    }
    if let Some(data) = d.data() {
        w.write_all(b",\"data\":")?;
        string(w, data)?;
    }
    if let Some(t) = d.artifact_type() {
        w.write_all(b",\"artifactType\":")?;
        media_type(w, t)?;
    }
    if let Some(p) = d.platform() {
        w.write_all(b",\"platform\":")?;
        platform(w, p)?;
    }
    w.write_all(b"}")
}

fn descriptors<W: Write>(w: &mut W, items: &[Descriptor]) -> io::Result<()> {
    array(w, items, descriptor)
}

/// The members every manifest and index start with.
fn head<W: Write>(
    w: &mut W,
    schema_version: u32,
    own_type: Option<&MediaType>,
    artifact_type: Option<&MediaType>,
) -> io::Result<()> {
    w.write_all(b"{\"schemaVersion\":")?;
    w.write_all(itoa::Buffer::new().format(schema_version).as_bytes())?;
    if let Some(m) = own_type {
        w.write_all(b",\"mediaType\":")?;
        media_type(w, m)?;
    }
    if let Some(t) = artifact_type {
        w.write_all(b",\"artifactType\":")?;
        media_type(w, t)?;
    }
    Ok(())
}

/// The members every manifest and index end with.
fn tail<W: Write>(
    w: &mut W,
    subject: Option<&Descriptor>,
    annotations: Option<&BTreeMap<String, String>>,
) -> io::Result<()> {
    if let Some(s) = subject {
        w.write_all(b",\"subject\":")?;
        descriptor(w, s)?;
    }
    if let Some(a) = annotations {
        w.write_all(b",\"annotations\":")?;
        map(w, a)?;
    }
    w.write_all(b"}")
}

impl CompactJson for Descriptor {
    fn write_compact_json<W: Write>(&self, w: &mut W) -> Option<io::Result<()>> {
        Some(descriptor(w, self))
    }
}

impl CompactJson for ImageIndex {
    fn write_compact_json<W: Write>(&self, w: &mut W) -> Option<io::Result<()>> {
        let run = |w: &mut W| {
            head(
                w,
                self.schema_version(),
                self.media_type().as_ref(),
                self.artifact_type().as_ref(),
            )?;
            w.write_all(b",\"manifests\":")?;
            descriptors(w, self.manifests())?;
            tail(w, self.subject().as_ref(), self.annotations().as_ref())
        };
        Some(run(w))
    }
}

impl CompactJson for ImageManifest {
    fn write_compact_json<W: Write>(&self, w: &mut W) -> Option<io::Result<()>> {
        let run = |w: &mut W| {
            head(
                w,
                self.schema_version(),
                self.media_type().as_ref(),
                self.artifact_type().as_ref(),
            )?;
            w.write_all(b",\"config\":")?;
            descriptor(w, self.config())?;
            w.write_all(b",\"layers\":")?;
            descriptors(w, self.layers())?;
            tail(w, self.subject().as_ref(), self.annotations().as_ref())
        };
        Some(run(w))
    }
}

/// `config` and `container_config`: written by their derived `Serialize`
/// (one object of many rare Docker fields, not a hot path).
fn container_config<W: Write>(w: &mut W, c: &Config) -> io::Result<()> {
    crate::json::to_writer(w, c, false).map_err(io::Error::from)
}

fn rootfs<W: Write>(w: &mut W, r: &RootFs) -> io::Result<()> {
    w.write_all(b"{\"type\":")?;
    string(w, r.typ())?;
    w.write_all(b",\"diff_ids\":")?;
    // Validated digests: nothing to escape.
    array(w, r.diff_ids(), |w, d| plain(w, d.as_str()))?;
    w.write_all(b"}")
}

/// An object whose members are all optional: the first one written opens
/// it, the others get a comma. Its methods are always inlined: as calls,
/// the 200-entry history serialized with 22 % more instructions.
struct Members {
    open: bool,
}

#[allow(clippy::inline_always, reason = "measured: see the type's doc")]
impl Members {
    #[inline(always)]
    fn string<W: Write>(&mut self, w: &mut W, key: &[u8], v: Option<&String>) -> io::Result<()> {
        match v {
            Some(v) => {
                self.key(w, key)?;
                string(w, v)
            }
            None => Ok(()),
        }
    }

    /// Writes `{` or `,`, then `key` (`"name":`).
    #[inline(always)]
    fn key<W: Write>(&mut self, w: &mut W, key: &[u8]) -> io::Result<()> {
        w.write_all(if self.open { b"{" } else { b"," })?;
        self.open = false;
        w.write_all(key)
    }

    #[inline(always)]
    fn end<W: Write>(self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.open { b"{}" } else { b"}" })
    }
}

fn history<W: Write>(w: &mut W, h: &History) -> io::Result<()> {
    let mut m = Members { open: true };
    m.string(w, b"\"created\":", h.created().as_ref())?;
    m.string(w, b"\"author\":", h.author().as_ref())?;
    m.string(w, b"\"created_by\":", h.created_by().as_ref())?;
    m.string(w, b"\"comment\":", h.comment().as_ref())?;
    if let Some(v) = h.empty_layer() {
        m.key(w, b"\"empty_layer\":")?;
        w.write_all(if v { b"true" } else { b"false" })?;
    }
    m.end(w)
}

fn configuration<W: Write>(w: &mut W, c: &ImageConfiguration) -> io::Result<()> {
    let mut m = Members { open: true };
    m.string(w, b"\"created\":", c.created().as_ref())?;
    m.string(w, b"\"author\":", c.author().as_ref())?;
    m.key(w, b"\"architecture\":")?;
    arch(w, c.architecture())?;
    m.key(w, b"\"os\":")?;
    os(w, c.os())?;
    m.string(w, b"\"os.version\":", c.os_version().as_ref())?;
    if let Some(f) = c.os_features() {
        m.key(w, b"\"os.features\":")?;
        strings(w, f)?;
    }
    m.string(w, b"\"variant\":", c.variant().as_ref())?;
    if let Some(cfg) = c.config() {
        m.key(w, b"\"config\":")?;
        container_config(w, cfg)?;
    }
    m.key(w, b"\"rootfs\":")?;
    rootfs(w, c.rootfs())?;
    if let Some(h) = c.history() {
        m.key(w, b"\"history\":")?;
        array(w, h, history)?;
    }
    m.string(w, b"\"id\":", c.id().as_ref())?;
    m.string(w, b"\"parent\":", c.parent().as_ref())?;
    m.string(w, b"\"comment\":", c.comment().as_ref())?;
    m.string(w, b"\"container\":", c.container().as_ref())?;
    if let Some(cfg) = c.container_config() {
        m.key(w, b"\"container_config\":")?;
        container_config(w, cfg)?;
    }
    m.string(w, b"\"docker_version\":", c.docker_version().as_ref())?;
    if let Some(size) = c.size() {
        m.key(w, b"\"Size\":")?;
        w.write_all(itoa::Buffer::new().format(size).as_bytes())?;
    }
    m.end(w)
}

impl CompactJson for ImageConfiguration {
    fn write_compact_json<W: Write>(&self, w: &mut W) -> Option<io::Result<()>> {
        Some(configuration(w, self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both<T: CompactJson>(value: &T) -> (Vec<u8>, Vec<u8>) {
        let mut fast = Vec::new();
        value.write_compact_json(&mut fast).unwrap().unwrap();
        (fast, serde_json::to_vec(value).unwrap())
    }

    #[test]
    fn documents_match_serde_json() {
        let digest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
        let index = format!(
            r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","artifactType":"application/x.odd\"type","manifests":[{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{digest}","size":7143,"urls":["https://x/\u0001"],"annotations":{{"b":"2","a":"1\n"}},"data":"e30=","artifactType":"application/vnd.example+json","platform":{{"architecture":"ppc64le","os":"windows","os.version":"10.0","os.features":["win32k"],"variant":"v8","features":["x"]}}}},{{"mediaType":"application/x-other","digest":"{digest}","size":0,"platform":{{"architecture":"weird\\arch","os":"plan10"}}}}],"subject":{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{digest}","size":2}},"annotations":{{"k":"v"}}}}"#
        );
        let index: ImageIndex = index.parse().unwrap();
        let (fast, serde) = both(&index);
        assert_eq!(
            String::from_utf8(fast).unwrap(),
            String::from_utf8(serde).unwrap()
        );
        let minimal: ImageIndex = r#"{"schemaVersion":2,"manifests":[]}"#.parse().unwrap();
        let (fast, serde) = both(&minimal);
        assert_eq!(fast, serde);
        let manifest = format!(
            r#"{{"schemaVersion":2,"config":{{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{digest}","size":2,"data":"e30="}},"layers":[{{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{digest}","size":9223372036854775807}}],"artifactType":"application/vnd.example+json"}}"#
        );
        let manifest: ImageManifest = manifest.parse().unwrap();
        let (fast, serde) = both(&manifest);
        assert_eq!(fast, serde);
        let (fast, serde) = both(&manifest.layers()[0]);
        assert_eq!(fast, serde);
    }
}
