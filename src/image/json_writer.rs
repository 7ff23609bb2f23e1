//! A hand-written compact JSON writer for the image documents on hot paths
//! (descriptors, indexes, manifests, image configurations), byte for byte what serde_json writes for
//! them, but without escaping the values that cannot need it: validated
//! digests, known media types, architectures and OS names. serde_json's
//! string escaping is most of the cost of serializing a large index.
//!
//! Only the compact form is hand-written; pretty output and any other serde
//! serializer use the derived `Serialize`. The tests compare both writers.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::io::CompactJson;

use super::{
    Arch, Config, Descriptor, History, ImageConfiguration, ImageIndex, ImageManifest, MediaType,
    Os, Platform, RootFs,
};

/// True when some byte of `bytes` must be escaped in a JSON string.
///
/// No early exit: the loop has no branch per byte, so the compiler turns it
/// into a few vector instructions per 16 bytes, and most strings have
/// nothing to escape.
fn needs_escape(bytes: &[u8]) -> bool {
    bytes.iter().fold(0u8, |any, &b| {
        any | u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\')
    }) != 0
}

/// Writes `s` as a JSON string, escaped exactly as serde_json escapes.
fn string<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    if !needs_escape(s.as_bytes()) {
        return plain(w, s);
    }
    escaped(w, s)
}

/// Writes `s` as a JSON string, escaping byte by byte.
fn escaped<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    w.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        w.write_all(&bytes[start..i])?;
        if short.is_empty() {
            let u = [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ];
            w.write_all(&u)?;
        } else {
            w.write_all(short)?;
        }
        start = i + 1;
    }
    w.write_all(&bytes[start..])?;
    w.write_all(b"\"")
}

/// Writes a string known to need no escaping.
fn plain<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    w.write_all(b"\"")?;
    w.write_all(s.as_bytes())?;
    w.write_all(b"\"")
}

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
    serde_json::to_writer(w, c).map_err(io::Error::from)
}

fn rootfs<W: Write>(w: &mut W, r: &RootFs) -> io::Result<()> {
    w.write_all(b"{\"type\":")?;
    string(w, r.typ())?;
    w.write_all(b",\"diff_ids\":")?;
    // Validated digests: nothing to escape.
    array(w, r.diff_ids(), |w, d| plain(w, d.as_str()))?;
    w.write_all(b"}")
}

fn history<W: Write>(w: &mut W, h: &History) -> io::Result<()> {
    // The first member written has no comma before it.
    let mut sep: &[u8] = b"{";
    if let Some(v) = h.created() {
        w.write_all(sep)?;
        w.write_all(b"\"created\":")?;
        string(w, v)?;
        sep = b",";
    }
    if let Some(v) = h.author() {
        w.write_all(sep)?;
        w.write_all(b"\"author\":")?;
        string(w, v)?;
        sep = b",";
    }
    if let Some(v) = h.created_by() {
        w.write_all(sep)?;
        w.write_all(b"\"created_by\":")?;
        string(w, v)?;
        sep = b",";
    }
    if let Some(v) = h.comment() {
        w.write_all(sep)?;
        w.write_all(b"\"comment\":")?;
        string(w, v)?;
        sep = b",";
    }
    if let Some(v) = h.empty_layer() {
        w.write_all(sep)?;
        w.write_all(if v {
            b"\"empty_layer\":true"
        } else {
            b"\"empty_layer\":false"
        })?;
        sep = b",";
    }
    if sep == b"{" {
        w.write_all(b"{")?;
    }
    w.write_all(b"}")
}

/// Writes `,"key":` and the string `value` when it is present.
fn opt_string<W: Write>(w: &mut W, key: &[u8], value: Option<&String>) -> io::Result<()> {
    if let Some(v) = value {
        w.write_all(key)?;
        string(w, v)?;
    }
    Ok(())
}

fn configuration<W: Write>(w: &mut W, c: &ImageConfiguration) -> io::Result<()> {
    // `architecture` is REQUIRED and always written, so it carries the
    // opening brace when nothing comes before it.
    let mut open = true;
    if let Some(v) = c.created() {
        w.write_all(b"{\"created\":")?;
        string(w, v)?;
        open = false;
    }
    if let Some(v) = c.author() {
        w.write_all(if open {
            b"{\"author\":"
        } else {
            b",\"author\":"
        })?;
        string(w, v)?;
        open = false;
    }
    w.write_all(if open {
        b"{\"architecture\":"
    } else {
        b",\"architecture\":"
    })?;
    arch(w, c.architecture())?;
    w.write_all(b",\"os\":")?;
    os(w, c.os())?;
    opt_string(w, b",\"os.version\":", c.os_version().as_ref())?;
    if let Some(f) = c.os_features() {
        w.write_all(b",\"os.features\":")?;
        strings(w, f)?;
    }
    opt_string(w, b",\"variant\":", c.variant().as_ref())?;
    if let Some(cfg) = c.config() {
        w.write_all(b",\"config\":")?;
        container_config(w, cfg)?;
    }
    w.write_all(b",\"rootfs\":")?;
    rootfs(w, c.rootfs())?;
    if let Some(h) = c.history() {
        w.write_all(b",\"history\":")?;
        array(w, h, history)?;
    }
    opt_string(w, b",\"id\":", c.id().as_ref())?;
    opt_string(w, b",\"parent\":", c.parent().as_ref())?;
    opt_string(w, b",\"comment\":", c.comment().as_ref())?;
    opt_string(w, b",\"container\":", c.container().as_ref())?;
    if let Some(cfg) = c.container_config() {
        w.write_all(b",\"container_config\":")?;
        container_config(w, cfg)?;
    }
    opt_string(w, b",\"docker_version\":", c.docker_version().as_ref())?;
    if let Some(size) = c.size() {
        w.write_all(b",\"Size\":")?;
        w.write_all(itoa::Buffer::new().format(size).as_bytes())?;
    }
    w.write_all(b"}")
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
    fn escaping_matches_serde_json_for_every_ascii_byte_and_unicode() {
        let mut s: String = (0u8..=0x7f).map(char::from).collect();
        s.push_str("é€😀\u{2028}/");
        let mut fast = Vec::new();
        string(&mut fast, &s).unwrap();
        assert_eq!(fast, serde_json::to_vec(&s).unwrap());
        // Each byte that needs escaping, alone and inside longer text.
        for b in (0u8..0x20).chain([b'"', b'\\']) {
            let one = format!("{}", char::from(b));
            let long = format!("{}{one}{}", "a".repeat(40), "b".repeat(9));
            for s in [one, long] {
                assert!(needs_escape(s.as_bytes()));
                let mut fast = Vec::new();
                string(&mut fast, &s).unwrap();
                assert_eq!(fast, serde_json::to_vec(&s).unwrap());
            }
        }
        assert!(!needs_escape(
            "plain text, 日本 é and / ~ \u{7f}".as_bytes()
        ));
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
