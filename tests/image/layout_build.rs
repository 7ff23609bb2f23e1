//! Image layouts ([image-layout.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md))
//! that the tests build from their own content, in the shapes tools leave
//! behind: several names in `index.json`, nested image indexes, blobs shared
//! between images, blobs nothing refers to, one name given to two manifests,
//! and one deliberate defect.
//!
//! Used by the `image` test binary (`layout.rs`, `layout_archive.rs`) and
//! by the `cross` one (`cli.rs`, through `#[path]`). The content is fixed
//! text and JSON written by our own serializer (no timestamps, maps in key
//! order), so two builds give the same bytes and the same digests.
//! The layers are short text under the gzip layer media type (placeholders,
//! as test layouts of other tools use): `check` warns about each once.
#![cfg(feature = "layout")]
#![allow(dead_code, reason = "each test binary uses a different part")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers fail the test loudly on a broken setup"
)]

use std::path::Path;

use oci_model::image::layout::{ImageLayout, ReadLayout};
use oci_model::image::{
    ANNOTATION_REF_NAME, Arch, ConfigBuilder, Descriptor, Digest, ImageConfigurationBuilder,
    ImageIndexBuilder, ImageManifestBuilder, MediaType, Os, Platform, RootFsBuilder, Stored,
};

/// One image: its manifest (with the platform an index gives it, if any)
/// and the blobs the manifest refers to.
#[derive(Debug, Clone)]
pub(crate) struct Image {
    pub(crate) manifest: Descriptor,
    pub(crate) config: Descriptor,
    pub(crate) layers: Vec<Descriptor>,
}

/// The layout [`multi`] builds. `index.json` lists, in this order:
///
/// | entry | name | what |
/// |---|---|---|
/// | 0 | `stable` | [`Multi::v21`], an index of [`Multi::v21_amd64`] (`linux/amd64`) and [`Multi::v21_arm64`] (`linux/arm64/v8`) |
/// | 1 | `2.1.0` | the same index |
/// | 2 | `2` | [`Multi::v21_amd64`]'s manifest |
/// | 3 | `2.1` | the same manifest |
/// | 4 | `2.0.4` | [`Multi::v204`], which shares its first layer with [`Multi::v21_amd64`] |
/// | 5 | `1.9.0` | [`Multi::v19`], an index of [`Multi::v19_amd64`] (`linux/amd64`) and [`Multi::v19_386`] (`linux/386`) |
/// | 6 | `1.0.0` | [`Multi::broken`]: shares [`Multi::v19_amd64`]'s configuration but gives its size one byte too large |
///
/// Nothing reachable refers to [`Multi::orphan`] (a manifest of a former
/// `2.0.3`), to its second layer [`Multi::orphan_layer`], nor to
/// [`Multi::stray`]; the orphan's configuration and first layer are shared
/// with [`Multi::v204`] and stay referenced.
pub(crate) struct Multi {
    pub(crate) layout: ImageLayout,
    pub(crate) v21: Descriptor,
    pub(crate) v21_amd64: Image,
    pub(crate) v21_arm64: Image,
    pub(crate) v204: Image,
    pub(crate) v19: Descriptor,
    pub(crate) v19_amd64: Image,
    pub(crate) v19_386: Image,
    pub(crate) broken: Image,
    pub(crate) orphan: Descriptor,
    pub(crate) orphan_layer: Descriptor,
    pub(crate) stray: Descriptor,
}

/// The names of [`multi`]'s `index.json`, in order.
pub(crate) const MULTI_NAMES: [&str; 7] =
    ["stable", "2.1.0", "2", "2.1", "2.0.4", "1.9.0", "1.0.0"];

impl Multi {
    /// Every blob file of the layout, each once: referenced or not.
    pub(crate) fn all_blobs(&self) -> Vec<&Descriptor> {
        let mut all = vec![
            &self.v21,
            &self.v19,
            &self.orphan,
            &self.orphan_layer,
            &self.stray,
        ];
        for image in [
            &self.v21_amd64,
            &self.v21_arm64,
            &self.v204,
            &self.v19_amd64,
            &self.v19_386,
            &self.broken,
        ] {
            all.push(&image.manifest);
            all.push(&image.config);
            all.extend(&image.layers);
        }
        // The broken image's configuration is v19_amd64's, under another size.
        all.sort_by(|a, b| a.digest().as_str().cmp(b.digest().as_str()));
        all.dedup_by(|a, b| a.digest() == b.digest());
        all
    }

    /// The blobs nothing reachable from `index.json` refers to.
    pub(crate) fn unreferenced(&self) -> Vec<&Descriptor> {
        vec![&self.orphan, &self.orphan_layer, &self.stray]
    }

    /// The distinct layers reachable from `index.json`.
    pub(crate) fn reachable_layers(&self) -> Vec<&Descriptor> {
        let mut layers: Vec<&Descriptor> = [
            &self.v21_amd64,
            &self.v21_arm64,
            &self.v204,
            &self.v19_amd64,
            &self.v19_386,
            &self.broken,
        ]
        .into_iter()
        .flat_map(|i| &i.layers)
        .collect();
        layers.sort_by(|a, b| a.digest().as_str().cmp(b.digest().as_str()));
        layers.dedup_by(|a, b| a.digest() == b.digest());
        layers
    }
}

/// The layout [`twice`] builds: `index.json` names both manifests `1.0.0`.
pub(crate) struct Twice {
    pub(crate) layout: ImageLayout,
    pub(crate) first: Image,
    pub(crate) second: Image,
}

/// Writes `text` as a layer blob (gzip media type, text content).
fn layer(layout: &ImageLayout, text: &str) -> Descriptor {
    layout
        .write_blob(MediaType::ImageLayerGzip, text.as_bytes())
        .unwrap()
}

/// Writes a configuration for `platform` whose `rootfs.diff_ids` name the
/// `layers` (the text is its own uncompressed form) and whose command is
/// `cmd`.
fn config(layout: &ImageLayout, platform: &Platform, layers: &[&str], cmd: &[&str]) -> Descriptor {
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|t| Digest::sha256_of(t.as_bytes()).to_string())
        .collect();
    let mut config = ImageConfigurationBuilder::default()
        .architecture(platform.architecture().clone())
        .os(platform.os().clone())
        .config(
            ConfigBuilder::default()
                .env(vec![
                    "PATH=/usr/bin:/bin".to_owned(),
                    "TERN_HOME=/opt/tern".to_owned(),
                ])
                .cmd(cmd.iter().map(|&s| s.to_owned()).collect::<Vec<_>>())
                .build()
                .unwrap(),
        )
        .rootfs(RootFsBuilder::default().diff_ids(diff_ids).build().unwrap())
        .build()
        .unwrap();
    config.set_variant(platform.variant().clone());
    layout.write_stored(&Stored::new(config).unwrap()).unwrap()
}

/// Writes a manifest of `config` and `layers`.
fn manifest(layout: &ImageLayout, config: &Descriptor, layers: &[Descriptor]) -> Descriptor {
    let m = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .config(config.clone())
        .layers(layers.to_vec())
        .build()
        .unwrap();
    layout.write_stored(&Stored::new(m).unwrap()).unwrap()
}

/// Writes an image for `platform` with one layer per text; its manifest
/// descriptor carries the platform.
fn image(layout: &ImageLayout, platform: &Platform, texts: &[&str], cmd: &[&str]) -> Image {
    let layers: Vec<Descriptor> = texts.iter().map(|t| layer(layout, t)).collect();
    let config = config(layout, platform, texts, cmd);
    let mut manifest = manifest(layout, &config, &layers);
    manifest.set_platform(Some(platform.clone()));
    Image {
        manifest,
        config,
        layers,
    }
}

/// Writes an image index of the `images`' manifests.
fn index(layout: &ImageLayout, images: &[&Image]) -> Descriptor {
    let i = ImageIndexBuilder::default()
        .media_type(MediaType::ImageIndex)
        .manifests(
            images
                .iter()
                .map(|i| i.manifest.clone())
                .collect::<Vec<_>>(),
        )
        .build()
        .unwrap();
    layout.write_stored(&Stored::new(i).unwrap()).unwrap()
}

/// `d` without a platform, named `name`, as an `index.json` entry.
fn entry(d: &Descriptor, name: &str) -> Descriptor {
    let mut d = d.clone();
    d.set_platform(None);
    d.set_annotations(Some(
        [(ANNOTATION_REF_NAME.to_owned(), name.to_owned())].into(),
    ));
    d
}

fn linux(arch: Arch, variant: Option<&str>) -> Platform {
    let mut p = Platform::new(arch, Os::Linux);
    p.set_variant(variant.map(str::to_owned));
    p
}

const BASE: &str = "tern test layer: base files shared by the 2.x images\n";

/// Builds the layout described at [`Multi`] in the new directory `root`.
pub(crate) fn multi(root: &Path) -> Multi {
    let mut layout = ImageLayout::create(root).unwrap();
    let amd64 = linux(Arch::Amd64, None);
    let arm64 = linux(Arch::ARM64, Some("v8"));
    let i386 = linux(Arch::i386, None);
    let v21_amd64 = image(
        &layout,
        &amd64,
        &[BASE, "tern test layer: 2.1 for amd64\n"],
        &["/opt/tern/bin/tern", "serve"],
    );
    let v21_arm64 = image(
        &layout,
        &arm64,
        &["tern test layer: 2.1 for arm64, base included\n"],
        &["/opt/tern/bin/tern", "serve"],
    );
    let v21 = index(&layout, &[&v21_amd64, &v21_arm64]);
    let v204 = image(
        &layout,
        &amd64,
        &[BASE, "tern test layer: 2.0.4 for amd64\n"],
        &["/opt/tern/bin/tern", "serve", "--legacy"],
    );
    let v19_amd64 = image(
        &layout,
        &amd64,
        &["tern test layer: 1.9 for amd64\n"],
        &["/opt/tern/tern.sh"],
    );
    let v19_386 = image(
        &layout,
        &i386,
        &["tern test layer: 1.9 for 386\n"],
        &["/opt/tern/tern.sh"],
    );
    let v19 = index(&layout, &[&v19_amd64, &v19_386]);
    // The defect: v19_amd64's configuration (one layer, as this image has)
    // described one byte larger than it is.
    let mut config = v19_amd64.config.clone();
    config.set_size(config.size() + 1);
    let layers = vec![layer(&layout, "tern test layer: 1.0 for amd64\n")];
    let broken = Image {
        manifest: manifest(&layout, &config, &layers),
        config,
        layers,
    };
    // What a removed tag and an interrupted build leave behind.
    let orphan_layer = layer(&layout, "tern test layer: 2.0.3 for amd64\n");
    let orphan = manifest(
        &layout,
        &v204.config,
        &[v204.layers[0].clone(), orphan_layer.clone()],
    );
    let stray = layout
        .write_blob(
            MediaType::ImageLayer,
            b"tern test blob: written, never listed\n",
        )
        .unwrap();
    let targets = [
        &v21,
        &v21,
        &v21_amd64.manifest,
        &v21_amd64.manifest,
        &v204.manifest,
        &v19,
        &broken.manifest,
    ];
    let mut index = layout.index().clone();
    index.set_manifests(
        targets
            .iter()
            .zip(MULTI_NAMES)
            .map(|(d, name)| entry(d, name))
            .collect(),
    );
    layout.set_index(index).unwrap();
    Multi {
        layout,
        v21,
        v21_amd64,
        v21_arm64,
        v204,
        v19,
        v19_amd64,
        v19_386,
        broken,
        orphan,
        orphan_layer,
        stray,
    }
}

/// Builds, in the new directory `root`, a layout whose `index.json` names
/// two different manifests (both `linux/amd64`, no platform given in
/// `index.json`) `1.0.0`.
pub(crate) fn twice(root: &Path) -> Twice {
    let mut layout = ImageLayout::create(root).unwrap();
    let amd64 = linux(Arch::Amd64, None);
    let first = image(
        &layout,
        &amd64,
        &["tern test layer: 1.0.0, first build\n"],
        &["/opt/tern/tern.sh"],
    );
    let second = image(
        &layout,
        &amd64,
        &["tern test layer: 1.0.0, second build\n"],
        &["/opt/tern/tern.sh", "--rebuilt"],
    );
    let mut index = layout.index().clone();
    index.set_manifests(vec![
        entry(&first.manifest, "1.0.0"),
        entry(&second.manifest, "1.0.0"),
    ]);
    layout.set_index(index).unwrap();
    Twice {
        layout,
        first,
        second,
    }
}

/// The layout [`unplatformed`] builds: `index.json` entries carry no
/// `platform`, as umoci and skopeo write them.
///
/// | entry | name | what |
/// |---|---|---|
/// | 0 | `amd64` | [`Unplatformed::amd64`] (its configuration: `linux/amd64`) |
/// | 1 | `arm64` | [`Unplatformed::arm64`] (its configuration: `linux/arm64`, variant `v8`) |
/// | 2 | `multi` | [`Unplatformed::multi`], an index of [`Unplatformed::amd64_v2`] (`linux/amd64/v2` on its descriptor) and [`Unplatformed::arm_v7`] (`linux/arm/v7`) |
/// | 3 | `artifact` | [`Unplatformed::artifact`], a manifest whose config is the empty descriptor |
pub(crate) struct Unplatformed {
    pub(crate) layout: ImageLayout,
    pub(crate) amd64: Image,
    pub(crate) arm64: Image,
    pub(crate) multi: Descriptor,
    pub(crate) amd64_v2: Image,
    pub(crate) arm_v7: Image,
    pub(crate) artifact: Descriptor,
}

/// Builds the layout described at [`Unplatformed`] in the new directory
/// `root`.
pub(crate) fn unplatformed(root: &Path) -> Unplatformed {
    let mut layout = ImageLayout::create(root).unwrap();
    let mut amd64 = image(
        &layout,
        &linux(Arch::Amd64, None),
        &["umoci test layer: amd64\n"],
        &["/bin/sh"],
    );
    amd64.manifest.set_platform(None);
    let mut arm64 = image(
        &layout,
        &linux(Arch::ARM64, Some("v8")),
        &["umoci test layer: arm64\n"],
        &["/bin/sh"],
    );
    arm64.manifest.set_platform(None);
    let amd64_v2 = image(
        &layout,
        &linux(Arch::Amd64, Some("v2")),
        &["skopeo test layer: amd64 v2\n"],
        &["/bin/sh"],
    );
    let arm_v7 = image(
        &layout,
        &linux(Arch::ARM, Some("v7")),
        &["skopeo test layer: arm v7\n"],
        &["/bin/sh"],
    );
    let multi = index(&layout, &[&amd64_v2, &arm_v7]);
    let empty = layout.write_blob(MediaType::EmptyJSON, b"{}").unwrap();
    let artifact = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .artifact_type("application/vnd.example.sbom+json")
        .config(empty.clone())
        .layers(vec![empty])
        .build()
        .unwrap();
    let artifact = layout
        .write_stored(&Stored::new(artifact).unwrap())
        .unwrap();
    let mut index = layout.index().clone();
    index.set_manifests(vec![
        entry(&amd64.manifest, "amd64"),
        entry(&arm64.manifest, "arm64"),
        entry(&multi, "multi"),
        entry(&artifact, "artifact"),
    ]);
    layout.set_index(index).unwrap();
    Unplatformed {
        layout,
        amd64,
        arm64,
        multi,
        amd64_v2,
        arm_v7,
        artifact,
    }
}
