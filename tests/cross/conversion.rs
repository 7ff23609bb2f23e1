//! Image configuration to runtime spec, one test per row of image-spec
//! v1.1.1 conversion.md, and end-to-end conversions of the configurations
//! in `test-data/conversion/` that must validate with zero errors.
#![cfg(all(feature = "image", feature = "runtime"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::collections::BTreeMap;

use oci_model::Validate;
use oci_model::image::{
    ConversionError, Converter, EtcPasswd, ImageConfiguration, ImageManifest, UserLookup,
};
use oci_model::runtime::{Process, Spec};

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/test-data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// An image from its `config` object (and top-level extras).
fn image(config: &str, extra: &str) -> ImageConfiguration {
    format!(
        r#"{{"architecture":"amd64","os":"linux",{extra}"config":{config},"rootfs":{{"type":"layers","diff_ids":[]}}}}"#
    )
    .parse()
    .unwrap()
}

fn process(spec: &Spec) -> &Process {
    spec.process().as_ref().unwrap()
}

fn annotations(spec: &Spec) -> BTreeMap<String, String> {
    spec.annotations()
        .iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn args(spec: &Spec) -> Vec<String> {
    process(spec).args().clone().unwrap_or_default()
}

#[test]
fn working_dir_is_cwd_and_defaults_to_root() {
    let spec = image(r#"{"WorkingDir":"/srv/app","Cmd":["x"]}"#, "")
        .to_runtime_spec()
        .unwrap();
    assert_eq!(process(&spec).cwd().to_str(), Some("/srv/app"));
    let spec = image(r#"{"Cmd":["x"]}"#, "").to_runtime_spec().unwrap();
    assert_eq!(process(&spec).cwd().to_str(), Some("/"));
}

fn env_of(spec: &Spec) -> Vec<String> {
    process(spec).env().clone().unwrap_or_default()
}

/// Every case of conversion.md's `Config.Env` row ("MUST extract" it
/// "verbatim"; the converter "MAY add entries" but "SHOULD NOT add entries
/// that have variable names present in `Config.Env`"), with the defaults
/// of `Spec::default()` (`PATH=/usr/local/sbin:...`, `TERM=xterm`).
#[test]
fn env_is_copied_verbatim_and_defaults_only_fill_unset_names() {
    let default_path = Spec::default()
        .process()
        .clone()
        .unwrap()
        .env()
        .clone()
        .unwrap()[0]
        .clone();
    assert!(default_path.starts_with("PATH="), "{default_path}");
    let cases: &[(&str, Vec<&str>)] = &[
        // No Env, an empty Env: the defaults.
        (r#"{"Cmd":["x"]}"#, vec![&default_path, "TERM=xterm"]),
        (
            r#"{"Cmd":["x"],"Env":[]}"#,
            vec![&default_path, "TERM=xterm"],
        ),
        // PATH later in the list stays where the image put it.
        (
            r#"{"Cmd":["x"],"Env":["LANG=C.UTF-8","PATH=/opt/bin"]}"#,
            vec!["LANG=C.UTF-8", "PATH=/opt/bin", "TERM=xterm"],
        ),
        // Duplicates are kept, in order, not collapsed.
        (
            r#"{"Cmd":["x"],"Env":["A=1","B=2","A=3"]}"#,
            vec!["A=1", "B=2", "A=3", &default_path, "TERM=xterm"],
        ),
        // An image that sets TERM (or sets it twice) gets no default TERM.
        (
            r#"{"Cmd":["x"],"Env":["TERM=dumb","PATH=/bin","TERM=vt100"]}"#,
            vec!["TERM=dumb", "PATH=/bin", "TERM=vt100"],
        ),
        // Empty values and entries without '=' are copied as they are; a
        // bare name counts as set.
        (
            r#"{"Cmd":["x"],"Env":["EMPTY=","NOVALUE","PATH"]}"#,
            vec!["EMPTY=", "NOVALUE", "PATH", "TERM=xterm"],
        ),
        // Values with '=' and spaces are not split or trimmed; names are
        // case-sensitive.
        (
            r#"{"Cmd":["x"],"Env":["OPTS=a=b c ","path=/lower"]}"#,
            vec!["OPTS=a=b c ", "path=/lower", &default_path, "TERM=xterm"],
        ),
    ];
    for (config, want) in cases {
        let spec = image(config, "").to_runtime_spec().unwrap();
        assert_eq!(env_of(&spec), *want, "{config}");
    }
}

#[test]
fn env_caller_entries_replace_in_place_append_and_remove() {
    let img = image(
        r#"{"Env":["PATH=/opt/bin","LANG=C.UTF-8","A=1","EMPTY=","A=2"],"Cmd":["x"]}"#,
        "",
    );
    let cases: &[(&[&str], &[&str])] = &[
        // Replacing: the first entry of the name, in place; its duplicates go.
        (
            &["A=9"],
            &[
                "PATH=/opt/bin",
                "LANG=C.UTF-8",
                "A=9",
                "EMPTY=",
                "TERM=xterm",
            ],
        ),
        // Appending a new name; replacing a default.
        (
            &["DEBUG=1", "TERM=vt100"],
            &[
                "PATH=/opt/bin",
                "LANG=C.UTF-8",
                "A=1",
                "EMPTY=",
                "A=2",
                "TERM=vt100",
                "DEBUG=1",
            ],
        ),
        // Removing: every entry of the name, image's or default's.
        (
            &["A", "TERM", "NOPE"],
            &["PATH=/opt/bin", "LANG=C.UTF-8", "EMPTY="],
        ),
        // Later caller entries win over earlier ones.
        (
            &["LANG=de_DE.UTF-8", "LANG=fr_FR.UTF-8"],
            &[
                "PATH=/opt/bin",
                "LANG=fr_FR.UTF-8",
                "A=1",
                "EMPTY=",
                "A=2",
                "TERM=xterm",
            ],
        ),
    ];
    for (caller, want) in cases {
        let spec = Converter::new()
            .env(caller.iter().copied())
            .convert(&img)
            .unwrap();
        assert_eq!(env_of(&spec), *want, "{caller:?}");
    }
}

#[test]
fn env_defaults_come_from_the_base_spec() {
    let img = image(r#"{"Env":["B=image"],"Cmd":["x"]}"#, "");
    let mut base = Spec::default();
    let mut p = base.process().clone().unwrap();
    p.set_env(Some(vec![
        "Z=1".to_owned(),
        "B=base".to_owned(),
        "A=2".to_owned(),
    ]));
    base.set_process(Some(p));
    let spec = Converter::new().base(base).convert(&img).unwrap();
    assert_eq!(env_of(&spec), ["B=image", "Z=1", "A=2"]);
    // A base without env adds nothing.
    let mut base = Spec::default();
    let mut p = base.process().clone().unwrap();
    p.set_env(None);
    base.set_process(Some(p));
    let spec = Converter::new().base(base).convert(&img).unwrap();
    assert_eq!(env_of(&spec), ["B=image"]);
}

#[test]
fn entrypoint_and_cmd_make_args_with_caller_overrides() {
    let both = image(
        r#"{"Entrypoint":["/bin/app","-v"],"Cmd":["serve","--port=80"]}"#,
        "",
    );
    let cases: Vec<(Converter<'_>, &[&str])> = vec![
        (Converter::new(), &["/bin/app", "-v", "serve", "--port=80"]),
        (
            Converter::new().cmd(["version"]),
            &["/bin/app", "-v", "version"],
        ),
        (Converter::new().entrypoint(["/bin/sh"]), &["/bin/sh"]),
        (
            Converter::new().entrypoint(["/bin/sh"]).cmd(["-c", "id"]),
            &["/bin/sh", "-c", "id"],
        ),
    ];
    for (converter, want) in cases {
        assert_eq!(
            args(&converter.convert(&both).unwrap()),
            want,
            "{converter:?}"
        );
    }
    let entry_only = image(r#"{"Entrypoint":["/bin/app"]}"#, "");
    assert_eq!(args(&entry_only.to_runtime_spec().unwrap()), ["/bin/app"]);
    let cmd_only = image(r#"{"Cmd":["sh"]}"#, "");
    assert_eq!(args(&cmd_only.to_runtime_spec().unwrap()), ["sh"]);

    let none = image(r#"{"Env":["A=1"]}"#, "");
    let e = none.to_runtime_spec().unwrap_err();
    assert_eq!(e, ConversionError::NoCommand);
    assert_eq!(
        e.to_string(),
        "/config: no command: expected Entrypoint or Cmd in the image, or a command from the caller"
    );
    assert_eq!(
        args(&Converter::new().cmd(["/ko-app"]).convert(&none).unwrap()),
        ["/ko-app"]
    );
}

/// One row of conversion.md's "Annotation Fields" table: the image field
/// (as a top-level member or a `config` member) sets its annotation, an
/// absent field sets none, and a label of the same key wins (note 1).
fn annotation_row(top: &str, config: &str, key: &str, value: &str) {
    let key = format!("org.opencontainers.image.{key}");
    let with = image(&format!(r#"{{"Cmd":["x"]{config}}}"#), top);
    assert_eq!(
        annotations(&with.to_runtime_spec().unwrap())
            .get(&key)
            .map(String::as_str),
        Some(value),
        "{key}"
    );
    let labelled = image(
        &format!(r#"{{"Cmd":["x"]{config},"Labels":{{"{key}":"from a label"}}}}"#),
        top,
    );
    assert_eq!(
        annotations(&labelled.to_runtime_spec().unwrap())[&key],
        "from a label",
        "{key}"
    );
    if !top.is_empty() || !config.is_empty() {
        let without = image(r#"{"Cmd":["x"]}"#, "");
        let a = annotations(&without.to_runtime_spec().unwrap());
        let required = [
            "org.opencontainers.image.os",
            "org.opencontainers.image.architecture",
        ];
        if required.contains(&key.as_str()) {
            assert!(a.contains_key(&key), "{key} is required, always set");
        } else {
            assert!(!a.contains_key(&key), "{key} without its field");
        }
    }
}

#[test]
fn row_os() {
    annotation_row("", "", "os", "linux");
}

#[test]
fn row_architecture() {
    annotation_row("", "", "architecture", "amd64");
}

#[test]
fn row_variant() {
    annotation_row(r#""variant":"v3","#, "", "variant", "v3");
}

#[test]
fn row_os_version() {
    annotation_row(r#""os.version":"6.8","#, "", "os.version", "6.8");
}

#[test]
fn row_os_features() {
    annotation_row(
        r#""os.features":["sse4","aes"],"#,
        "",
        "os.features",
        "sse4,aes",
    );
}

#[test]
fn row_author() {
    annotation_row(
        r#""author":"Ann <ann@example.com>","#,
        "",
        "author",
        "Ann <ann@example.com>",
    );
}

#[test]
fn row_created() {
    annotation_row(
        r#""created":"2024-01-02T03:04:05Z","#,
        "",
        "created",
        "2024-01-02T03:04:05Z",
    );
}

#[test]
fn row_stop_signal() {
    annotation_row(
        "",
        r#","StopSignal":"SIGRTMIN+3""#,
        "stopSignal",
        "SIGRTMIN+3",
    );
}

#[test]
fn row_exposed_ports() {
    annotation_row(
        "",
        r#","ExposedPorts":{"80/tcp":{}}"#,
        "exposedPorts",
        "80/tcp",
    );
}

#[test]
fn labels_are_copied_and_win_over_implicit_annotations() {
    let img = image(
        r#"{"Cmd":["x"],"StopSignal":"SIGTERM","Labels":{"org.opencontainers.image.stopSignal":"SIGKILL","org.opencontainers.image.os":"plan9","com.example.a":"1"}}"#,
        "",
    );
    let a = annotations(&img.to_runtime_spec().unwrap());
    assert_eq!(a["org.opencontainers.image.stopSignal"], "SIGKILL");
    assert_eq!(a["org.opencontainers.image.os"], "plan9");
    assert_eq!(a["com.example.a"], "1");
    // A caller's annotation wins over labels.
    let spec = Converter::new()
        .annotation("com.example.a", "2")
        .convert(&img)
        .unwrap();
    assert_eq!(annotations(&spec)["com.example.a"], "2");
}

#[test]
fn exposed_ports_become_a_sorted_comma_separated_annotation() {
    let img = image(
        r#"{"Cmd":["x"],"ExposedPorts":{"8080/tcp":{},"53/udp":{},"443":{}}}"#,
        "",
    );
    let a = annotations(&img.to_runtime_spec().unwrap());
    assert_eq!(
        a["org.opencontainers.image.exposedPorts"],
        "443,53/udp,8080/tcp"
    );
}

#[test]
fn volumes_become_tmpfs_mounts_unless_turned_off() {
    let img = image(r#"{"Cmd":["x"],"Volumes":{"/data":{},"/dev/shm":{}}}"#, "");
    let base = Spec::default().mounts().clone().unwrap();
    let spec = img.to_runtime_spec().unwrap();
    let mounts = spec.mounts().as_ref().unwrap();
    // /dev/shm is already a base mount: only /data is added, at the end.
    assert_eq!(mounts.len(), base.len() + 1);
    let data = mounts.last().unwrap();
    assert_eq!(data.destination().to_str(), Some("/data"));
    assert_eq!(data.typ().as_deref(), Some("tmpfs"));
    assert_eq!(
        data.options().as_deref().unwrap(),
        ["nosuid", "nodev", "mode=755"]
    );
    let spec = Converter::new().volumes(false).convert(&img).unwrap();
    assert_eq!(spec.mounts().as_ref().unwrap().len(), base.len());
}

/// A lookup with alice (1000:1000, also in users and docker) and the group
/// staff (50).
fn lookup() -> EtcPasswd {
    EtcPasswd::parse(
        &data("conversion/alice-passwd"),
        &(data("conversion/alice-group") + "staff:x:50:\n"),
    )
}

#[test]
fn user_in_every_documented_form() {
    let db = lookup();
    // (User, uid, gid, additionalGids)
    let cases: &[(&str, u32, u32, Option<&[u32]>)] = &[
        ("1000", 1000, 1000, None),
        ("4242", 4242, 0, None),
        ("1000:50", 1000, 50, None),
        ("alice", 1000, 1000, Some(&[100, 999])),
        ("alice:staff", 1000, 50, None),
        ("alice:7", 1000, 7, None),
        ("4242:staff", 4242, 50, None),
        ("0", 0, 0, None),
    ];
    for (user, uid, gid, extra) in cases {
        let img = image(&format!(r#"{{"Cmd":["x"],"User":"{user}"}}"#), "");
        let spec = Converter::new().user_lookup(&db).convert(&img).unwrap();
        let u = process(&spec).user().clone();
        assert_eq!((u.uid(), u.gid()), (*uid, *gid), "{user}");
        assert_eq!(u.additional_gids().as_deref(), *extra, "{user}");
    }
    // No User: the base's root user.
    let spec = image(r#"{"Cmd":["x"]}"#, "").to_runtime_spec().unwrap();
    let u = process(&spec).user().clone();
    assert_eq!((u.uid(), u.gid()), (0, 0));
    // The caller's user replaces the image's.
    let img = image(r#"{"Cmd":["x"],"User":"alice"}"#, "");
    let spec = Converter::new().user("1001:1001").convert(&img).unwrap();
    assert_eq!(process(&spec).user().uid(), 1001);
}

#[test]
fn user_errors_name_what_failed() {
    let db = lookup();
    let cases: &[(&str, bool, &str)] = &[
        (
            "alice",
            false,
            "/config/User: cannot resolve user \"alice\" of \"alice\" without a user lookup: expected a numeric id, or a lookup of the container's names",
        ),
        (
            "1000:staff",
            false,
            "/config/User: cannot resolve group \"staff\" of \"1000:staff\" without a user lookup: expected a numeric id, or a lookup of the container's names",
        ),
        (
            "mallory",
            true,
            "/config/User: user \"mallory\" of \"mallory\" is not in the container: expected a user the user lookup knows",
        ),
        (
            "alice:wheel",
            true,
            "/config/User: group \"wheel\" of \"alice:wheel\" is not in the container: expected a group the user lookup knows",
        ),
        (
            "a:b:c",
            true,
            "/config/User: invalid user \"a:b:c\": expected uid, uid:gid, user, user:group, user:gid or uid:group",
        ),
        (
            ":100",
            true,
            "/config/User: invalid user \":100\": expected uid, uid:gid, user, user:group, user:gid or uid:group",
        ),
        (
            "99999999999",
            true,
            "/config/User: invalid user \"99999999999\": expected uid, uid:gid, user, user:group, user:gid or uid:group",
        ),
    ];
    for (user, with_lookup, message) in cases {
        let img = image(&format!(r#"{{"Cmd":["x"],"User":"{user}"}}"#), "");
        let mut c = Converter::new();
        if *with_lookup {
            c = c.user_lookup(&db);
        }
        assert_eq!(c.convert(&img).unwrap_err().to_string(), *message, "{user}");
    }
}

/// A lookup written as a small struct: the trait is all a caller needs.
struct Fixed;

impl UserLookup for Fixed {
    fn user_by_name(&self, name: &str) -> Option<(u32, u32)> {
        (name == "svc").then_some((500, 500))
    }
    fn primary_gid(&self, uid: u32) -> Option<u32> {
        (uid == 500).then_some(500)
    }
    fn group_by_name(&self, _: &str) -> Option<u32> {
        None
    }
    fn supplementary_gids(&self, _: &str) -> Vec<u32> {
        Vec::new()
    }
}

#[test]
fn a_custom_lookup_resolves_names() {
    let img = image(r#"{"Cmd":["x"],"User":"svc"}"#, "");
    let spec = Converter::new().user_lookup(&Fixed).convert(&img).unwrap();
    let u = process(&spec).user().clone();
    assert_eq!((u.uid(), u.gid()), (500, 500));
    assert_eq!(u.additional_gids(), &None);
}

fn windows_image(config: &str) -> ImageConfiguration {
    format!(
        r#"{{"architecture":"amd64","os":"windows","config":{config},"rootfs":{{"type":"layers","diff_ids":[]}}}}"#
    )
    .parse()
    .unwrap()
}

#[test]
fn args_escaped_on_windows_gives_a_command_line() {
    let escaped = windows_image(
        r#"{"Entrypoint":["cmd /S /C app.exe"],"Cmd":["two words","x\"y"],"ArgsEscaped":true}"#,
    );
    let spec = Converter::new().convert(&escaped).unwrap();
    let p = process(&spec);
    assert_eq!(p.args(), &None);
    assert_eq!(
        p.command_line().as_deref(),
        Some(r#"cmd /S /C app.exe "two words" x\"y"#)
    );
    // A caller's command after the image's entrypoint: still escaped.
    let spec = Converter::new().cmd(["--flag"]).convert(&escaped).unwrap();
    assert_eq!(
        process(&spec).command_line().as_deref(),
        Some("cmd /S /C app.exe --flag")
    );
    // A caller's entrypoint: plain args.
    let spec = Converter::new()
        .entrypoint(["ping.exe", "localhost"])
        .convert(&escaped)
        .unwrap();
    assert_eq!(args(&spec), ["ping.exe", "localhost"]);
    assert_eq!(process(&spec).command_line(), &None);
    // A caller's command replacing an image Cmd (no entrypoint): plain args.
    let cmd_only = windows_image(r#"{"Cmd":["cmd /S /C dir"],"ArgsEscaped":true}"#);
    let spec = Converter::new()
        .cmd(["whoami.exe"])
        .convert(&cmd_only)
        .unwrap();
    assert_eq!(args(&spec), ["whoami.exe"]);
    // ArgsEscaped false, or on Linux: args as they are.
    let plain = windows_image(r#"{"Cmd":["cmd","/S"],"ArgsEscaped":false}"#);
    assert_eq!(args(&plain.to_runtime_spec().unwrap()), ["cmd", "/S"]);
    let linux = image(r#"{"Cmd":["sh -c id"],"ArgsEscaped":true}"#, "");
    assert_eq!(args(&linux.to_runtime_spec().unwrap()), ["sh -c id"]);
}

#[test]
fn windows_user_is_a_username() {
    let img = windows_image(r#"{"Cmd":["cmd"],"User":"ContainerAdministrator"}"#);
    let spec = img.to_runtime_spec().unwrap();
    let u = process(&spec).user().clone();
    assert_eq!(u.username().as_deref(), Some("ContainerAdministrator"));
    assert_eq!((u.uid(), u.gid()), (0, 0));
    let written = serde_json::to_string(&u).unwrap();
    assert!(
        !written.contains("uid") && !written.contains("gid"),
        "{written}"
    );
}

#[test]
fn manifest_annotations_are_taken_only_when_asked_for() {
    let manifest: ImageManifest = data("conversion/manifest.json").parse().unwrap();
    let img = image(r#"{"Cmd":["x"],"StopSignal":"SIGQUIT"}"#, "");
    // conversion.md: "A converter SHOULD NOT attempt to extract annotations
    // from manifests": by default nothing comes from one (the converter is
    // not even given it).
    let a = annotations(&Converter::new().convert(&img).unwrap());
    assert!(!a.contains_key("org.opencontainers.image.created"), "{a:?}");
    assert_eq!(a["org.opencontainers.image.stopSignal"], "SIGQUIT");
    // Asked for (a departure from conversion.md): the mapped keys fill
    // what the configuration leaves out ...
    let a = annotations(
        &Converter::new()
            .manifest_annotations(&manifest)
            .convert(&img)
            .unwrap(),
    );
    assert_eq!(
        a["org.opencontainers.image.created"],
        "2024-11-26T00:00:00Z"
    );
    // ... the config's stop signal wins over the manifest's ...
    assert_eq!(a["org.opencontainers.image.stopSignal"], "SIGQUIT");
    // ... and keys conversion.md does not map are not taken.
    assert!(!a.contains_key("org.opencontainers.image.source"));
    assert!(!a.contains_key("com.example.note"));
    // A label wins over the manifest's value, a caller's annotation over both.
    let labelled = image(
        r#"{"Cmd":["x"],"Labels":{"org.opencontainers.image.created":"2001-01-01T00:00:00Z"}}"#,
        "",
    );
    let a = annotations(
        &Converter::new()
            .manifest_annotations(&manifest)
            .convert(&labelled)
            .unwrap(),
    );
    assert_eq!(
        a["org.opencontainers.image.created"],
        "2001-01-01T00:00:00Z"
    );
    let a = annotations(
        &Converter::new()
            .manifest_annotations(&manifest)
            .annotation("org.opencontainers.image.created", "2002-02-02T00:00:00Z")
            .convert(&labelled)
            .unwrap(),
    );
    assert_eq!(
        a["org.opencontainers.image.created"],
        "2002-02-02T00:00:00Z"
    );
}

#[test]
fn oci_version_defaults_to_one_crun_and_runc_accept_and_can_be_set() {
    let img = image(r#"{"Cmd":["x"]}"#, "");
    assert_eq!(oci_model::image::CONVERSION_OCI_VERSION, "1.0.2");
    let spec = img.to_runtime_spec().unwrap();
    assert_eq!(spec.version(), "1.0.2");
    // A Windows conversion writes process.commandLine, also 1.0.2's.
    let windows = Converter::new()
        .base(data("conversion/windows-base.json").parse().unwrap())
        .convert(&data("conversion/windows-app.json").parse().unwrap())
        .unwrap();
    assert!(windows.process().as_ref().unwrap().command_line().is_some());
    assert_eq!(windows.version(), "1.0.2");
    let spec = Converter::new().oci_version("1.1.0").convert(&img).unwrap();
    assert_eq!(spec.version(), "1.1.0");
    assert!(spec.validate().is_clean(), "{:?}", spec.validate());
    // A base's version is replaced too, unless the caller keeps it.
    let mut base = Spec::default();
    base.set_version("1.2.1".to_owned());
    let spec = Converter::new().base(base.clone()).convert(&img).unwrap();
    assert_eq!(spec.version(), "1.0.2");
    let spec = Converter::new()
        .oci_version(base.version())
        .base(base)
        .convert(&img)
        .unwrap();
    assert_eq!(spec.version(), "1.2.1");
    // A version that is not SemVer is written, and validate() says so.
    let spec = Converter::new().oci_version("1.1").convert(&img).unwrap();
    let report = spec.validate();
    assert_eq!(report.violations()[0].rule_name(), "oci-version-semver");
}

/// Converts each configuration with each converter and checks the result
/// passes `validate()` with no warning (what `validate --strict` asks).
#[test]
fn converted_specs_are_valid_under_strict_for_a_matrix_of_configs() {
    let configs = [
        r#"{"Cmd":["x"]}"#,
        r#"{"Entrypoint":["/bin/app"],"Cmd":["-v"],"WorkingDir":"/srv"}"#,
        r#"{"Cmd":["x"],"ExposedPorts":{"80/tcp":{},"53/udp":{},"8443":{}}}"#,
        r#"{"Cmd":["x"],"Env":["A=1","A=2","NOVALUE","PATH=/opt/bin"]}"#,
        r#"{"Cmd":["x"],"Volumes":{"/data":{},"/var/log":{}}}"#,
        r#"{"Cmd":["x"],"StopSignal":"SIGQUIT","User":"1000:1000"}"#,
        r#"{"Cmd":["x"],"Labels":{"com.example.a":"1","maintainer":"me","org.opencontainers.image.os":"linux","org.opencontainers.image.stopSignal":"SIGKILL"}}"#,
        r#"{"Cmd":["x"],"ExposedPorts":{"80/tcp":{}},"Volumes":{"/d":{}},"Labels":{"org.opencontainers.image.exposedPorts":"81/tcp"}}"#,
    ];
    let tops = [
        "",
        r#""variant":"v3","os.version":"6.8","os.features":["a","b"],"#,
        r#""author":"Ann <ann@example.com>","created":"2024-01-02T03:04:05Z","#,
    ];
    let manifest: ImageManifest = data("conversion/manifest.json").parse().unwrap();
    let converters = vec![
        Converter::new(),
        Converter::new().oci_version("1.1.0"),
        Converter::new().oci_version(oci_model::runtime::VERSION),
        Converter::new().manifest_annotations(&manifest),
        Converter::new()
            .env(["DEBUG=1", "TERM"])
            .user("0:0")
            .volumes(false),
        Converter::new()
            .annotation("com.example.run", "1")
            .cmd(["/bin/sh"]),
    ];
    let mut checked = 0;
    for config in configs {
        for top in tops {
            let img = image(config, top);
            for c in &converters {
                let spec = c.convert(&img).unwrap();
                let report = spec.validate();
                assert!(
                    report.is_clean(),
                    "{config} {top} {c:?}: {:#?}",
                    report.violations()
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 8 * 3 * 6);
}

/// Converts, validates with zero errors and zero warnings, and returns the
/// spec.
fn converted(name: &str, converter: &Converter<'_>) -> Spec {
    let img: ImageConfiguration = data(name).parse().unwrap();
    let spec = converter
        .convert(&img)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let report = spec.validate();
    // Valid under `validate --strict`: no error and no warning.
    assert!(report.is_clean(), "{name}: {:#?}", report.violations());
    // The written config.json reads back equal.
    let back: Spec = spec.to_string().unwrap().parse().unwrap();
    assert_eq!(back, spec, "{name}");
    spec
}

#[test]
fn real_configurations_convert_into_valid_specs() {
    let spec = converted("conversion/nginx.json", &Converter::new());
    assert_eq!(
        args(&spec),
        ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"]
    );
    let a = annotations(&spec);
    assert_eq!(a["org.opencontainers.image.stopSignal"], "SIGQUIT");
    assert_eq!(a["org.opencontainers.image.exposedPorts"], "80/tcp");
    assert_eq!(
        a["maintainer"],
        "NGINX Docker Maintainers <docker-maint@nginx.com>"
    );

    let spec = converted("conversion/postgres.json", &Converter::new());
    assert_eq!(args(&spec), ["docker-entrypoint.sh", "postgres"]);
    assert_eq!(annotations(&spec)["org.opencontainers.image.variant"], "v8");
    let last = spec.mounts().as_ref().unwrap().last().unwrap().clone();
    assert_eq!(
        last.destination().to_str(),
        Some("/var/lib/postgresql/data")
    );

    let spec = converted("conversion/busybox.json", &Converter::new());
    assert_eq!(args(&spec), ["sh"]);

    let spec = converted(
        "conversion/distroless-nonroot.json",
        &Converter::new().cmd(["/app"]),
    );
    let u = process(&spec).user().clone();
    assert_eq!((u.uid(), u.gid()), (65532, 0));
    assert_eq!(process(&spec).cwd().to_str(), Some("/home/nonroot"));

    // image-spec's own example configuration, user alice from its passwd.
    let db = lookup();
    let spec = converted(
        "image/examples/config-01.json",
        &Converter::new().user_lookup(&db),
    );
    let u = process(&spec).user().clone();
    assert_eq!((u.uid(), u.gid()), (1000, 1000));
    assert_eq!(u.additional_gids().as_deref(), Some(&[100, 999][..]));
    assert_eq!(
        args(&spec),
        [
            "/bin/my-app-binary",
            "--foreground",
            "--config",
            "/etc/my-app.d/default.cfg"
        ]
    );
    assert_eq!(
        annotations(&spec)["org.opencontainers.image.author"],
        "Alyssa P. Hacker <alyspdev@example.com>"
    );

    // A Windows image onto a Windows base spec.
    let base: Spec = data("conversion/windows-base.json").parse().unwrap();
    let spec = converted("conversion/windows-app.json", &Converter::new().base(base));
    let p = process(&spec);
    assert_eq!(
        p.command_line().as_deref(),
        Some("cmd /S /C C:\\app\\server.exe --port 80")
    );
    assert_eq!(p.cwd().to_str(), Some("C:\\app"));
    assert_eq!(
        annotations(&spec)["org.opencontainers.image.os.version"],
        "10.0.20348.2966"
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Converter<'static>>();
    check::<ConversionError>();
    check::<EtcPasswd>();
    check::<oci_model::image::PlatformMatcher>();
    // Errors box into `Box<dyn Error + Send + Sync>` (anyhow, `?`).
    let e: Box<dyn std::error::Error + Send + Sync> = Box::new(ConversionError::NoCommand);
    assert!(e.to_string().starts_with("/config: no command"));
}

#[test]
fn every_valid_config_fixture_converts_into_a_valid_spec() {
    let dir = format!("{}/test-data/image/valid", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with("config-")
                && std::path::Path::new(n)
                    .extension()
                    .is_some_and(|e| e == "json")
        })
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for name in &names {
        let img: ImageConfiguration = data(&format!("image/valid/{name}")).parse().unwrap();
        let has_command = img
            .config()
            .as_ref()
            .is_some_and(|c| c.entrypoint().is_some() || c.cmd().is_some());
        if !has_command {
            // No command: an error unless the caller gives one.
            assert_eq!(
                img.to_runtime_spec().unwrap_err(),
                ConversionError::NoCommand,
                "{name}"
            );
        }
        let converter = if has_command {
            Converter::new()
        } else {
            Converter::new().cmd(["/bin/true"])
        };
        converted(&format!("image/valid/{name}"), &converter);
    }
}
