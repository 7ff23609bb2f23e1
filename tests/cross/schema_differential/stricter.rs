//! Part of `tests/schema_differential.rs`: the stricter-than-schema allow list and the model gaps.

use super::exempt::CONFIG_OPTIONAL;
use super::mutate::Mutation;
use crate::common::pointer_matches;

/// A mutation that we reject although the schema accepts it.
pub struct Stricter {
    /// Reason id (spec-rules.md §5.1 item, or §5.2 conflict id).
    pub id: &'static str,
    pub kinds: &'static [&'static str],
    /// Patterns of the mutated pointer.
    pub pointers: &'static [&'static str],
    /// Mutation classes (`*` for any).
    pub mutations: &'static [&'static str],
    pub why: &'static str,
}

pub const ANY: &[&str] = &["*"];

/// Where a descriptor (standalone or inside a manifest, index) carries a digest.
pub const DIGESTS: &[&str] = &[
    "/digest",
    "/config/digest",
    "/layers/*/digest",
    "/manifests/*/digest",
    "/subject/digest",
];
/// ... and a size.
pub const SIZES: &[&str] = &[
    "/size",
    "/config/size",
    "/layers/*/size",
    "/manifests/*/size",
    "/subject/size",
];
/// ... and embedded data.
pub const DATA: &[&str] = &[
    "/data",
    "/config/data",
    "/layers/*/data",
    "/manifests/*/data",
    "/subject/data",
];
/// `vm.hwConfig.iomems[]` items after the first (X9: the v1.3.0 schema's
/// tuple form checks only item 0).
pub const IOMEMS_TAIL: &[&str] = &[
    "/vm/hwConfig/iomems/1",
    "/vm/hwConfig/iomems/1/*",
    "/vm/hwConfig/iomems/2",
    "/vm/hwConfig/iomems/2/*",
];
pub const IMAGE_KINDS: &[&str] = &["descriptor", "manifest", "index", "config"];

pub const STRICTER: &[Stricter] = &[
    Stricter {
        id: "5.1.1",
        kinds: IMAGE_KINDS,
        pointers: DIGESTS,
        mutations: &["short-digest", "uppercase-digest"],
        why: "per-algorithm digest encodings (sha256: 64 lowercase hex); the schema only checks the generic grammar",
    },
    Stricter {
        id: "5.1.1",
        kinds: &["config"],
        pointers: &["/rootfs/diff_ids/*"],
        mutations: &[
            "short-digest",
            "uppercase-digest",
            "uppercase",
            "empty-string",
            "unknown-value",
        ],
        why: "CFG-N1: rootfs.diff_ids[] are digests; the schema only says string",
    },
    Stricter {
        id: "5.1.2",
        kinds: &["manifest", "index"],
        pointers: &["/mediaType"],
        mutations: &["other-media-type", "uppercase"],
        why: "MAN-N1/IDX-N1: a manifest's (index's) mediaType, when set, MUST be the manifest (index) type; the schema checks the RFC 6838 shape only",
    },
    Stricter {
        id: "5.1.3",
        kinds: &["manifest"],
        pointers: &["/artifactType"],
        mutations: &["drop"],
        why: "MAN-N2: artifactType MUST be set when config.mediaType is the empty media type",
    },
    Stricter {
        id: "5.1.4",
        kinds: IMAGE_KINDS,
        pointers: DATA,
        mutations: &["empty-string", "unknown-value", "uppercase"],
        why: "DESC-N3/N4: data is padded standard base64 of exactly the content (size and digest)",
    },
    Stricter {
        id: "5.1.5",
        kinds: IMAGE_KINDS,
        pointers: SIZES,
        mutations: &["negative", "min-i64"],
        why: "X3/DESC-N5: size MUST NOT be negative (image-spec main); the v1.1.1 schemas take any int64",
    },
    Stricter {
        id: "5.1.6",
        kinds: &["config"],
        pointers: &["/config/Env/*"],
        mutations: &["empty-string", "unknown-value"],
        why: "CFG-N2: Env entries are VARNAME=VARVALUE (the Go validator's ^[^=]+=.*$); the schema only says string",
    },
    Stricter {
        id: "IDX-artifactType",
        kinds: &["index"],
        pointers: &["/manifests/*/artifactType"],
        mutations: ANY,
        why: "descriptor.md: artifactType MUST comply with RFC 6838; the index schema's inline manifest descriptor does not list artifactType",
    },
    Stricter {
        id: "oci-spec",
        kinds: &["runtime-config"],
        pointers: &["/linux/resources/hugepageLimits/*/limit"],
        mutations: &["max-u64"],
        why: "hugepageLimits[].limit is an i64 as in oci-spec 0.10 (its users' shape); the spec's uint64 beyond i64::MAX does not decode, as in oci-spec (release.md)",
    },
    Stricter {
        id: "5.1.7",
        kinds: &["runtime-config", "state"],
        pointers: &["/ociVersion"],
        mutations: &["empty-string", "unknown-value"],
        why: "RT-N1/ST-N3: ociVersion MUST be SemVer 2.0.0; the schema says string",
    },
    Stricter {
        id: "5.1.7",
        kinds: &["features"],
        pointers: &["/ociVersionMin", "/ociVersionMax"],
        mutations: &["empty-string", "unknown-value"],
        why: "FEAT: ociVersionMin/Max are runtime-spec (SemVer) versions and Max MUST NOT be less than Min",
    },
    Stricter {
        id: "5.1.8",
        kinds: &["runtime-config", "state"],
        pointers: &[
            "/process/cwd",
            "/hooks/*/*/path",
            "/mounts/*/destination",
            "/linux/maskedPaths/*",
            "/linux/readonlyPaths/*",
            "/linux/namespaces/*/path",
            "/zos/namespaces/*/path",
            "/vm/hypervisor/path",
            "/vm/kernel/path",
            "/vm/kernel/initrd",
            "/vm/image/path",
            "/bundle",
        ],
        mutations: &["empty-string", "unknown-value"],
        why: "runtime absolute paths (RT-N4/N9/N10, LNX-N1/N10, VM-N1, ST-N2); the schema says string",
    },
    Stricter {
        id: "5.1.9/X11",
        kinds: &["runtime-config"],
        pointers: &[
            "/root",
            "/windows/hyperv",
            "/process/user",
            "/process/user/uid",
            "/process/user/gid",
            "/process/args",
            "/process/ioPriority/priority",
            "/linux/memoryPolicy",
            "/linux/memoryPolicy/mode",
            "/linux/personality",
            "/linux/personality/domain",
            "/process/ioPriority",
            "/linux/devices/*/major",
            "/linux/devices/*/minor",
            "/linux/resources/blockIO/*/*/rate",
            "/linux/resources/blockIO/weightDevice/*/weight",
            "/linux/resources/blockIO/weightDevice/*/leafWeight",
            "/linux/resources/rdma/*",
            "/linux/resources/rdma/*/hcaHandles",
            "/linux/resources/rdma/*/hcaObjects",
            "/freebsd/devices/*",
            "/freebsd/devices/*/path",
        ],
        mutations: &["drop", "empty-object", "empty-array"],
        why: "REQUIRED / conditionally required members the schema leaves optional (X11; root (unless windows.hyperv), user.uid/gid, args >= 1 entry on POSIX, device major/minor, throttle rate, weight or leafWeight, hcaHandles or hcaObjects, FreeBSD device path, ...)",
    },
    Stricter {
        id: "X5",
        kinds: &["runtime-config"],
        pointers: &["/windows/resources/cpu/affinity"],
        mutations: &["to-object"],
        why: "X5: the prose and Go make affinity an array of {mask, group}; the schema's object form is refused",
    },
    Stricter {
        id: "X9",
        kinds: &["runtime-config"],
        pointers: IOMEMS_TAIL,
        mutations: ANY,
        why: "X9: vm.hwConfig.iomems[] items are {firstGFN?, firstMFN, nrMFNs} integers; the v1.3.0 schema only checks item 0 (fixed on main)",
    },
    Stricter {
        id: "LNX-N5",
        kinds: &["runtime-config"],
        pointers: &["/linux/resources/cpu/burst", "/linux/resources/cpu/quota"],
        mutations: ANY,
        why: "config-linux.md: quota MUST be no smaller than burst",
    },
    Stricter {
        id: "LNX-N",
        kinds: &["runtime-config"],
        pointers: &[
            "/linux/resources/cpu/cpus",
            "/linux/resources/cpu/mems",
            "/process/execCPUAffinity/initial",
            "/process/execCPUAffinity/final",
            "/linux/memoryPolicy/nodes",
        ],
        mutations: &["unknown-value", "uppercase"],
        why: "config-linux.md: cpus, mems, execCPUAffinity and memoryPolicy.nodes are CPU (node) lists (\"0-3,7\")",
    },
    Stricter {
        id: "LNX-N",
        kinds: &["runtime-config"],
        pointers: &["/linux/resources/memory/swappiness"],
        mutations: &["max-u32", "above-u32", "max-u64"],
        why: "config-linux.md: swappiness is 0 to 100",
    },
    Stricter {
        id: "LNX-N",
        kinds: &["runtime-config"],
        pointers: &["/linux/resources/devices/*/access"],
        mutations: &["unknown-value", "uppercase"],
        why: "config-linux.md: the access of a device cgroup rule is made of r, w and m",
    },
    Stricter {
        id: "LNX-N",
        kinds: &["runtime-config"],
        pointers: &["/linux/resources/devices/*/type"],
        mutations: &["empty-string", "unknown-value", "uppercase"],
        why: "config-linux.md: the type of a device cgroup rule is a, c or b; a closed Copy enum as in oci-spec (the schema says string)",
    },
    Stricter {
        id: "X8",
        kinds: &["features"],
        pointers: &[
            "/linux/intelRdt/schemata",
            "/linux/intelRdt/monitoring",
            "/linux/memoryPolicy",
            "/linux/memoryPolicy/**",
        ],
        mutations: ANY,
        why: "X8: features-linux.md defines intelRdt.schemata/monitoring (bool) and memoryPolicy {modes[], flags[]}; the schema does not know them, so accepts any value",
    },
    Stricter {
        id: "RANGE",
        kinds: &["runtime-config", "state"],
        pointers: &["/hooks/*/*/timeout", "/pid", "/process/oomScoreAdj"],
        mutations: &["max-u32", "above-u32", "max-u64", "min-i64"],
        why: "the value's real range (hook timeout: Go int; pid: a process id; oomScoreAdj: -1000..1000, an int): the schema only says integer",
    },
];

/// Which way a known model gap goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GapKind {
    /// The schema rejects, the prose agrees, we accept.
    WeAccept,
    /// A §5.2 conflict that we accept without the required warning.
    NoWarning,
    /// We reject what the schema accepts, and the prose does not back us.
    WeReject,
}

/// Disagreements that look like bugs in the model, reported to the lead and
/// kept here so the test stays green until they are fixed (the test prints
/// every hit and every entry that no longer matches anything).
pub struct Gap {
    pub owner: &'static str,
    pub direction: GapKind,
    pub kinds: &'static [&'static str],
    pub pointers: &'static [&'static str],
    pub mutations: &'static [&'static str],
    pub what: &'static str,
}

pub const ALL_KINDS: &[&str] = &[
    "descriptor",
    "manifest",
    "index",
    "config",
    "layout",
    "runtime-config",
    "state",
    "features",
];

pub const GAPS: &[Gap] = &[
    Gap {
        owner: "all models",
        direction: GapKind::WeAccept,
        kinds: ALL_KINDS,
        pointers: &["/**"],
        mutations: &["to-null"],
        what: "null is silently decoded as absent for every OPTIONAL member (serde's Option); the prose allows null only in image config (X2) and features (X8), the schemas nowhere; decoding keeps accepting; `oci-model validate` and `validate::null_members` warn (null-member), validate() on the typed value cannot",
    },
    Gap {
        owner: "rt-core",
        direction: GapKind::WeAccept,
        kinds: &["runtime-config"],
        pointers: &["/process/ioPriority/priority"],
        mutations: &["max-u32", "above-u32", "max-u64", "min-i64"],
        what: "ioPriority.priority outside int32 is accepted with only the 0..7 SHOULD warning; the schema caps it at int32 (debatable: Go's type is int)",
    },
    Gap {
        owner: "image",
        direction: GapKind::NoWarning,
        kinds: &["config"],
        pointers: CONFIG_OPTIONAL,
        mutations: &["to-null"],
        what: "X2: a null OPTIONAL config field is accepted (right) but validate() cannot warn, since null decodes to None",
    },
];

pub fn gap(kind: &str, m: Option<&Mutation>, g: GapKind) -> Option<&'static Gap> {
    let m = m?;
    GAPS.iter().find(|x| {
        x.direction == g
            && x.kinds.contains(&kind)
            && x.pointers.iter().any(|p| pointer_matches(p, &m.pointer))
            && (x.mutations == ANY || x.mutations.contains(&m.class))
    })
}

/// Fixtures that we reject although the schema accepts them.
pub const STRICTER_FIXTURES: &[(&str, &str)] = &[
    (
        "image/invalid/descriptor-15.json",
        "§5.1.1 per-algorithm digest encoding (uppercase sha256 hex); Go-side check upstream",
    ),
    (
        "image/invalid/descriptor-29.json",
        "§5.1.4 data MUST be padded standard base64; Go-side check upstream",
    ),
    (
        "image/invalid/config-10.json",
        "§5.1.6 config.Env entries are NAME=VALUE; Go-side check upstream",
    ),
    (
        "image/invalid/descriptor-main-02.json",
        "§5.1.5 / X3 size MUST NOT be negative (image-spec main); the v1.1.1 schema accepts it",
    ),
];

pub fn stricter(kind: &str, m: &Mutation) -> Option<&'static Stricter> {
    STRICTER.iter().find(|s| {
        s.kinds.contains(&kind)
            && s.pointers.iter().any(|p| pointer_matches(p, &m.pointer))
            && (s.mutations == ANY || s.mutations.contains(&m.class))
    })
}
