//! The crate beside the real tools (issue 21, item 3): umoci 0.4.7,
//! skopeo 1.9.3, runc 1.1.5 and crun 1.8.1, the Debian 12 packages
//! (`apt-get install umoci skopeo runc crun busybox-static`; `.ci/run`
//! installs them).
//!
//! - Layouts and layout archives this crate writes are read by
//!   `skopeo inspect`, `skopeo copy`, `umoci ls`, `umoci stat` and
//!   `umoci unpack`.
//! - Layouts those tools write (`umoci init`/`new`/`insert`/`config`/
//!   `repack`/`remove`, `skopeo copy` gzip, zstd, uncompressed, multi-arch,
//!   to a directory and to an archive, and through a docker-archive) pass
//!   `oci-model layout check`, and `layout ls` and `layout gc --dry-run`
//!   agree with `umoci ls`/`umoci gc`.
//! - `oci-model convert` is compared with umoci's conversion field by field
//!   on the images of [`cases`] (see [`convert_matches_umoci_field_by_field`]
//!   for the fields and the listed differences).
//! - A bundle made of `oci-model convert` output and a busybox-static root
//!   file system runs under runc and crun (as root, or rootless); where the
//!   machine does not let the runtime run even its own `spec`, the test
//!   says so with the runtime's message and skips.
//!
//! A tool that is not on `PATH` skips its test loudly (a line on stderr
//! saying which tool is missing and how to get it), so a clone without the
//! tools still passes.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use oci_model::image::layout::{
    ImageLayout, LayoutArchive, MAX_DOCUMENT_SIZE, ReadLayout, ref_name,
};
use oci_model::image::{
    Arch, Descriptor, Digest, ImageConfiguration, ImageIndexBuilder, ImageManifestBuilder,
    MediaType, Os, Platform, Stored,
};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_oci-model");

/// True when `tool` is an executable file in a `PATH` folder.
fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let file = dir.join(tool);
            file.is_file()
                && std::fs::metadata(&file).is_ok_and(|m| {
                    std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o111 != 0
                })
        })
    })
}

/// True when every tool is on `PATH`; otherwise says loudly which one
/// `test` skips for.
pub(crate) fn have(test: &str, tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools.iter().copied().filter(|t| !on_path(t)).collect();
    if missing.is_empty() {
        return true;
    }
    eprintln!(
        "real_tools: SKIPPED {test}: {} not on PATH (Debian 12: apt-get install {}; .ci/run installs them)",
        missing.join(", "),
        missing
            .iter()
            .map(|t| if *t == "busybox" { "busybox-static" } else { t })
            .collect::<Vec<_>>()
            .join(" ")
    );
    false
}

/// Runs `program` with `args`, standard input closed.
fn run<S: AsRef<OsStr>>(program: &str, args: &[S]) -> Output {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"))
}

/// The command line, for messages.
fn line<S: AsRef<OsStr>>(program: &str, args: &[S]) -> String {
    let mut s = program.to_owned();
    for a in args {
        s.push(' ');
        s.push_str(&a.as_ref().to_string_lossy());
    }
    s
}

/// Runs `program` and returns its standard output; fails the test with
/// its standard error when it does not exit 0.
pub(crate) fn ok<S: AsRef<OsStr>>(program: &str, args: &[S]) -> String {
    let out = run(program, args);
    assert!(
        out.status.success(),
        "`{}` failed ({}):\n{}{}",
        line(program, args),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `path` as a `&str` (the temporary folders are UTF-8).
pub(crate) fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

// ---------------------------------------------------------------------
// Building images with the crate.

/// One entry of a layer.
pub(crate) enum Entry<'a> {
    Dir(&'a str),
    File(&'a str, &'a [u8], u32),
}

/// An uncompressed tar layer of `entries` (owner root, time 0).
pub(crate) fn tar_layer(entries: &[Entry<'_>]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let mut h = tar::Header::new_ustar();
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        match e {
            Entry::Dir(p) => {
                h.set_entry_type(tar::EntryType::Directory);
                h.set_mode(0o755);
                h.set_size(0);
                b.append_data(&mut h, p, std::io::empty()).unwrap();
            }
            Entry::File(p, bytes, mode) => {
                h.set_entry_type(tar::EntryType::Regular);
                h.set_mode(*mode);
                h.set_size(bytes.len() as u64);
                b.append_data(&mut h, p, *bytes).unwrap();
            }
        }
    }
    b.into_inner().unwrap()
}

/// What [`write_image`] wrote.
pub(crate) struct Written {
    pub(crate) manifest: Descriptor,
    pub(crate) config: Descriptor,
    pub(crate) layer: Descriptor,
}

/// Writes an image of `config` (an image configuration without `rootfs`)
/// and the one `layer`, with the crate's writers; names it `tag` in
/// `index.json` when given.
fn write_image(
    layout: &mut ImageLayout,
    mut config: Value,
    layer: &[u8],
    tag: Option<&str>,
) -> Written {
    write_annotated_image(layout, config.take(), layer, tag, None)
}

/// [`write_image`], with `annotations` on the manifest.
pub(crate) fn write_annotated_image(
    layout: &mut ImageLayout,
    mut config: Value,
    layer: &[u8],
    tag: Option<&str>,
    annotations: Option<&Value>,
) -> Written {
    let layer_d = layout.write_blob(MediaType::ImageLayer, layer).unwrap();
    config["rootfs"] =
        json!({"type": "layers", "diff_ids": [Digest::sha256_of(layer).to_string()]});
    let image = ImageConfiguration::from_slice(&serde_json::to_vec(&config).unwrap()).unwrap();
    let config_d = layout.write_stored(&Stored::new(image).unwrap()).unwrap();
    let mut manifest = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .config(config_d.clone())
        .layers(vec![layer_d.clone()])
        .build()
        .unwrap();
    if let Some(a) = annotations {
        manifest.set_annotations(Some(serde_json::from_value(a.clone()).unwrap()));
    }
    let manifest_d = layout
        .write_stored(&Stored::new(manifest).unwrap())
        .unwrap();
    if let Some(t) = tag {
        layout.add_manifest(manifest_d.clone(), Some(t)).unwrap();
    }
    Written {
        manifest: manifest_d,
        config: config_d,
        layer: layer_d,
    }
}

/// The `index.json` entry named `tag`.
pub(crate) fn named<L: ReadLayout>(l: &L, tag: &str) -> Descriptor {
    let found: Vec<&Descriptor> = l
        .index()
        .manifests()
        .iter()
        .filter(|d| ref_name(d) == Some(tag))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "index.json names {tag:?} {} times",
        found.len()
    );
    found[0].clone()
}

/// The bytes of the blob `d` in the layout at `root`.
pub(crate) fn blob(root: &Path, d: &Descriptor) -> Vec<u8> {
    let (alg, hex) = d.digest().as_str().split_once(':').unwrap();
    std::fs::read(root.join("blobs").join(alg).join(hex)).unwrap()
}

const HELLO: &[u8] = b"hello from a layout written by oci-model\n";

/// The layout the tools read: `hello` (a linux/amd64 manifest) and `multi`
/// (an index of `hello`'s image and a linux/arm64/v8 one), written by the
/// crate.
pub(crate) struct CrateLayout {
    pub(crate) root: PathBuf,
    pub(crate) hello: Written,
    pub(crate) arm64: Written,
    pub(crate) index: Descriptor,
}

pub(crate) fn crate_layout(root: &Path) -> CrateLayout {
    let mut layout = ImageLayout::create(root).unwrap();
    let layer = tar_layer(&[
        Entry::Dir("etc"),
        Entry::File("etc/hello.txt", HELLO, 0o644),
        Entry::File("etc/passwd", PASSWD.as_bytes(), 0o644),
    ]);
    let hello = write_image(
        &mut layout,
        json!({
            "created": "2025-01-02T03:04:05Z",
            "architecture": "amd64", "os": "linux",
            "config": {"Cmd": ["/bin/cat", "/etc/hello.txt"], "Env": ["PATH=/bin"]},
            "history": [{"created": "2025-01-02T03:04:05Z", "created_by": "oci-model tests"}]
        }),
        &layer,
        Some("hello"),
    );
    let arm_layer = tar_layer(&[Entry::File("hello-arm64.txt", HELLO, 0o644)]);
    let arm64 = write_image(
        &mut layout,
        json!({
            "architecture": "arm64", "variant": "v8", "os": "linux",
            "config": {"Cmd": ["/bin/cat", "/hello-arm64.txt"]}
        }),
        &arm_layer,
        None,
    );
    let mut m_amd = hello.manifest.clone();
    m_amd.set_platform(Some(Platform::new(Arch::Amd64, Os::Linux)));
    let mut m_arm = arm64.manifest.clone();
    let mut p = Platform::new(Arch::ARM64, Os::Linux);
    p.set_variant(Some("v8".to_owned()));
    m_arm.set_platform(Some(p));
    let index = ImageIndexBuilder::default()
        .media_type(MediaType::ImageIndex)
        .manifests(vec![m_amd, m_arm])
        .build()
        .unwrap();
    let index = layout.write_stored(&Stored::new(index).unwrap()).unwrap();
    layout.add_manifest(index.clone(), Some("multi")).unwrap();
    CrateLayout {
        root: root.to_path_buf(),
        hello,
        arm64,
        index,
    }
}

/// `oci-model ARGS`: exit code and standard output.
fn oci_model<S: AsRef<OsStr>>(args: &[S]) -> (i32, String, String) {
    let out = run(BIN, args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Asserts that `oci-model layout check PATH` finds no error (warnings
/// are allowed) and returns its report.
fn layout_check_passes(path: &Path, what: &str) -> String {
    let (code, out, err) = oci_model(&["layout", "check", s(path)]);
    assert_eq!(
        code,
        0,
        "{what}: `oci-model layout check {}` failed:\n{out}{err}",
        path.display()
    );
    out
}

/// The names `oci-model layout ls --format json` lists.
fn our_names(path: &Path) -> BTreeSet<String> {
    let out = ok(BIN, &["layout", "ls", "--format", "json", s(path)]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str().map(str::to_owned))
        .collect()
}

/// The names `umoci ls` lists.
fn umoci_names(path: &Path) -> BTreeSet<String> {
    ok("umoci", &["ls", "--layout", s(path)])
        .lines()
        .map(str::to_owned)
        .collect()
}

// ---------------------------------------------------------------------
// The crate's layouts, read by the tools.

#[test]
fn crate_layouts_are_read_by_skopeo() {
    if !have("crate_layouts_are_read_by_skopeo", &["skopeo"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    let archive = tmp.path().join("crate.tar");
    LayoutArchive::write_file(&ImageLayout::open(&l.root).unwrap(), &archive).unwrap();
    let dir = format!("oci:{}", s(&l.root));
    let tar = format!("oci-archive:{}", s(&archive));

    for (src, what) in [(&dir, "directory"), (&tar, "archive")] {
        let v: Value =
            serde_json::from_str(&ok("skopeo", &["inspect", &format!("{src}:hello")])).unwrap();
        assert_eq!(
            v["Digest"],
            l.hello.manifest.digest().as_str(),
            "{what}: {v}"
        );
        assert_eq!(v["Architecture"], "amd64", "{what}: {v}");
        assert_eq!(v["Os"], "linux", "{what}: {v}");
        assert_eq!(
            v["Layers"],
            json!([l.hello.layer.digest().as_str()]),
            "{what}"
        );
        assert_eq!(v["Env"], json!(["PATH=/bin"]), "{what}");
        // The exact bytes the crate wrote.
        let raw = run("skopeo", &["inspect", "--raw", &format!("{src}:hello")]);
        assert!(
            raw.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&raw.stderr)
        );
        assert_eq!(
            raw.stdout,
            blob(&l.root, &l.hello.manifest),
            "{what}: manifest bytes"
        );
        let raw = run(
            "skopeo",
            &["inspect", "--config", "--raw", &format!("{src}:hello")],
        );
        assert_eq!(
            raw.stdout,
            blob(&l.root, &l.hello.config),
            "{what}: config bytes"
        );
        let raw = run("skopeo", &["inspect", "--raw", &format!("{src}:multi")]);
        assert_eq!(raw.stdout, blob(&l.root, &l.index), "{what}: index bytes");
        // The index's platforms, as skopeo chooses by them.
        let v: Value = serde_json::from_str(&ok(
            "skopeo",
            &[
                "--override-arch",
                "arm64",
                "--override-variant",
                "v8",
                "inspect",
                &format!("{src}:multi"),
            ],
        ))
        .unwrap();
        // `Digest` is the index's; the rest is the chosen image's.
        assert_eq!(v["Digest"], l.index.digest().as_str(), "{what}: multi");
        assert_eq!(v["Architecture"], "arm64", "{what}: arm64 of multi: {v}");
        assert_eq!(
            v["Layers"],
            json!([l.arm64.layer.digest().as_str()]),
            "{what}: arm64 of multi"
        );
        let v: Value = serde_json::from_str(&ok(
            "skopeo",
            &[
                "--override-arch",
                "amd64",
                "inspect",
                &format!("{src}:multi"),
            ],
        ))
        .unwrap();
        assert_eq!(v["Architecture"], "amd64", "{what}: amd64 of multi: {v}");
        assert_eq!(
            v["Layers"],
            json!([l.hello.layer.digest().as_str()]),
            "{what}: amd64 of multi"
        );
    }

    // skopeo copy reads every blob (and verifies its digest); the copy
    // keeps the manifest when nothing needs to change.
    let copy = tmp.path().join("copy");
    ok(
        "skopeo",
        &[
            "copy",
            "--dest-oci-accept-uncompressed-layers",
            &format!("{dir}:hello"),
            &format!("oci:{}:hello", s(&copy)),
        ],
    );
    let d = named(&ImageLayout::open(&copy).unwrap(), "hello");
    assert_eq!(
        d.digest(),
        l.hello.manifest.digest(),
        "skopeo copy kept the manifest"
    );
    let copy_all = tmp.path().join("copy-all");
    ok(
        "skopeo",
        &[
            "copy",
            "--multi-arch",
            "all",
            "--dest-oci-accept-uncompressed-layers",
            &format!("{tar}:multi"),
            &format!("oci:{}:multi", s(&copy_all)),
        ],
    );
    let d = named(&ImageLayout::open(&copy_all).unwrap(), "multi");
    assert_eq!(
        d.digest(),
        l.index.digest(),
        "skopeo copy --multi-arch all kept the index"
    );
}

#[test]
fn crate_layouts_are_read_by_umoci() {
    if !have("crate_layouts_are_read_by_umoci", &["umoci"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    assert_eq!(umoci_names(&l.root), our_names(&l.root));
    // The test layout of tests/image/layout_build.rs: seven names, nested
    // indexes, shared and unreferenced blobs.
    let multi = crate::layout_build::multi(&tmp.path().join("multi"));
    let names = umoci_names(multi.layout.root());
    assert_eq!(names, our_names(multi.layout.root()));
    assert_eq!(
        names,
        crate::layout_build::MULTI_NAMES.map(str::to_owned).into()
    );
    let image = format!("{}:hello", s(&l.root));
    let stat: Value =
        serde_json::from_str(&ok("umoci", &["stat", "--json", "--image", &image])).unwrap();
    assert_eq!(
        stat["history"][0]["created_by"], "oci-model tests",
        "umoci stat: {stat}"
    );
    let bundle = tmp.path().join("bundle");
    ok(
        "umoci",
        &["unpack", "--rootless", "--image", &image, s(&bundle)],
    );
    assert_eq!(
        std::fs::read(bundle.join("rootfs/etc/hello.txt")).unwrap(),
        HELLO
    );
    let config: Value =
        serde_json::from_slice(&std::fs::read(bundle.join("config.json")).unwrap()).unwrap();
    assert_eq!(
        config["process"]["args"],
        json!(["/bin/cat", "/etc/hello.txt"])
    );
}

// ---------------------------------------------------------------------
// The tools' layouts, read by the crate.

const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\n\
                      alice:x:1000:1000:Alice:/home/alice:/bin/sh\n\
                      bob:x:1001:1001::/home/bob:/bin/sh\n\
                      daemon:x:2:2::/usr/sbin:/usr/sbin/nologin\n";
const GROUP: &str = "root:x:0:\n\
                     daemon:x:2:\n\
                     wheel:x:10:alice\n\
                     staff:x:50:alice,bob\n\
                     alice:x:1000:\n\
                     bob:x:1001:\n";

/// The blob files below `root`'s `blobs/`, as `blobs/ALG/HEX`.
fn blob_files(root: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for alg in std::fs::read_dir(root.join("blobs")).unwrap() {
        let alg = alg.unwrap();
        for f in std::fs::read_dir(alg.path()).unwrap() {
            let f = f.unwrap();
            out.insert(format!(
                "blobs/{}/{}",
                alg.file_name().to_string_lossy(),
                f.file_name().to_string_lossy()
            ));
        }
    }
    out
}

#[test]
fn umoci_layouts_pass_layout_check_and_ls_and_gc_agree() {
    if !have(
        "umoci_layouts_pass_layout_check_and_ls_and_gc_agree",
        &["umoci"],
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let u = tmp.path().join("umoci");
    let img = |tag: &str| format!("{}:{tag}", s(&u));
    ok("umoci", &["init", "--layout", s(&u)]);
    ok("umoci", &["new", "--image", &img("base")]);
    let files = tmp.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("passwd"), PASSWD).unwrap();
    std::fs::write(files.join("group"), GROUP).unwrap();
    ok(
        "umoci",
        &[
            "insert",
            "--image",
            &img("base"),
            s(&files.join("passwd")),
            "/etc/passwd",
        ],
    );
    ok(
        "umoci",
        &[
            "insert",
            "--image",
            &img("base"),
            s(&files.join("group")),
            "/etc/group",
        ],
    );
    ok(
        "umoci",
        &[
            "config",
            "--image",
            &img("base"),
            "--tag",
            "configured",
            "--config.user=alice",
            "--config.env=GREETING=hi",
            "--config.cmd=/bin/sh",
            "--config.exposedports=80/tcp",
            "--config.volume=/data",
            "--config.label=com.example.k=v",
        ],
    );
    let bundle = tmp.path().join("bundle");
    ok(
        "umoci",
        &[
            "unpack",
            "--rootless",
            "--image",
            &img("configured"),
            s(&bundle),
        ],
    );
    std::fs::write(bundle.join("rootfs/etc/motd"), "repacked by umoci\n").unwrap();
    ok(
        "umoci",
        &["repack", "--image", &img("repacked"), s(&bundle)],
    );
    ok("umoci", &["tag", "--image", &img("repacked"), "latest"]);
    // Garbage: a tag made, then removed.
    ok(
        "umoci",
        &[
            "config",
            "--image",
            &img("base"),
            "--tag",
            "scratch",
            "--config.cmd=/bin/true",
        ],
    );
    ok(
        "umoci",
        &[
            "insert",
            "--image",
            &img("scratch"),
            s(&files.join("passwd")),
            "/etc/passwd.bak",
        ],
    );
    ok("umoci", &["remove", "--image", &img("scratch")]);

    let report = layout_check_passes(&u, "umoci layout");
    eprintln!("umoci layout: {}", report.lines().last().unwrap_or(""));
    let names = our_names(&u);
    assert_eq!(names, umoci_names(&u), "oci-model layout ls vs umoci ls");
    assert_eq!(
        names,
        ["base", "configured", "latest", "repacked"]
            .map(str::to_owned)
            .into(),
    );

    // gc: what our dry run would remove is what umoci gc removes.
    let dry: Value = serde_json::from_str(&ok(
        BIN,
        &["layout", "gc", "--dry-run", "--format", "json", s(&u)],
    ))
    .unwrap();
    let ours: BTreeSet<String> = dry["toRemove"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    let before = blob_files(&u);
    ok("umoci", &["gc", "--layout", s(&u)]);
    let removed: BTreeSet<String> = before.difference(&blob_files(&u)).cloned().collect();
    assert!(
        !removed.is_empty(),
        "the removed tag left garbage for umoci gc"
    );
    assert_eq!(ours, removed, "oci-model layout gc --dry-run vs umoci gc");
    // After umoci gc there is nothing left for ours either.
    let dry: Value = serde_json::from_str(&ok(
        BIN,
        &["layout", "gc", "--dry-run", "--format", "json", s(&u)],
    ))
    .unwrap();
    assert_eq!(dry["toRemove"], json!([]));
    layout_check_passes(&u, "umoci layout after umoci gc");
}

#[test]
fn skopeo_layouts_pass_layout_check() {
    if !have("skopeo_layouts_pass_layout_check", &["skopeo"]) {
        return;
    }
    // umoci ls, where umoci is there too.
    let umoci = have(
        "skopeo_layouts_pass_layout_check (its umoci ls part)",
        &["umoci"],
    );
    let tmp = tempfile::tempdir().unwrap();
    let l = crate_layout(&tmp.path().join("crate"));
    let src = |tag: &str| format!("oci:{}:{tag}", s(&l.root));
    // (what, skopeo copy flags, source tag, destination is an archive,
    // the layer media type the copy has)
    let copies: [(&str, &[&str], &str, bool, &str); 6] = [
        (
            "gzip (skopeo's default)",
            &[],
            "hello",
            false,
            "application/vnd.oci.image.layer.v1.tar+gzip",
        ),
        (
            "zstd",
            &["--dest-compress-format", "zstd"],
            "hello",
            false,
            "application/vnd.oci.image.layer.v1.tar+zstd",
        ),
        (
            "uncompressed",
            &["--dest-oci-accept-uncompressed-layers"],
            "hello",
            false,
            "application/vnd.oci.image.layer.v1.tar",
        ),
        (
            "multi-arch, zstd",
            &["--multi-arch", "all", "--dest-compress-format", "zstd"],
            "multi",
            false,
            "application/vnd.oci.image.layer.v1.tar+zstd",
        ),
        (
            "archive, gzip",
            &[],
            "hello",
            true,
            "application/vnd.oci.image.layer.v1.tar+gzip",
        ),
        (
            "archive, multi-arch",
            &["--multi-arch", "all"],
            "multi",
            true,
            "application/vnd.oci.image.layer.v1.tar+gzip",
        ),
    ];
    for (i, (what, flags, tag, archive, layer_type)) in copies.into_iter().enumerate() {
        let dest = tmp
            .path()
            .join(format!("copy-{i}{}", if archive { ".tar" } else { "" }));
        let transport = if archive { "oci-archive" } else { "oci" };
        let mut args: Vec<String> = vec!["copy".into()];
        args.extend(flags.iter().map(|&f| f.to_owned()));
        args.push(src(tag));
        args.push(format!("{transport}:{}:{tag}", s(&dest)));
        ok("skopeo", &args);
        let report = layout_check_passes(&dest, what);
        eprintln!(
            "skopeo copy {what}: {}",
            report.lines().last().unwrap_or("")
        );
        let names = our_names(&dest);
        assert_eq!(names, [tag.to_owned()].into(), "{what}: layout ls");
        // Every layer of every image has the media type asked for.
        let types = layer_types(&dest, tag);
        assert!(
            !types.is_empty() && types.iter().all(|t| t == layer_type),
            "{what}: layers {types:?}, wanted {layer_type}"
        );
        if umoci && !archive {
            assert_eq!(umoci_names(&dest), names, "{what}: umoci ls");
        }
    }

    // Converted from Docker: the image through a docker-archive (Docker's
    // schema 2 manifest and `docker save` layout) and back to OCI.
    let docker = tmp.path().join("docker.tar");
    ok(
        "skopeo",
        &[
            "copy",
            &src("hello"),
            &format!("docker-archive:{}:example/hello:1", s(&docker)),
        ],
    );
    let back = tmp.path().join("from-docker");
    ok(
        "skopeo",
        &[
            "copy",
            &format!("docker-archive:{}", s(&docker)),
            &format!("oci:{}:hello", s(&back)),
        ],
    );
    let report = layout_check_passes(&back, "converted from a docker-archive");
    eprintln!(
        "skopeo copy from docker-archive: {}",
        report.lines().last().unwrap_or("")
    );
    assert_eq!(
        layer_types(&back, "hello"),
        ["application/vnd.oci.image.layer.v1.tar+gzip"]
    );
    if umoci {
        assert_eq!(
            umoci_names(&back),
            our_names(&back),
            "from docker-archive: umoci ls"
        );
    }
}

/// The media types of the layers of every manifest reachable from `tag`
/// in the layout (directory or archive) at `path`.
fn layer_types(path: &Path, tag: &str) -> Vec<String> {
    fn walk<L: ReadLayout>(l: &L, d: &Descriptor, out: &mut Vec<String>) {
        let bytes = l.read_blob(d, MAX_DOCUMENT_SIZE).unwrap();
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        if let Some(ms) = v["manifests"].as_array() {
            for m in ms {
                let d: Descriptor = serde_json::from_value(m.clone()).unwrap();
                walk(l, &d, out);
            }
        }
        for layer in v["layers"].as_array().into_iter().flatten() {
            out.push(layer["mediaType"].as_str().unwrap().to_owned());
        }
    }
    let mut out = Vec::new();
    if path.is_dir() {
        let l = ImageLayout::open(path).unwrap();
        let d = named(&l, tag);
        walk(&l, &d, &mut out);
    } else {
        let l = LayoutArchive::open(path).unwrap();
        let d = named(&l, tag);
        walk(&l, &d, &mut out);
    }
    out
}

// ---------------------------------------------------------------------
// Conversion: `oci-model convert` beside umoci's.

/// What a case's root file system holds besides the configuration's
/// needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Etc {
    /// No `/etc/passwd`, no `/etc/group`.
    None,
    /// `/etc/passwd` only.
    Passwd,
    /// Both ([`PASSWD`], [`GROUP`]).
    Both,
}

/// One image of the comparison.
struct Case {
    name: &'static str,
    /// The configuration (without `rootfs`), for images the crate writes;
    /// `None` for images umoci writes (from [`Case::umoci_config`]).
    config: Option<Value>,
    /// `umoci config` flags, for images umoci writes on a base image
    /// whose root file system has [`Case::etc`].
    umoci_config: &'static [&'static str],
    etc: Etc,
    /// The image's manifest carries these annotations, which neither tool
    /// may take (conversion.md: "A converter SHOULD NOT attempt to extract
    /// annotations from manifests").
    manifest_annotations: Option<Value>,
}

#[expect(clippy::needless_pass_by_value, reason = "called with json! values")]
fn linux(config: Value) -> Value {
    json!({"architecture": "amd64", "os": "linux", "config": config})
}

fn crate_case(name: &'static str, etc: Etc, config: Value) -> Case {
    Case {
        name,
        config: Some(config),
        umoci_config: &[],
        etc,
        manifest_annotations: None,
    }
}

fn umoci_case(name: &'static str, etc: Etc, flags: &'static [&'static str]) -> Case {
    Case {
        name,
        config: None,
        umoci_config: flags,
        etc,
        manifest_annotations: None,
    }
}

/// The images compared: users in every form of conversion.md, with and
/// without `/etc/passwd` and `/etc/group`; Env with duplicates and PATH
/// overrides; Entrypoint/Cmd combinations; WorkingDir; ExposedPorts;
/// Volumes; Labels that collide with the implicit annotations; StopSignal;
/// variant, os.version, os.features; author and created. Most are written
/// by the crate (umoci cannot write duplicate Env entries, a variant or
/// os.features); the `umoci-*` ones by `umoci config`.
fn cases() -> Vec<Case> {
    let cmd = json!(["/bin/sh"]);
    let user = |u: &str| linux(json!({"User": u, "Cmd": cmd}));
    let mut cases = vec![
        // Config.User, every form, with both files.
        crate_case("user-name", Etc::Both, user("alice")),
        crate_case("user-name-root", Etc::Both, user("root")),
        crate_case("user-uid-listed", Etc::Both, user("1000")),
        crate_case("user-uid-unlisted", Etc::Both, user("4242")),
        crate_case("user-name-group", Etc::Both, user("alice:staff")),
        crate_case("user-uid-gid", Etc::Both, user("1000:50")),
        crate_case("user-name-gid", Etc::Both, user("bob:10")),
        crate_case("user-uid-group", Etc::Both, user("1001:wheel")),
        crate_case("user-name-unknown", Etc::Both, user("mallory")),
        crate_case("user-group-unknown", Etc::Both, user("alice:nogroup")),
        // ... with /etc/passwd only.
        crate_case("passwd-only-name", Etc::Passwd, user("bob")),
        crate_case("passwd-only-uid-group", Etc::Passwd, user("1000:staff")),
        crate_case("passwd-only-name-gid", Etc::Passwd, user("alice:77")),
        // ... with neither.
        crate_case("bare-uid", Etc::None, user("1000")),
        crate_case("bare-uid-gid", Etc::None, user("1234:5678")),
        crate_case("bare-name", Etc::None, user("alice")),
        crate_case("bare-uid-group", Etc::None, user("1000:staff")),
        crate_case("no-user", Etc::Both, linux(json!({"Cmd": cmd}))),
        // Env.
        crate_case(
            "env-duplicates",
            Etc::None,
            linux(json!({"Env": ["A=1", "B=2", "A=3"], "Cmd": cmd})),
        ),
        crate_case(
            "env-path-override",
            Etc::None,
            linux(json!({"Env": ["FOO=1", "PATH=/opt/bin:/bin"], "Cmd": cmd})),
        ),
        crate_case(
            "env-path-first",
            Etc::None,
            linux(json!({"Env": ["PATH=/opt/bin", "LANG=C.UTF-8"], "Cmd": cmd})),
        ),
        crate_case(
            "env-term-and-values",
            Etc::None,
            linux(json!({"Env": ["TERM=dumb", "EMPTY=", "EQ=a=b=c", "SPACE=x y"], "Cmd": cmd})),
        ),
        crate_case(
            "env-home-and-user",
            Etc::Both,
            linux(json!({"Env": ["HOME=/srv/home"], "User": "alice", "Cmd": cmd})),
        ),
        // Entrypoint and Cmd.
        crate_case(
            "entrypoint-only",
            Etc::None,
            linux(json!({"Entrypoint": ["/bin/app", "--flag"]})),
        ),
        crate_case(
            "cmd-only",
            Etc::None,
            linux(json!({"Cmd": ["/bin/sh", "-c", "echo \"hi there\""]})),
        ),
        crate_case(
            "entrypoint-and-cmd",
            Etc::None,
            linux(json!({"Entrypoint": ["/bin/app"], "Cmd": ["--port", "80", "ünïcode"]})),
        ),
        crate_case(
            "empty-entrypoint-and-cmd",
            Etc::None,
            linux(json!({"Entrypoint": [], "Cmd": ["/bin/true"]})),
        ),
        crate_case("no-command", Etc::None, linux(json!({"Env": ["A=1"]}))),
        // WorkingDir.
        crate_case(
            "workingdir",
            Etc::None,
            linux(json!({"WorkingDir": "/srv/app", "Cmd": cmd})),
        ),
        crate_case(
            "workingdir-empty",
            Etc::None,
            linux(json!({"WorkingDir": "", "Cmd": cmd})),
        ),
        // ExposedPorts, Volumes, Labels, StopSignal.
        crate_case(
            "exposed-ports",
            Etc::None,
            linux(
                json!({"ExposedPorts": {"8080/tcp": {}, "443/tcp": {}, "53/udp": {}, "9000": {}}, "Cmd": cmd}),
            ),
        ),
        crate_case(
            "volumes",
            Etc::None,
            linux(json!({"Volumes": {"/data": {}, "/var/log/app": {}}, "Cmd": cmd})),
        ),
        crate_case(
            "labels",
            Etc::None,
            linux(json!({"Labels": {"com.example.a": "1", "com.example.empty": ""}, "Cmd": cmd})),
        ),
        crate_case(
            "labels-collide",
            Etc::None,
            json!({
                "architecture": "amd64", "os": "linux", "variant": "v3",
                "author": "Image Author", "created": "2024-05-06T07:08:09Z",
                "config": {
                    "Cmd": cmd, "StopSignal": "SIGTERM", "ExposedPorts": {"80/tcp": {}},
                    "Labels": {
                        "org.opencontainers.image.os": "plan9",
                        "org.opencontainers.image.architecture": "label-arch",
                        "org.opencontainers.image.variant": "label-variant",
                        "org.opencontainers.image.author": "Label Author",
                        "org.opencontainers.image.created": "2000-01-01T00:00:00Z",
                        "org.opencontainers.image.stopSignal": "SIGKILL",
                        "org.opencontainers.image.exposedPorts": "1/tcp"
                    }
                }
            }),
        ),
        crate_case(
            "stop-signal",
            Etc::None,
            linux(json!({"StopSignal": "SIGQUIT", "Cmd": cmd})),
        ),
        crate_case(
            "stop-signal-number",
            Etc::None,
            linux(json!({"StopSignal": "9", "Cmd": cmd})),
        ),
        // Platform, author, created.
        crate_case(
            "variant-arm64",
            Etc::None,
            json!({"architecture": "arm64", "variant": "v8", "os": "linux", "config": {"Cmd": cmd}}),
        ),
        crate_case(
            "variant-arm",
            Etc::None,
            json!({"architecture": "arm", "variant": "v7", "os": "linux", "config": {"Cmd": cmd}}),
        ),
        crate_case(
            "os-version-and-features",
            Etc::None,
            json!({
                "architecture": "amd64", "os": "linux", "os.version": "6.1.0",
                "os.features": ["feature-a", "feature-b"], "config": {"Cmd": cmd}
            }),
        ),
        crate_case(
            "author-created",
            Etc::None,
            json!({
                "architecture": "s390x", "os": "linux", "author": "A. Author <a@example.com>",
                "created": "2024-01-02T03:04:05.123456789+02:00", "config": {"Cmd": cmd}
            }),
        ),
        umoci_case(
            "umoci-user-name-group",
            Etc::Both,
            &[
                "--config.user=alice:staff",
                "--config.env=GREETING=hi",
                "--config.cmd=/bin/sh",
            ],
        ),
        umoci_case(
            "umoci-user-uid",
            Etc::Both,
            &["--config.user=1001", "--config.cmd=/bin/sh"],
        ),
        umoci_case(
            "umoci-everything",
            Etc::Both,
            &[
                "--config.user=bob",
                "--config.env=PATH=/opt/bin",
                "--config.env=LANG=C",
                "--config.entrypoint=/bin/app",
                "--config.cmd=serve",
                "--config.workingdir=/srv",
                "--config.exposedports=443/tcp",
                "--config.exposedports=80/tcp",
                "--config.volume=/data",
                "--config.label=com.example.k=v",
                "--config.stopsignal=SIGINT",
                "--author=umoci author",
                "--architecture=arm64",
            ],
        ),
        umoci_case(
            "umoci-label-collides",
            Etc::None,
            &[
                "--config.label=org.opencontainers.image.stopSignal=SIGKILL",
                "--config.stopsignal=SIGTERM",
                "--config.cmd=/bin/sh",
            ],
        ),
    ];
    let mut manifest_case = crate_case(
        "manifest-annotations",
        Etc::None,
        linux(json!({"Cmd": cmd})),
    );
    manifest_case.manifest_annotations = Some(json!({
        "org.opencontainers.image.created": "2001-02-03T04:05:06Z",
        "org.opencontainers.image.author": "Manifest Author",
        "org.opencontainers.image.stopSignal": "SIGUSR1"
    }));
    cases.push(manifest_case);
    cases
}

/// Differences between umoci's conversion and `oci-model convert` (or
/// between either and conversion.md), each with the sentence of
/// conversion.md that decides it and the `(case, field)` rows it explains.
/// Every row listed must occur, and show the difference: a list that no
/// longer matches fails the test.
struct Listed {
    what: &'static str,
    sentence: &'static str,
    rows: &'static [(&'static str, &'static str)],
}

/// Where umoci 0.4.7 departs from conversion.md: on these rows umoci's
/// value is not the one conversion.md gives (and ours is).
const UMOCI_DEPARTURES: &[Listed] = &[
    Listed {
        what: "umoci writes the implicit annotations over the labels",
        sentence: "If there is a conflict (same key but different value) between an implicit \
                   annotation (or annotation in manifests or image indices) and an explicitly \
                   specified annotation in `Config.Labels`, the value specified in \
                   `Config.Labels` MUST take precedence.",
        rows: &[
            (
                "labels-collide",
                "annotations[org.opencontainers.image.architecture]",
            ),
            (
                "labels-collide",
                "annotations[org.opencontainers.image.author]",
            ),
            (
                "labels-collide",
                "annotations[org.opencontainers.image.created]",
            ),
            (
                "labels-collide",
                "annotations[org.opencontainers.image.exposedPorts]",
            ),
            ("labels-collide", "annotations[org.opencontainers.image.os]"),
            (
                "labels-collide",
                "annotations[org.opencontainers.image.stopSignal]",
            ),
            (
                "umoci-label-collides",
                "annotations[org.opencontainers.image.stopSignal]",
            ),
        ],
    },
    Listed {
        what: "umoci does not convert variant, os.version and os.features",
        sentence: "The value of this field MUST be set as the value of \
                   `org.opencontainers.image.variant` (`...os.version`, `...os.features`) in \
                   `annotations`.",
        rows: &[
            (
                "variant-arm64",
                "annotations[org.opencontainers.image.variant]",
            ),
            (
                "variant-arm",
                "annotations[org.opencontainers.image.variant]",
            ),
            (
                "os-version-and-features",
                "annotations[org.opencontainers.image.os.version]",
            ),
            (
                "os-version-and-features",
                "annotations[org.opencontainers.image.os.features]",
            ),
        ],
    },
    Listed {
        what: "umoci merges Env into its defaults: duplicates collapse to the first \
               place with the last value, PATH moves to the default's place",
        sentence: "A compliant configuration converter MUST extract the following fields \
                   verbatim to the corresponding field in the generated runtime \
                   configuration: `Config.Env` -> `process.env`.",
        rows: &[
            ("env-duplicates", "process.env (names the image sets)"),
            ("env-path-override", "process.env (names the image sets)"),
        ],
    },
    Listed {
        what: "umoci replaces the image's HOME with the user's home from /etc/passwd",
        sentence: "The converter MAY add additional entries to `process.env` but it SHOULD \
                   NOT add entries that have variable names present in `Config.Env`. (And: \
                   an implementation-defined default SHOULD NOT result in an environment \
                   variable being removed or changed.)",
        rows: &[("env-home-and-user", "process.env (names the image sets)")],
    },
    Listed {
        what: "umoci sets the supplementary groups of a numeric user listed in /etc/passwd",
        sentence: "The converter SHOULD NOT modify `process.user.additionalGids` if the value \
                   of `user` in `Config.User` is numeric or if `Config.User` specifies a group.",
        rows: &[
            ("user-uid-listed", "process.user.additionalGids"),
            ("umoci-user-uid", "process.user.additionalGids"),
        ],
    },
];

/// Where conversion.md leaves the value to the converter and umoci and
/// oci-model chose differently.
const IMPLEMENTATION_DEFINED: &[Listed] = &[Listed {
    what: "an image without Entrypoint and Cmd: umoci keeps its default args [\"sh\"], \
           oci-model refuses (no command to run)",
    sentence: "The values of runtime configuration properties not specified by this \
               document are implementation-defined.",
    rows: &[("no-command", "outcome")],
}];

/// Cases where conversion.md requires an error: "If `Config.User` does not
/// correspond to a user in the container's context, the converter MUST
/// return an error."
const MUST_FAIL: &[&str] = &[
    "user-name-unknown",
    "user-group-unknown",
    "passwd-only-uid-group",
    "bare-name",
    "bare-uid-group",
];

/// The implicit annotations: key, and the configuration's value for it.
fn implicit(img: &Value) -> Vec<(&'static str, Option<String>)> {
    let text = |v: &Value| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned);
    let mut ports: Vec<&String> = img["config"]["ExposedPorts"]
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    ports.sort();
    let ports = ports
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let features = img["os.features"].as_array().map(|f| {
        f.iter()
            .map(|x| x.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(",")
    });
    vec![
        ("org.opencontainers.image.os", text(&img["os"])),
        (
            "org.opencontainers.image.architecture",
            text(&img["architecture"]),
        ),
        ("org.opencontainers.image.variant", text(&img["variant"])),
        (
            "org.opencontainers.image.os.version",
            text(&img["os.version"]),
        ),
        (
            "org.opencontainers.image.os.features",
            features.filter(|f| !f.is_empty()),
        ),
        ("org.opencontainers.image.author", text(&img["author"])),
        ("org.opencontainers.image.created", text(&img["created"])),
        (
            "org.opencontainers.image.stopSignal",
            text(&img["config"]["StopSignal"]),
        ),
        (
            "org.opencontainers.image.exposedPorts",
            Some(ports).filter(|p| !p.is_empty()),
        ),
    ]
}

/// The name of an environment entry.
fn env_name(e: &str) -> &str {
    e.split_once('=').map_or(e, |(n, _)| n)
}

/// One compared field of one case: umoci's value, ours, and the value
/// conversion.md gives (`None` where it leaves the value to the
/// converter).
struct Row {
    case: &'static str,
    field: String,
    umoci: Value,
    ours: Value,
    spec: Option<Value>,
}

/// The rows of one case. `umoci`/`ours` are the generated `config.json`
/// or the error the tool printed.
#[expect(
    clippy::many_single_char_names,
    reason = "u, o, c: umoci's output, ours, the image's config"
)]
fn rows(
    case: &'static str,
    img: &Value,
    umoci: &Result<Value, String>,
    ours: &Result<Value, String>,
) -> Vec<Row> {
    let outcome = |r: &Result<Value, String>| json!(if r.is_ok() { "ok" } else { "error" });
    let spec_outcome = if MUST_FAIL.contains(&case) {
        Some(json!("error"))
    } else if case == "no-command" {
        None
    } else {
        Some(json!("ok"))
    };
    let mut out = vec![Row {
        case,
        field: "outcome".to_owned(),
        umoci: outcome(umoci),
        ours: outcome(ours),
        spec: spec_outcome,
    }];
    let (Ok(umoci), Ok(ours)) = (umoci, ours) else {
        return out;
    };
    let (u, o, c) = (umoci, ours, &img["config"]);
    let mut row = |field: &str, umoci: Value, ours: Value, spec: Option<Value>| {
        out.push(Row {
            case,
            field: field.to_owned(),
            umoci,
            ours,
            spec,
        });
    };

    // process.args: Entrypoint then Cmd.
    let args: Vec<Value> = c["Entrypoint"]
        .as_array()
        .into_iter()
        .chain(c["Cmd"].as_array())
        .flatten()
        .cloned()
        .collect();
    row(
        "process.args",
        u["process"]["args"].clone(),
        o["process"]["args"].clone(),
        (!args.is_empty()).then_some(Value::Array(args)),
    );
    // process.cwd: WorkingDir verbatim.
    let wd = c["WorkingDir"].as_str().filter(|w| !w.is_empty());
    row(
        "process.cwd",
        u["process"]["cwd"].clone(),
        o["process"]["cwd"].clone(),
        wd.map(|w| json!(w)),
    );
    // process.env: the entries of the names the image sets are its Env,
    // verbatim; the converter's other entries are its own.
    let image_env: Vec<&str> = c["Env"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e.as_str().unwrap())
        .collect();
    let names: BTreeSet<&str> = image_env.iter().map(|e| env_name(e)).collect();
    let split = |v: &Value, drop_home: bool| -> (Value, Value) {
        let all: Vec<&str> = v["process"]["env"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e.as_str().unwrap())
            .collect();
        let mine = all.iter().filter(|e| names.contains(env_name(e)));
        // Normalization 2 (see convert_matches_umoci_field_by_field).
        let other = all
            .iter()
            .filter(|e| !names.contains(env_name(e)))
            .filter(|e| !(drop_home && env_name(e) == "HOME"));
        (
            json!(mine.collect::<Vec<_>>()),
            json!(other.collect::<Vec<_>>()),
        )
    };
    let (u_mine, u_other) = split(u, true);
    let (o_mine, o_other) = split(o, false);
    row(
        "process.env (names the image sets)",
        u_mine,
        o_mine,
        Some(json!(image_env)),
    );
    row("process.env (other names)", u_other, o_other, None);

    // process.user: numbers verbatim; names resolved in the container.
    let user = c["User"].as_str().filter(|u| !u.is_empty());
    let (name, group) =
        match user.map(|u| u.split_once(':').map_or((u, None), |(a, b)| (a, Some(b)))) {
            Some((n, g)) => (Some(n), g),
            None => (None, None),
        };
    let number = |s: Option<&str>| s.and_then(|s| s.parse::<u32>().ok());
    let ids = |v: &Value, k: &str| v["process"]["user"][k].clone();
    row(
        "process.user.uid",
        ids(u, "uid"),
        ids(o, "uid"),
        number(name).map(|n| json!(n)),
    );
    row(
        "process.user.gid",
        ids(u, "gid"),
        ids(o, "gid"),
        number(group).map(|n| json!(n)),
    );
    let gids = |v: &Value| match &v["process"]["user"]["additionalGids"] {
        Value::Null => json!([]),
        g => g.clone(),
    };
    // "The converter SHOULD NOT modify process.user.additionalGids if the
    // value of user in Config.User is numeric or if Config.User specifies
    // a group."
    let untouched = name.is_some() && (number(name).is_some() || group.is_some());
    row(
        "process.user.additionalGids",
        gids(u),
        gids(o),
        untouched.then(|| json!([])),
    );

    // annotations: the implicit ones, under the labels.
    let labels = c["Labels"].as_object().cloned().unwrap_or_default();
    let implicit = implicit(img);
    let mut keys: BTreeSet<String> = labels.keys().cloned().collect();
    for v in [u, o] {
        keys.extend(
            v["annotations"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone()),
        );
    }
    keys.extend(implicit.iter().map(|(k, _)| (*k).to_owned()));
    for key in keys {
        let from_image = implicit
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.clone());
        let spec = labels
            .get(&key)
            .cloned()
            .or_else(|| from_image.clone().map(Value::String))
            .unwrap_or(Value::Null);
        let mut uv = u["annotations"][&key].clone();
        // Normalization 1 (see convert_matches_umoci_field_by_field).
        let is_implicit = implicit.iter().any(|(k, _)| *k == key);
        if is_implicit
            && from_image.is_none()
            && !labels.contains_key(&key)
            && (uv == "" || uv == "0001-01-01T00:00:00Z")
        {
            uv = Value::Null;
        }
        row(
            &format!("annotations[{key}]"),
            uv,
            o["annotations"][&key].clone(),
            Some(spec),
        );
    }

    // mounts: one per volume, at the volume's path.
    let volumes: BTreeSet<String> = c["Volumes"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let at = |v: &Value| -> Value {
        let d: BTreeSet<&str> = v["mounts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["destination"].as_str())
            .filter(|d| volumes.contains(*d))
            .collect();
        json!(d)
    };
    row(
        "mounts (destinations of Volumes)",
        at(u),
        at(o),
        Some(json!(volumes)),
    );
    out
}

/// Whether `list` names the row.
fn listed<'a>(list: &'a [Listed], row: &Row) -> Option<&'a Listed> {
    list.iter()
        .find(|l| l.rows.iter().any(|&(c, f)| c == row.case && f == row.field))
}

/// Checks each row against the lists; returns the problems.
fn judge(rows: &[Row]) -> Vec<String> {
    let mut problems = Vec::new();
    let show = |r: &Row| {
        format!(
            "{} / {}: umoci {}, oci-model {}, conversion.md {}",
            r.case,
            r.field,
            r.umoci,
            r.ours,
            r.spec
                .as_ref()
                .map_or("(implementation-defined)".to_owned(), ToString::to_string)
        )
    };
    for r in rows {
        if let Some(spec) = &r.spec {
            if r.ours != *spec {
                problems.push(format!("oci-model departs from conversion.md: {}", show(r)));
            }
            let umoci_ok = r.umoci == *spec;
            match (listed(UMOCI_DEPARTURES, r), umoci_ok) {
                (None, false) => problems.push(format!(
                    "umoci departs from conversion.md, not listed: {}",
                    show(r)
                )),
                (Some(l), true) => {
                    problems.push(format!("umoci no longer departs ({}): {}", l.what, show(r)));
                }
                _ => {}
            }
        } else {
            let same = r.umoci == r.ours;
            match (listed(IMPLEMENTATION_DEFINED, r), same) {
                (None, false) => problems.push(format!(
                    "umoci and oci-model differ, not listed: {}",
                    show(r)
                )),
                (Some(l), true) => {
                    problems.push(format!("no longer differs ({}): {}", l.what, show(r)));
                }
                _ => {}
            }
        }
    }
    for (name, list) in [
        ("UMOCI_DEPARTURES", UMOCI_DEPARTURES),
        ("IMPLEMENTATION_DEFINED", IMPLEMENTATION_DEFINED),
    ] {
        for l in list {
            for &(c, f) in l.rows {
                if !rows.iter().any(|r| r.case == c && r.field == f) {
                    problems.push(format!("{name} ({}) lists {c} / {f}: no such row", l.what));
                }
            }
        }
    }
    problems
}

/// The image configuration `tag` names in the layout at `root`.
fn config_of(root: &Path, tag: &str) -> Vec<u8> {
    let l = ImageLayout::open(root).unwrap();
    let m = l.resolve(Some(tag), None).unwrap();
    let manifest = l.read_blob(&m, MAX_DOCUMENT_SIZE).unwrap();
    let parsed: oci_model::image::ImageManifest =
        oci_model::image::ImageManifest::from_slice(&manifest).unwrap();
    l.read_blob(parsed.config(), MAX_DOCUMENT_SIZE).unwrap()
}

/// `oci-model convert` on `case`'s image.
fn our_conversion(case: &Case, dir: &Path, config: &[u8], etc: &Path) -> Result<Value, String> {
    let config_file = dir.join("image-config.json");
    std::fs::write(&config_file, config).unwrap();
    let mut args: Vec<String> = vec!["convert".into(), "--compact".into()];
    if matches!(case.etc, Etc::Passwd | Etc::Both) {
        args.extend(["--passwd".into(), s(&etc.join("passwd")).to_owned()]);
    }
    if case.etc == Etc::Both {
        args.extend(["--group".into(), s(&etc.join("group")).to_owned()]);
    }
    // A manifest with annotations is not handed to `oci-model convert`: by
    // default it reads none (conversion.md: "A converter SHOULD NOT attempt
    // to extract annotations from manifests"), as umoci, which sees the
    // image's manifest, takes none from it.
    args.push(s(&config_file).to_owned());
    let (code, out, err) = oci_model(&args);
    assert_ne!(
        code,
        2,
        "{}: usage error from `{}` (has the command line changed? update this test):\n{err}",
        case.name,
        line(BIN, &args)
    );
    if code == 0 {
        Ok(serde_json::from_str(&out).unwrap())
    } else {
        Err(err)
    }
}

/// umoci's conversion of `root:tag`: `umoci raw runtime-config` with the
/// root file system `umoci unpack --rootless` extracted.
fn umoci_conversion(root: &Path, tag: &str, bundle: &Path) -> Result<Value, String> {
    let image = format!("{}:{tag}", s(root));
    let out = run(
        "umoci",
        &["unpack", "--rootless", "--image", &image, s(bundle)],
    );
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    // `--rootless` drops additionalGids (a rootless container cannot set
    // them); the conversion proper is `umoci raw runtime-config`, with the
    // unpacked root file system to resolve users in.
    let config = bundle.join("converted.json");
    let rootfs = bundle.join("rootfs");
    let out = run(
        "umoci",
        &[
            "raw",
            "runtime-config",
            "--image",
            &image,
            "--rootfs",
            s(&rootfs),
            s(&config),
        ],
    );
    if out.status.success() {
        Ok(serde_json::from_slice(&std::fs::read(config).unwrap()).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// `oci-model convert` beside umoci's conversion (`umoci raw
/// runtime-config` on the root file system of `umoci unpack --rootless`),
/// field by field, on every image of [`cases`].
///
/// Compared, because conversion.md derives them from the image:
/// whether the conversion succeeds; `process.args`; `process.cwd`;
/// `process.env` (the entries of the names the image's Env sets must be
/// that Env verbatim; the other entries are each converter's defaults and
/// are compared between the two); `process.user.uid`, `.gid` and
/// `.additionalGids`; every annotation (implicit and labels); the
/// destinations of the mounts made for `Volumes`.
///
/// Not compared, because conversion.md leaves them to the converter
/// ("The values of runtime configuration properties not specified by this
/// document are implementation-defined"), or because they depend on how
/// each tool runs rather than on the image: `ociVersion`,
/// `process.terminal` (umoci: true, for `runc run` in a terminal; ours:
/// false), `hostname`, `root` (umoci's is writable, ours read-only), the
/// default mounts and the options of volume mounts, capabilities,
/// rlimits, `noNewPrivileges`, `linux.namespaces` and the uid/gid
/// mappings umoci adds for `--rootless`, masked and read-only paths,
/// seccomp and resources.
///
/// Two normalizations of umoci's output, both for things conversion.md
/// allows a converter to add:
/// 1. umoci writes every implicit annotation even when the image lacks the
///    field (`""`, or `0001-01-01T00:00:00Z` for `created`); these are
///    dropped ("A converter MAY add annotations which have keys not
///    specified in the image").
/// 2. umoci adds `HOME` from the user's `/etc/passwd` entry; when the
///    image's Env does not set `HOME` this is dropped ("The converter MAY
///    add additional entries to process.env but it SHOULD NOT add entries
///    that have variable names present in Config.Env"). When the image
///    sets `HOME`, umoci's change of it is compared (and listed).
///
/// Every other difference is in [`UMOCI_DEPARTURES`] (umoci departs from
/// conversion.md), [`IMPLEMENTATION_DEFINED`] (conversion.md leaves it
/// open).
#[test]
fn convert_matches_umoci_field_by_field() {
    if !have("convert_matches_umoci_field_by_field", &["umoci"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let etc = tmp.path().join("etc");
    std::fs::create_dir_all(&etc).unwrap();
    std::fs::write(etc.join("passwd"), PASSWD).unwrap();
    std::fs::write(etc.join("group"), GROUP).unwrap();
    let layer = |e: Etc| {
        let mut entries = vec![Entry::Dir("etc"), Entry::Dir("srv")];
        if e != Etc::None {
            entries.push(Entry::File("etc/passwd", PASSWD.as_bytes(), 0o644));
        }
        if e == Etc::Both {
            entries.push(Entry::File("etc/group", GROUP.as_bytes(), 0o644));
        }
        tar_layer(&entries)
    };

    // The crate's images, in one layout.
    let crate_root = tmp.path().join("crate");
    let mut layout = ImageLayout::create(&crate_root).unwrap();
    // umoci's, on two bases.
    let umoci_root = tmp.path().join("umoci");
    let img = |tag: &str| format!("{}:{tag}", s(&umoci_root));
    ok("umoci", &["init", "--layout", s(&umoci_root)]);
    ok("umoci", &["new", "--image", &img("base-none")]);
    ok("umoci", &["new", "--image", &img("base-both")]);
    for f in ["passwd", "group"] {
        ok(
            "umoci",
            &[
                "insert",
                "--image",
                &img("base-both"),
                s(&etc.join(f)),
                &format!("/etc/{f}"),
            ],
        );
    }
    let cases = cases();
    for case in &cases {
        if let Some(config) = &case.config {
            write_annotated_image(
                &mut layout,
                config.clone(),
                &layer(case.etc),
                Some(case.name),
                case.manifest_annotations.as_ref(),
            );
        } else {
            let base = match case.etc {
                Etc::None => "base-none",
                Etc::Both => "base-both",
                Etc::Passwd => unreachable!("no such base"),
            };
            let base_img = img(base);
            let mut args = vec!["config", "--image", &base_img, "--tag", case.name];
            args.extend(case.umoci_config);
            ok("umoci", &args);
        }
    }

    let mut all = Vec::new();
    for case in &cases {
        let root = if case.config.is_some() {
            &crate_root
        } else {
            &umoci_root
        };
        let dir = tmp.path().join("cases").join(case.name);
        std::fs::create_dir_all(&dir).unwrap();
        let config = config_of(root, case.name);
        let img: Value = serde_json::from_slice(&config).unwrap();
        let umoci = umoci_conversion(root, case.name, &dir.join("bundle"));
        let ours = our_conversion(case, &dir, &config, &etc);
        all.extend(rows(case.name, &img, &umoci, &ours));
    }
    let problems = judge(&all);
    let differing: Vec<&Row> = all.iter().filter(|r| r.umoci != r.ours).collect();
    eprintln!(
        "convert vs umoci: {} images, {} rows compared, {} equal, {} differ (each listed)",
        cases.len(),
        all.len(),
        all.len() - differing.len(),
        differing.len()
    );
    for r in &differing {
        let why = listed(UMOCI_DEPARTURES, r)
            .map(|l| format!("umoci departs: {}; conversion.md: {}", l.what, l.sentence))
            .or_else(|| {
                listed(IMPLEMENTATION_DEFINED, r).map(|l| {
                    format!(
                        "implementation-defined: {}; conversion.md: {}",
                        l.what, l.sentence
                    )
                })
            })
            .unwrap_or_else(|| "NOT LISTED".to_owned());
        eprintln!(
            "  {} / {}: umoci {} | oci-model {} ({why})",
            r.case, r.field, r.umoci, r.ours
        );
    }
    assert!(
        cases.len() >= 30,
        "{} images, at least 30 wanted",
        cases.len()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------
// A converted configuration, run.

/// What the container prints.
const GREETING: &str = "hello from oci-model convert";

/// The busybox to copy into root file systems: a static one, or `None`
/// (with the reason).
fn static_busybox() -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("busybox"))
                .find(|f| f.is_file())
        })
        .ok_or("busybox is not on PATH (Debian 12: apt-get install busybox-static)")?;
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if has_interpreter(&bytes) {
        return Err(format!(
            "{} is dynamically linked (Debian 12: apt-get install busybox-static)",
            path.display()
        ));
    }
    Ok(path)
}

/// Whether the ELF file `bytes` has a program interpreter (`PT_INTERP`):
/// a dynamically linked program, which needs its loader and libraries in
/// the root file system.
fn has_interpreter(bytes: &[u8]) -> bool {
    let (Some(class), Some(order)) = (bytes.get(4), bytes.get(5)) else {
        return true;
    };
    if !bytes.starts_with(b"\x7fELF") {
        return true;
    }
    let num = |at: usize, len: usize| -> usize {
        let mut b = [0u8; 8];
        let Some(src) = bytes.get(at..at + len) else {
            return 0;
        };
        if *order == 1 {
            b[..len].copy_from_slice(src);
            usize::try_from(u64::from_le_bytes(b)).unwrap_or(0)
        } else {
            b[8 - len..].copy_from_slice(src);
            usize::try_from(u64::from_be_bytes(b)).unwrap_or(0)
        }
    };
    // e_phoff, e_phentsize, e_phnum for ELF64 and ELF32.
    let (phoff, phentsize, phnum) = if *class == 2 {
        (num(0x20, 8), num(0x36, 2), num(0x38, 2))
    } else {
        (num(0x1c, 4), num(0x2a, 2), num(0x2c, 2))
    };
    (0..phnum).any(|i| num(phoff + i * phentsize, 4) == 3)
}

/// A root file system of busybox (as `/bin/busybox` and `/bin/sh`) and
/// an empty `/srv`.
fn busybox_rootfs(rootfs: &Path, busybox: &Path) {
    std::fs::create_dir_all(rootfs.join("bin")).unwrap();
    std::fs::create_dir_all(rootfs.join("srv")).unwrap();
    std::fs::copy(busybox, rootfs.join("bin/busybox")).unwrap();
    std::os::unix::fs::symlink("busybox", rootfs.join("bin/sh")).unwrap();
}

/// How a runtime is run: its state folder (`--root`, apart from the
/// host's), and whether in a private mount namespace whose
/// `/sys/fs/cgroup` is a cgroup2 mount, with crun's cgroup manager
/// disabled.
struct Launcher<'a> {
    runtime: &'a str,
    state: PathBuf,
    isolated: bool,
}

impl Launcher<'_> {
    /// Runs the bundle; returns what the container printed, or what the
    /// runtime printed when it failed.
    fn launch(&self, bundle: &Path) -> Result<String, String> {
        let runtime = self.runtime;
        let id = format!(
            "oci-model-test-{}-{runtime}-{}",
            std::process::id(),
            bundle.file_name().unwrap().to_string_lossy()
        );
        let state = s(&self.state);
        if self.isolated && !on_path("unshare") {
            return Err("unshare (util-linux) is not on PATH".to_owned());
        }
        let out = if self.isolated {
            let no_cgroups = if runtime == "crun" {
                "--cgroup-manager=disabled"
            } else {
                ""
            };
            let script = format!(
                "mount --make-rprivate / && umount -l /sys/fs/cgroup && \
                 mount -t cgroup2 none /sys/fs/cgroup && \
                 exec {runtime} --root '{state}' {no_cgroups} run --bundle '{}' '{id}'",
                s(bundle)
            );
            run("unshare", &["-m", "sh", "-c", &script])
        } else {
            run(
                runtime,
                &["--root", state, "run", "--bundle", s(bundle), &id],
            )
        };
        // `run` removes the container when it exits; this is for the case
        // it did not start.
        let _ = run(runtime, &["--root", state, "delete", "--force", &id]);
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }
}

/// The image configuration the container is converted from; `user`
/// becomes its `User`.
fn greeting_image(user: Option<&str>) -> Value {
    let mut image = json!({
        "architecture": "amd64", "os": "linux",
        "config": {
            "Env": [format!("GREETING={GREETING}")],
            "Entrypoint": ["/bin/busybox", "sh", "-c"],
            "Cmd": ["echo \"$GREETING as $(/bin/busybox id -u):$(/bin/busybox id -g) in $(/bin/busybox pwd)\""],
            "WorkingDir": "/srv"
        },
        "rootfs": {"type": "layers", "diff_ids": []}
    });
    if let Some(u) = user {
        image["config"]["User"] = json!(u);
    }
    image
}

/// Builds a bundle of `oci-model convert` output and a reference bundle
/// of the runtime's own `spec` (running busybox echo), runs both with
/// `runtime` and checks what the container printed.
///
/// As root the converted configuration is used unchanged (User
/// `1000:1000`). Otherwise the container runs rootless: the runtime's
/// `spec --rootless` (terminal off) is the converter's base (`--base`,
/// the caller's defaults conversion.md allows), and the image has no User
/// (only uid 0 is mapped in the rootless user namespace).
fn converted_config_runs_under(runtime: &str) {
    let test = format!("converted_config_runs_under_{runtime}");
    if !have(&test, &[runtime, "id"]) {
        return;
    }
    let busybox = match static_busybox() {
        Ok(b) => b,
        Err(why) => {
            eprintln!("real_tools: SKIPPED {test}: {why}");
            return;
        }
    };
    let is_root = ok("id", &["-u"]).trim() == "0";
    let tmp = tempfile::tempdir().unwrap();

    let reference = tmp.path().join("reference");
    busybox_rootfs(&reference.join("rootfs"), &busybox);
    let mut spec_args = vec!["spec", "--bundle", s(&reference)];
    if !is_root {
        spec_args.push("--rootless");
    }
    ok(runtime, &spec_args);
    let mut spec: Value =
        serde_json::from_slice(&std::fs::read(reference.join("config.json")).unwrap()).unwrap();
    spec["process"]["terminal"] = json!(false);
    let base = tmp.path().join("base.json");
    std::fs::write(&base, spec.to_string()).unwrap();
    spec["process"]["args"] = json!(["/bin/busybox", "echo", "reference"]);
    std::fs::write(reference.join("config.json"), spec.to_string()).unwrap();

    let ours = tmp.path().join("converted");
    busybox_rootfs(&ours.join("rootfs"), &busybox);
    let image = tmp.path().join("image-config.json");
    let user = is_root.then_some("1000:1000");
    std::fs::write(&image, serde_json::to_vec(&greeting_image(user)).unwrap()).unwrap();
    let config = if is_root {
        ok(BIN, &["convert", s(&image)])
    } else {
        ok(BIN, &["convert", "--base", s(&base), s(&image)])
    };
    std::fs::write(ours.join("config.json"), config).unwrap();

    // Where the runtime cannot run even its own configuration, the
    // machine forbids it: try once more in a private mount namespace with
    // a cgroup2 /sys/fs/cgroup and no cgroup manager (crun refuses a
    // hybrid cgroup hierarchy with controllers in its cgroup2 part), then
    // skip with what the runtime printed.
    let mut launcher = Launcher {
        runtime,
        state: tmp.path().join("state"),
        isolated: false,
    };
    if let Err(why) = launcher.launch(&reference) {
        eprintln!(
            "real_tools: {test}: `{runtime} run` of the runtime's own `{runtime} spec` failed: {}",
            why.trim()
        );
        launcher.isolated = true;
        match launcher.launch(&reference) {
            Ok(_) => eprintln!(
                "real_tools: {test}: it runs in a private mount namespace with a cgroup2 \
                 /sys/fs/cgroup (crun: --cgroup-manager=disabled); the converted bundle is \
                 run the same way"
            ),
            Err(again) => {
                eprintln!(
                    "real_tools: SKIPPED {test}: this machine does not let {runtime} run a \
                     container: {}; in a private mount namespace: {}",
                    why.trim(),
                    again.trim()
                );
                return;
            }
        }
    }
    let ids = if is_root { "1000:1000" } else { "0:0" };
    match launcher.launch(&ours) {
        Ok(out) => {
            assert_eq!(out, format!("{GREETING} as {ids} in /srv\n"), "{runtime}");
            eprintln!(
                "real_tools: {test}: the container printed {:?}{}",
                out.trim_end(),
                if is_root { "" } else { " (rootless)" }
            );
        }
        Err(why) => {
            panic!("{runtime} runs its own configuration but not `oci-model convert` output: {why}")
        }
    }
}

#[test]
fn converted_config_runs_under_runc() {
    converted_config_runs_under("runc");
}

#[test]
fn converted_config_runs_under_crun() {
    converted_config_runs_under("crun");
}
