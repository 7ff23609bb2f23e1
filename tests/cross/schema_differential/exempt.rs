//! Part of `tests/schema_differential.rs`: the schema-versus-prose exemptions.

use serde_json::Value;

use crate::common::{SchemaError, pointer_matches};

/// What the instance value at the schema error's pointer must be.
#[derive(Clone, Copy)]
pub enum ValueIs {
    Any,
    Null,
    Array,
    /// An integer above 511 that fits a `u32`.
    Above511,
    /// A string.
    String,
    /// Anything but null, nor an object with a null member (null is covered
    /// by the null gap).
    NotNull,
}

/// A schema error that the prose does not back: our model accepts the
/// document, and `validate()` must warn (when `must_warn`).
pub struct Exempt {
    /// spec-rules.md §5.2 id.
    pub id: &'static str,
    pub kinds: &'static [&'static str],
    /// Pattern of the schema error's instance pointer (`*` one segment,
    /// trailing `**` any).
    pub pointers: &'static [&'static str],
    /// The failing schema keywords (any of them).
    pub keywords: &'static [&'static str],
    /// A text the schema error message must contain ("" for any).
    pub message: &'static str,
    pub value: ValueIs,
    /// Whether a warning-severity violation is required.
    pub must_warn: bool,
    pub why: &'static str,
}

/// Optional image-config members (config.md: "Any OPTIONAL field MAY also be
/// set to null, which is equivalent to being absent").
pub const CONFIG_OPTIONAL: &[&str] = &[
    "/created",
    "/author",
    "/variant",
    "/os.version",
    "/os.features",
    "/config",
    "/config/User",
    "/config/ExposedPorts",
    "/config/Env",
    "/config/WorkingDir",
    "/config/StopSignal",
    "/config/ArgsEscaped",
    "/config/Memory",
    "/config/MemorySwap",
    "/config/CpuShares",
    "/config/Healthcheck",
    "/history",
    "/history/*/created",
    "/history/*/author",
    "/history/*/created_by",
    "/history/*/comment",
    "/history/*/empty_layer",
];

/// Open value sets of the runtime config: an unknown value parses into
/// `Other` and `validate()` warns (known-defects.md 12, house rules), where
/// the schema has a closed `enum` (or `pattern`, or an `anyOf` of enums).
pub const RUNTIME_OPEN_SETS: &[&str] = &[
    "/linux/devices/*/type",
    "/linux/namespaces/*",
    "/linux/namespaces/*/type",
    "/linux/seccomp/architectures/*",
    "/linux/seccomp/defaultAction",
    "/linux/seccomp/flags/*",
    "/linux/seccomp/syscalls/*/action",
    "/linux/seccomp/syscalls/*/args/*/op",
    "/linux/rootfsPropagation",
    "/linux/personality/domain",
    "/linux/personality/flags/*",
    "/linux/memoryPolicy/mode",
    "/linux/memoryPolicy/flags/*",
    "/linux/timeOffsets/*",
    "/process/rlimits/*/type",
    "/process/ioPriority/class",
    "/process/scheduler/policy",
    "/process/scheduler/flags/*",
    "/process/capabilities/*/*",
    "/zos/namespaces/*",
    "/zos/namespaces/*/type",
    "/freebsd/jail/host",
    "/freebsd/jail/vnet",
    "/freebsd/jail/ip4",
    "/freebsd/jail/ip6",
    "/freebsd/jail/sysvmsg",
    "/freebsd/jail/sysvsem",
    "/freebsd/jail/sysvshm",
    "/vm/image/format",
    "/windows/devices/*/idType",
];
/// The same for features.json (the lists of what a runtime knows).
pub const FEATURES_OPEN_SETS: &[&str] = &[
    "/hooks/*",
    "/linux/namespaces/*",
    "/linux/capabilities/*",
    "/linux/seccomp/actions/*",
    "/linux/seccomp/operators/*",
    "/linux/seccomp/archs/*",
    "/linux/seccomp/knownFlags/*",
    "/linux/seccomp/supportedFlags/*",
];

pub const EXEMPT: &[Exempt] = &[
    Exempt {
        id: "X1",
        kinds: &["manifest"],
        pointers: &["/layers"],
        keywords: &["minItems"],
        message: "",
        value: ValueIs::Array,
        must_warn: true,
        why: "layers: [] breaks the schema's minItems 1; the prose only says it SHOULD have one entry",
    },
    Exempt {
        id: "X2",
        kinds: &["config"],
        pointers: CONFIG_OPTIONAL,
        keywords: &["type"],
        message: "",
        value: ValueIs::Null,
        must_warn: true,
        why: "the prose lets every OPTIONAL field be null (= absent); the schema only Entrypoint, Cmd, Volumes, Labels",
    },
    Exempt {
        id: "X4",
        kinds: &["runtime-config"],
        pointers: &["/linux/resources/pids"],
        keywords: &["required"],
        message: "limit",
        value: ValueIs::Any,
        must_warn: true,
        why: "pids.limit is OPTIONAL in the prose, required in the schema",
    },
    Exempt {
        id: "X5",
        kinds: &["runtime-config"],
        pointers: &["/windows/resources/cpu/affinity"],
        keywords: &["type"],
        message: "",
        value: ValueIs::Array,
        must_warn: true,
        why: "the prose (and Go) make affinity an array of {mask, group}; the schema an object",
    },
    Exempt {
        id: "X6",
        kinds: &["runtime-config"],
        pointers: &["/linux/devices/*/fileMode", "/freebsd/devices/*/mode"],
        keywords: &["maximum"],
        message: "",
        value: ValueIs::Above511,
        must_warn: true,
        why: "FileMode is a uint32 (Go os.FileMode) in the prose; the schema caps it at 511",
    },
    Exempt {
        id: "X7",
        kinds: &["state"],
        pointers: &["/status"],
        keywords: &["enum"],
        message: "",
        value: ValueIs::String,
        must_warn: true,
        why: "runtime.md: additional status values MAY be defined; the schema has a closed enum",
    },
    Exempt {
        id: "X8",
        kinds: &["features"],
        pointers: &["/**"],
        keywords: &["type"],
        message: "",
        value: ValueIs::Null,
        must_warn: true,
        why: "features.md: every property but ociVersionMin/Max MAY be null; the schema rejects null",
    },
    Exempt {
        id: "X12",
        kinds: &["runtime-config"],
        pointers: &["/vm/image"],
        keywords: &["required"],
        message: "format",
        value: ValueIs::Any,
        must_warn: true,
        why: "vm.image.format: unset values default to raw in the prose; the schema requires it",
    },
    Exempt {
        id: "P-OPEN",
        kinds: &["runtime-config"],
        pointers: RUNTIME_OPEN_SETS,
        keywords: &["enum", "pattern", "anyOf"],
        message: "",
        value: ValueIs::NotNull,
        must_warn: true,
        why: "project policy (known-defects.md 12): an unknown value of an open set (namespace, seccomp action/arch/flag, device type, jail sharing, ...) parses into Other and warns",
    },
    Exempt {
        id: "P-OPEN",
        kinds: &["features"],
        pointers: FEATURES_OPEN_SETS,
        keywords: &["enum", "pattern"],
        message: "",
        value: ValueIs::String,
        must_warn: true,
        why: "project policy (known-defects.md 12): features list what a runtime knows; unknown names parse into Other and warn",
    },
];

pub fn value_is(doc: &Value, e: &SchemaError, want: ValueIs) -> bool {
    let v = doc.pointer(&e.pointer);
    match want {
        ValueIs::Any => true,
        ValueIs::Null => v.is_some_and(Value::is_null),
        ValueIs::Array => v.is_some_and(Value::is_array),
        ValueIs::String => v.is_some_and(Value::is_string),
        ValueIs::NotNull => v.is_some_and(|v| match v {
            Value::Null => false,
            Value::Object(o) => !o.values().any(Value::is_null),
            _ => true,
        }),
        ValueIs::Above511 => v
            .and_then(Value::as_u64)
            .is_some_and(|n| n > 511 && u32::try_from(n).is_ok()),
    }
}

/// The exemption covering `e`, if any.
pub fn exemption(kind: &str, doc: &Value, e: &SchemaError) -> Option<&'static Exempt> {
    EXEMPT.iter().find(|x| {
        x.kinds.contains(&kind)
            && x.pointers.iter().any(|p| pointer_matches(p, &e.pointer))
            && x.keywords.contains(&e.keyword())
            && e.message.contains(x.message)
            && value_is(doc, e, x.value)
    })
}
