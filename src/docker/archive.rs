//! docker-archive: the `docker save` / `docker load` format (feature
//! `layout-tar`), [Docker image spec v1.2, combined image JSON + filesystem
//! changeset format](https://github.com/moby/docker-image-spec/blob/v1.2.0/spec.md#combined-image-json--filesystem-changeset-format).
//!
//! A tar archive with `manifest.json` (one entry per image: `Config`, the
//! configuration's member name; `RepoTags`; `Layers`, the layer tars' member
//! names, base first), the configurations, the layer tars, and the legacy
//! `repositories` and `<id>/json` members. Archives of Docker 25 and later
//! are also OCI image layouts (their members are `blobs/sha256/<hex>`).
//!
//! Reading scans the headers once and reads members in place, with the
//! care of [`crate::image::layout::LayoutArchive`]: names with `..`, an
//! absolute path, a backslash or not UTF-8 are refused, and so is a name
//! seen twice. Symbolic and hard links between members are normal here
//! (skopeo and `docker save` link repeated layers) and are followed inside
//! the archive, at most [`MAX_LINKS`] deep; a link whose target leaves the
//! archive is refused. Documents are read up to
//! [`crate::image::layout::MAX_DOCUMENT_SIZE`]; layers are hashed as they
//! stream.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::docker::{DockerError, Loss, config_to_oci, rules};
use crate::image::layout::archive::normalize;
use crate::image::layout::{ImageLayout, MAX_DOCUMENT_SIZE, ReadLayout};
use crate::image::{
    Compression, Descriptor, Digest, DigestHasher, ImageConfiguration, ImageManifest,
    ImageManifestBuilder, MediaType, Stored,
};
use crate::spec_struct;
use crate::validate::{ValidationReport, Violation, quote};

/// How many links a member name may go through.
pub const MAX_LINKS: usize = 8;

/// One image of `manifest.json`.
#[spec_struct(json = "PascalCase", access(get, get_mut, set))]
pub struct ArchiveImage {
    /// The member name of the image configuration.
    config: String,
    /// The image's names, `repository:tag`.
    repo_tags: Option<Vec<String>>,
    /// The member names of the layer tars, base first.
    layers: Vec<String>,
}

#[derive(Debug, Clone)]
enum Member {
    File { offset: u64, size: u64 },
    Dir,
    Link(String),
}

/// A docker-archive, opened in place.
#[derive(Debug)]
pub struct DockerArchive {
    path: PathBuf,
    members: BTreeMap<String, Member>,
    images: Vec<ArchiveImage>,
}

fn archive_error(entry: impl Into<String>, why: impl Into<String>) -> DockerError {
    DockerError::Archive {
        entry: entry.into(),
        why: why.into(),
    }
}

fn io_error(path: &Path, e: io::Error) -> DockerError {
    DockerError::Spec(crate::ModelError::File {
        path: path.to_path_buf(),
        source: e,
    })
}

/// The archive name a link at `name` pointing to `target` names, or why
/// it is refused.
fn link_target(name: &str, target: &[u8], symbolic: bool) -> Result<String, String> {
    let Ok(t) = std::str::from_utf8(target) else {
        return Err("is a link to a name that is not UTF-8: refused".to_owned());
    };
    if t.starts_with('/') {
        return Err(format!(
            "is a link to the absolute path {}: refused",
            quote(t)
        ));
    }
    // A symbolic link is relative to its folder, a hard link to the root.
    let mut parts: Vec<&str> = if symbolic {
        let mut p: Vec<&str> = name.split('/').collect();
        p.pop();
        p
    } else {
        Vec::new()
    };
    for part in t.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!(
                        "is a link to {}, outside the archive: refused",
                        quote(t)
                    ));
                }
            }
            p if p.contains('\\') => return Err(format!("is a link to {}: refused", quote(t))),
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err(format!(
            "is a link to {}, the archive's root: refused",
            quote(t)
        ));
    }
    Ok(parts.join("/"))
}

fn scan(path: &Path) -> Result<BTreeMap<String, Member>, DockerError> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    let mut archive = tar::Archive::new(file);
    let mut members = BTreeMap::new();
    for entry in archive.entries_with_seek().map_err(|e| io_error(path, e))? {
        let entry = entry.map_err(|e| io_error(path, e))?;
        let raw = entry.path_bytes().into_owned();
        let shown = String::from_utf8_lossy(&raw).into_owned();
        let name = match normalize(&raw) {
            Ok(Some(n)) => n,
            Ok(None) => continue,
            Err(why) => return Err(archive_error(shown, why)),
        };
        let t = entry.header().entry_type();
        let member = match t {
            tar::EntryType::Regular | tar::EntryType::Continuous => Member::File {
                offset: entry.raw_file_position(),
                size: entry.size(),
            },
            tar::EntryType::Directory => Member::Dir,
            tar::EntryType::Symlink | tar::EntryType::Link => {
                let target = entry
                    .link_name_bytes()
                    .ok_or_else(|| archive_error(&name, "is a link without a target: refused"))?;
                let to = link_target(&name, &target, t == tar::EntryType::Symlink)
                    .map_err(|why| archive_error(&name, why))?;
                Member::Link(to)
            }
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader => continue,
            _ => {
                return Err(archive_error(
                    name,
                    "is not a regular file, a directory or a link: refused",
                ));
            }
        };
        if members.insert(name.clone(), member).is_some() {
            return Err(archive_error(
                name,
                "appears more than once in the archive: refused",
            ));
        }
    }
    Ok(members)
}

/// The digest a member name spells (`<hex>.json`, `<hex>.tar`,
/// `blobs/sha256/<hex>`), if any.
fn named_digest(name: &str) -> Option<Digest> {
    let file = name.rsplit('/').next()?;
    let hex = match name.strip_prefix("blobs/sha256/") {
        Some(h) => h,
        None => file
            .strip_suffix(".json")
            .or_else(|| file.strip_suffix(".tar"))?,
    };
    Digest::parse(&format!("sha256:{hex}")).ok()
}

impl DockerArchive {
    /// Opens the archive at `path`: scans its members and reads
    /// `manifest.json`.
    ///
    /// # Errors
    /// [`DockerError::Archive`] for the first refused member or a missing
    /// `manifest.json`; [`DockerError::Spec`] when it cannot be read or
    /// does not decode.
    pub fn open<P: AsRef<Path>>(path: P) -> Result<Self, DockerError> {
        let path = path.as_ref().to_path_buf();
        let members = scan(&path)?;
        let mut archive = Self {
            path,
            members,
            images: Vec::new(),
        };
        let bytes = archive.read("manifest.json", MAX_DOCUMENT_SIZE)?;
        archive.images = crate::io::from_slice(&bytes)?;
        Ok(archive)
    }

    /// The file the archive was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The images of `manifest.json`.
    pub fn images(&self) -> &[ArchiveImage] {
        &self.images
    }

    /// True when the archive is also an OCI image layout (Docker 25 and
    /// later): it has `oci-layout` and `index.json`.
    pub fn is_oci_layout(&self) -> bool {
        self.members.contains_key("oci-layout") && self.members.contains_key("index.json")
    }

    /// The names of the members that are files, in name order.
    pub fn members(&self) -> impl Iterator<Item = &str> {
        self.members
            .iter()
            .filter(|(_, m)| matches!(m, Member::File { .. }))
            .map(|(n, _)| n.as_str())
    }

    /// Where the content of `name` is: offset and size, links followed.
    fn locate(&self, name: &str) -> Result<(u64, u64), DockerError> {
        let mut at = name.to_owned();
        for _ in 0..=MAX_LINKS {
            match self.members.get(&at) {
                Some(Member::File { offset, size }) => return Ok((*offset, *size)),
                Some(Member::Link(to)) => at.clone_from(to),
                Some(Member::Dir) => return Err(archive_error(name, "is a directory")),
                None if at == name => return Err(archive_error(name, "is not in the archive")),
                None => {
                    return Err(archive_error(
                        name,
                        format!("is a link to {}, which is not in the archive", quote(&at)),
                    ));
                }
            }
        }
        Err(archive_error(
            name,
            format!("goes through more than {MAX_LINKS} links: refused"),
        ))
    }

    /// A reader of the member `name` (links followed).
    ///
    /// # Errors
    /// [`DockerError::Archive`] when the member is missing, a directory or
    /// a link that leads nowhere; [`DockerError::Spec`] on I/O errors.
    pub fn open_member(&self, name: &str) -> Result<(impl Read + use<>, u64), DockerError> {
        let (offset, size) = self.locate(name)?;
        let mut f = File::open(&self.path).map_err(|e| io_error(&self.path, e))?;
        f.seek(SeekFrom::Start(offset))
            .map_err(|e| io_error(&self.path, e))?;
        Ok((f.take(size), size))
    }

    /// The bytes of the member `name`, when at most `limit` bytes long.
    ///
    /// # Errors
    /// As [`DockerArchive::open_member`]; [`DockerError::Archive`] when it
    /// is longer than `limit`.
    pub fn read(&self, name: &str, limit: u64) -> Result<Vec<u8>, DockerError> {
        let (mut r, size) = self.open_member(name)?;
        if size > limit {
            return Err(archive_error(
                name,
                format!("is {size} bytes long: more than the limit of {limit}"),
            ));
        }
        let mut out = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        r.read_to_end(&mut out)
            .map_err(|e| io_error(&self.path, e))?;
        Ok(out)
    }

    /// The digest and compression of the member `name`, hashed as it
    /// streams.
    fn hash(&self, name: &str) -> Result<(Digest, u64, Compression), DockerError> {
        let (mut r, size) = self.open_member(name)?;
        let mut hasher = DigestHasher::sha256();
        let mut buf = vec![0u8; 64 * 1024];
        let mut first = Vec::new();
        loop {
            let n = r.read(&mut buf).map_err(|e| io_error(&self.path, e))?;
            if n == 0 {
                break;
            }
            if first.len() < 4 {
                first.extend_from_slice(&buf[..n.min(4)]);
            }
            hasher.update(&buf[..n]);
        }
        let compression = match first.as_slice() {
            [0x1f, 0x8b, ..] => Compression::Gzip,
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
            _ => Compression::Uncompressed,
        };
        Ok((hasher.finalize(), size, compression))
    }

    /// Verifies every image: the configuration is there, decodes, and
    /// (when its name spells a digest) has that digest; there are as many
    /// layers as `rootfs.diff_ids`, and each layer's tar hashes to its
    /// DiffID (a compressed one is reported, and with the `layer` feature
    /// decompressed to check its DiffID; without it, not checked).
    /// Problems are reported with the member or `manifest.json` path.
    pub fn check(&self) -> ValidationReport {
        let mut out = Vec::new();
        for (i, image) in self.images.iter().enumerate() {
            let at = |what: &str| format!("manifest.json/{i}/{what}");
            let config = match self.read(&image.config, MAX_DOCUMENT_SIZE) {
                Ok(b) => b,
                Err(e) => {
                    out.push(Violation::new(
                        &rules::ARCHIVE_MEMBER,
                        at("Config"),
                        e.to_string(),
                    ));
                    continue;
                }
            };
            if let Some(want) = named_digest(&image.config) {
                let have = Digest::sha256_of(&config);
                if have != want {
                    out.push(Violation::new(
                        &rules::ARCHIVE_DIGEST,
                        image.config.clone(),
                        format!("the configuration hashes to {have}, not the {want} its name says"),
                    ));
                }
            }
            let diff_ids = match crate::io::from_slice::<ImageConfiguration>(&config) {
                Ok(c) => c.rootfs().diff_ids().clone(),
                Err(e) => {
                    out.push(Violation::new(
                        &rules::ARCHIVE_CONFIG,
                        image.config.clone(),
                        e.to_string(),
                    ));
                    continue;
                }
            };
            if diff_ids.len() != image.layers.len() {
                out.push(Violation::new(
                    &rules::ARCHIVE_LAYERS,
                    at("Layers"),
                    format!(
                        "{} layers but the configuration has {} diff_ids",
                        image.layers.len(),
                        diff_ids.len()
                    ),
                ));
            }
            for (j, layer) in image.layers.iter().enumerate() {
                match self.hash(layer) {
                    Err(e) => out.push(Violation::new(
                        &rules::ARCHIVE_MEMBER,
                        at(&format!("Layers/{j}")),
                        e.to_string(),
                    )),
                    Ok((_, _, c)) if c != Compression::Uncompressed => {
                        out.extend(self.check_compressed(layer, c, diff_ids.get(j)));
                    }
                    Ok((d, _, _)) => {
                        if let Some(want) = diff_ids.get(j) {
                            if d.as_str() != want {
                                out.push(Violation::new(
                                    &rules::ARCHIVE_DIGEST,
                                    layer.clone(),
                                    format!("the layer hashes to {d}, not to its diff_id {want}"),
                                ));
                            }
                        }
                    }
                }
            }
        }
        ValidationReport::from_violations(out)
    }

    /// The problems of the compressed layer tar `layer`: it is compressed
    /// (docker save writes plain tars), and, with the `layer` feature, its
    /// tar does not hash to `diff_id`.
    fn check_compressed(
        &self,
        layer: &str,
        c: Compression,
        diff_id: Option<&String>,
    ) -> Vec<Violation> {
        let name = match c {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            _ => "otherwise",
        };
        #[cfg(feature = "layer")]
        {
            let limit = crate::layer::Limits::default().max_size();
            let plain = self
                .open_member(layer)
                .map_err(|e| e.to_string())
                .and_then(|(r, _)| plain_tar_of(r, c, limit));
            let mut out = vec![Violation::new(
                &rules::ARCHIVE_LAYER_COMPRESSED,
                layer.to_owned(),
                format!(
                    "the layer is {name} compressed (its diff_id is checked through the decompression)"
                ),
            )];
            match plain {
                Err(why) => out.push(Violation::new(
                    &rules::ARCHIVE_DIGEST,
                    layer.to_owned(),
                    format!("the layer's tar cannot be read: {why}"),
                )),
                Ok((d, _)) => {
                    if let Some(want) = diff_id.filter(|w| d.as_str() != w.as_str()) {
                        out.push(Violation::new(
                            &rules::ARCHIVE_DIGEST,
                            layer.to_owned(),
                            format!("the layer's tar hashes to {d}, not to its diff_id {want}"),
                        ));
                    }
                }
            }
            out
        }
        #[cfg(not(feature = "layer"))]
        {
            let _ = (self, diff_id);
            vec![Violation::new(
                &rules::ARCHIVE_LAYER_COMPRESSED,
                layer.to_owned(),
                format!(
                    "the layer is {name} compressed: its diff_id is not checked (without the layer feature)"
                ),
            )]
        }
    }

    /// Writes every image to `layout` as an OCI image (the conversion
    /// skopeo does from a docker-archive: layers as they are, uncompressed
    /// ones as `application/vnd.oci.image.layer.v1.tar`, the configuration
    /// by [`config_to_oci`]), names it by each of its `RepoTags`, and
    /// returns each image's manifest descriptor and losses.
    ///
    /// # Errors
    /// As [`DockerArchive::open_member`]; [`DockerError::Spec`] when a
    /// configuration does not decode or the layout cannot be written.
    pub fn to_oci_layout(
        &self,
        layout: &mut ImageLayout,
    ) -> Result<Vec<(Descriptor, Vec<Loss>)>, DockerError> {
        let mut out = Vec::new();
        for image in &self.images {
            let config = self.read(&image.config, MAX_DOCUMENT_SIZE)?;
            let converted = config_to_oci(&config)?;
            let losses = converted
                .losses()
                .iter()
                .map(|l| Loss::new(format!("{}:{}", image.config, l.path()), l.what()))
                .collect();
            let config_d = layout.write_blob(MediaType::ImageConfig, converted.value())?;
            let mut layers = Vec::with_capacity(image.layers.len());
            for layer in &image.layers {
                let (_, _, compression) = self.hash(layer)?;
                let media_type = match compression {
                    Compression::Gzip => MediaType::ImageLayerGzip,
                    Compression::Zstd => MediaType::ImageLayerZstd,
                    _ => MediaType::ImageLayer,
                };
                let (r, _) = self.open_member(layer)?;
                layers.push(layout.write_blob_from(media_type, r)?);
            }
            let manifest = ImageManifestBuilder::default()
                .media_type(MediaType::ImageManifest)
                .config(config_d)
                .layers(layers)
                .build()?;
            let d = layout.write_stored(&Stored::new(manifest)?)?;
            match image.repo_tags.as_deref() {
                Some(tags) if !tags.is_empty() => {
                    for t in tags {
                        layout.add_manifest(d.clone(), Some(t))?;
                    }
                }
                _ => layout.add_manifest(d.clone(), None)?,
            }
            out.push((d, losses));
        }
        Ok(out)
    }

    /// Writes the images `images` (manifest descriptors of `layout`, each
    /// with its `repository:tag` names) as a docker-archive to `out`:
    /// `manifest.json`, each configuration as `<hex>.json` (its bytes
    /// unchanged), each layer once as `<hex>.tar`, uncompressed, named by
    /// its DiffID. Deterministic: members in a fixed order, mtime 0, owner
    /// 0, mode 0644.
    ///
    /// A gzip or zstd layer is decompressed (with the `layer` feature), as
    /// `docker save` and skopeo's `docker-archive:` write them (both write
    /// plain tars; `docker load` and skopeo also read compressed ones, but
    /// only a plain tar can be checked against its DiffID in place); the
    /// tar must hash to the configuration's `rootfs.diff_ids` entry.
    ///
    /// # Errors
    /// [`DockerError::Unconvertible`] for a layer that is neither a tar nor
    /// (with the `layer` feature) a gzip or zstd tar, or whose tar does not
    /// hash to its DiffID; [`DockerError::Spec`] when a blob cannot be read
    /// or a document does not decode.
    pub fn write<L: ReadLayout, W: Write>(
        layout: &L,
        images: &[(Descriptor, Vec<String>)],
        out: W,
    ) -> Result<W, DockerError> {
        let mut entries: Vec<ArchiveImage> = Vec::new();
        let mut files: BTreeMap<String, (Descriptor, Plain)> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for (i, (d, tags)) in images.iter().enumerate() {
            let bytes = layout.read_blob(d, MAX_DOCUMENT_SIZE)?;
            let m: ImageManifest = crate::io::from_slice(&bytes)?;
            let hex = |d: &Descriptor| d.digest().encoded().to_owned();
            let config = format!("{}.json", hex(m.config()));
            let config_bytes = layout.read_blob(m.config(), MAX_DOCUMENT_SIZE)?;
            let diff_ids = diff_ids_of(&config_bytes);
            let mut layers = Vec::new();
            for (j, l) in m.layers().iter().enumerate() {
                let path = || format!("images[{i}]/layers/{j}");
                let (digest, plain) = match l.media_type().compression() {
                    Some(Compression::Uncompressed) => (l.digest().clone(), Plain::AsIs),
                    #[cfg(feature = "layer")]
                    Some(c @ (Compression::Gzip | Compression::Zstd)) => {
                        let limit = crate::layer::Limits::default().max_size();
                        let (digest, size) = plain_tar_of(layout.open_blob(l)?, c, limit)
                            .map_err(|why| DockerError::Unconvertible { path: path(), why })?;
                        (digest, Plain::Decompress(c, size))
                    }
                    _ => {
                        return Err(DockerError::Unconvertible {
                            path: path(),
                            why: format!(
                                "{}: a docker-archive holds tar layers{}",
                                quote(l.media_type().as_str()),
                                if cfg!(feature = "layer") {
                                    ""
                                } else {
                                    " (gzip and zstd ones are decompressed with the layer feature)"
                                }
                            ),
                        });
                    }
                };
                match diff_ids.get(j) {
                    Some(want) if *want != digest.as_str() => {
                        return Err(DockerError::Unconvertible {
                            path: path(),
                            why: format!(
                                "the layer's tar hashes to {digest}, not to its diff_id {want}"
                            ),
                        });
                    }
                    _ => {}
                }
                let name = format!("{}.tar", digest.encoded());
                if files.insert(name.clone(), (l.clone(), plain)).is_none() {
                    order.push(name.clone());
                }
                layers.push(name);
            }
            if files
                .insert(config.clone(), (m.config().clone(), Plain::AsIs))
                .is_none()
            {
                order.push(config.clone());
            }
            let mut entry = ArchiveImageBuilder::default()
                .config(config)
                .layers(layers)
                .build()?;
            entry.set_repo_tags((!tags.is_empty()).then(|| tags.clone()));
            entries.push(entry);
        }
        let manifest = crate::io::to_vec(&entries, false)?;
        let mut b = tar::Builder::new(out);
        let header = |size: u64| {
            let mut h = tar::Header::new_ustar();
            h.set_mode(0o644);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(0);
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(size);
            h
        };
        let io = |e: io::Error| DockerError::Spec(crate::ModelError::Io(e));
        order.sort();
        for name in &order {
            let (d, plain) = &files[name];
            let r = layout.open_blob(d)?;
            match plain {
                Plain::AsIs => b.append_data(&mut header(d.size()), name, r).map_err(io)?,
                #[cfg(feature = "layer")]
                Plain::Decompress(c, size) => {
                    let tar = crate::layer::Decoder::new(r, *c).map_err(io)?;
                    b.append_data(&mut header(*size), name, Exact::new(tar, *size))
                        .map_err(io)?;
                }
            }
        }
        b.append_data(
            &mut header(manifest.len() as u64),
            "manifest.json",
            &manifest[..],
        )
        .map_err(io)?;
        b.into_inner().map_err(io)
    }
}

/// How a blob goes into a docker-archive.
#[derive(Debug, Clone, Copy)]
enum Plain {
    /// Its bytes unchanged.
    AsIs,
    /// Decompressed, the plain tar `u64` bytes long.
    #[cfg(feature = "layer")]
    Decompress(Compression, u64),
}

/// The `rootfs.diff_ids` of a configuration, as strings (none when it
/// does not decode: the archive's reader reports that).
fn diff_ids_of(config: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(config).unwrap_or_default();
    v.get("rootfs")
        .and_then(|r| r.get("diff_ids"))
        .and_then(serde_json::Value::as_array)
        .map(|a| {
            a.iter()
                .map(|d| d.as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The digest and size of the plain tar inside the `compression` layer
/// read from `r`, refused past `limit` uncompressed bytes (a gzip bomb must
/// not fill the disk with the archive being written).
#[cfg(feature = "layer")]
fn plain_tar_of<R: Read>(
    r: R,
    compression: Compression,
    limit: u64,
) -> Result<(Digest, u64), String> {
    let mut tar = crate::layer::Decoder::new(r, compression).map_err(|e| e.to_string())?;
    let mut hasher = DigestHasher::sha256();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = tar
            .read(&mut buf)
            .map_err(|e| format!("cannot decompress: {e}"))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
        if size > limit {
            return Err(format!(
                "the uncompressed tar is larger than the limit of {limit} bytes"
            ));
        }
    }
    Ok((hasher.finalize(), size))
}

/// A reader that gives exactly `left` bytes and fails when the source
/// ends early or has more (a blob that changed since it was measured must
/// not leave a tar member shorter or longer than its header says).
#[cfg(feature = "layer")]
struct Exact<R> {
    inner: R,
    left: u64,
}

#[cfg(feature = "layer")]
impl<R: Read> Exact<R> {
    fn new(inner: R, left: u64) -> Self {
        Self { inner, left }
    }
}

#[cfg(feature = "layer")]
impl<R: Read> Read for Exact<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            let mut one = [0u8; 1];
            return match self.inner.read(&mut one)? {
                0 => Ok(0),
                _ => Err(io::Error::other("the layer grew while it was written")),
            };
        }
        let want = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the layer shrank while it was written",
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

#[cfg(all(test, feature = "layer"))]
mod tests {
    use super::*;

    #[test]
    fn plain_tar_of_hashes_the_tar_and_stops_at_the_limit() {
        let tar = vec![0u8; 10_240];
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&tar).unwrap();
        let gz = e.finish().unwrap();
        assert_eq!(
            plain_tar_of(&gz[..], Compression::Gzip, 10_240).unwrap(),
            (Digest::sha256_of(&tar), 10_240)
        );
        assert_eq!(
            plain_tar_of(&gz[..], Compression::Gzip, 10_239).unwrap_err(),
            "the uncompressed tar is larger than the limit of 10239 bytes"
        );
        assert!(
            plain_tar_of(&b"\x1f\x8bnot gzip"[..], Compression::Gzip, 1 << 20)
                .unwrap_err()
                .starts_with("cannot decompress: ")
        );
    }

    #[test]
    fn exact_fails_on_a_short_or_long_source() {
        let mut out = Vec::new();
        assert!(io::copy(&mut Exact::new(&b"abc"[..], 4), &mut out).is_err());
        assert!(io::copy(&mut Exact::new(&b"abcde"[..], 4), &mut out).is_err());
        out.clear();
        assert_eq!(
            io::copy(&mut Exact::new(&b"abcd"[..], 4), &mut out).unwrap(),
            4
        );
        assert_eq!(out, b"abcd");
    }
}
