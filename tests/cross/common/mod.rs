//! Shared harness of the cross-spec tests (`conformance.rs`,
//! `schema_differential.rs`): the fixtures index, the table of document kinds
//! (decode + validate function, official schema), and the official JSON
//! schemas compiled with their cross-file `$ref`s resolved locally.
//!
//! Everything is read from `test-data/`; nothing here reads `/work/shared`.

#![allow(dead_code, reason = "each test binary uses a different part")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

pub mod json_equal;

use std::fmt;
use std::path::{Path, PathBuf};

use oci_model::{DecodeErrorCategory, ModelError, Validate, ValidationReport};
use serde_json::Value;

/// `test-data/` of this crate.
pub fn test_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-data")
}

/// One row of `test-data/INDEX.tsv`.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Relative to `test-data/`.
    pub path: String,
    pub kind: String,
    /// `valid`, `invalid`, `example` or `schema`.
    pub expected: String,
    pub source: String,
    pub note: String,
}

impl Entry {
    /// The file name without folders.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    pub fn full_path(&self) -> PathBuf {
        test_data().join(&self.path)
    }
}

/// Reads `test-data/INDEX.tsv` (header row, then tab-separated rows).
pub fn read_index() -> Vec<Entry> {
    let text = std::fs::read_to_string(test_data().join("INDEX.tsv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert_eq!(
        header, "path\tkind\texpected\tsource\tnote",
        "INDEX.tsv header"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                cols.len(),
                5,
                "INDEX.tsv row with {} columns: {l}",
                cols.len()
            );
            Entry {
                path: cols[0].to_owned(),
                kind: cols[1].to_owned(),
                expected: cols[2].to_owned(),
                source: cols[3].to_owned(),
                note: cols[4].to_owned(),
            }
        })
        .collect()
}

/// What our model made of one document.
#[derive(Debug)]
pub enum Outcome {
    /// `from_slice` failed.
    Decode {
        category: Option<DecodeErrorCategory>,
        /// The decode error's path (`layers[0].size`, `.` for the document).
        path: String,
        message: String,
    },
    /// Decoded; the report of `validate()`.
    Checked(ValidationReport),
}

impl Outcome {
    /// Rejected: decode failure or at least one error-severity violation.
    pub fn rejected(&self) -> bool {
        match self {
            Outcome::Decode { .. } => true,
            Outcome::Checked(r) => !r.is_valid(),
        }
    }

    /// Decoded, and at least one warning-severity violation.
    pub fn warned(&self) -> bool {
        matches!(self, Outcome::Checked(r) if r.warnings().next().is_some())
    }

    /// Rejected because the input is not JSON at all.
    pub fn is_syntax_error(&self) -> bool {
        matches!(
            self,
            Outcome::Decode {
                category: Some(DecodeErrorCategory::Syntax | DecodeErrorCategory::Eof),
                ..
            }
        )
    }

    /// The names of the rules with error severity.
    pub fn error_rules(&self) -> Vec<&'static str> {
        match self {
            Outcome::Decode { .. } => Vec::new(),
            Outcome::Checked(r) => r.errors().map(oci_model::Violation::rule_name).collect(),
        }
    }

    /// The names of the rules with warning severity.
    pub fn warning_rules(&self) -> Vec<&'static str> {
        match self {
            Outcome::Decode { .. } => Vec::new(),
            Outcome::Checked(r) => r.warnings().map(oci_model::Violation::rule_name).collect(),
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Decode {
                category, message, ..
            } => {
                write!(f, "decode error ({category:?}): {message}")
            }
            Outcome::Checked(r) if r.is_clean() => f.write_str("decoded, no violation"),
            Outcome::Checked(r) => {
                let vs: Vec<String> = r
                    .violations()
                    .iter()
                    .map(|v| {
                        format!(
                            "{} {} at {:?}: {}",
                            v.severity(),
                            v.rule_name(),
                            v.path(),
                            v.message()
                        )
                    })
                    .collect();
                write!(f, "decoded, {}", vs.join("; "))
            }
        }
    }
}

fn outcome<T: Validate>(res: Result<T, ModelError>) -> Outcome {
    match res {
        Ok(doc) => Outcome::Checked(doc.validate()),
        Err(ModelError::Decode(e)) => Outcome::Decode {
            category: Some(e.category()),
            path: e.path().to_owned(),
            message: e.to_string(),
        },
        Err(e) => Outcome::Decode {
            category: None,
            path: String::new(),
            message: e.to_string(),
        },
    }
}

/// A document kind of `INDEX.tsv` that our model decodes.
pub struct Kind {
    /// The `kind` column.
    pub name: &'static str,
    /// The Rust type, for messages.
    pub type_name: &'static str,
    /// The official schema, relative to `test-data/schema/`.
    pub schema: Option<&'static str>,
    /// Decode with `from_slice`, then `validate()`.
    pub run: fn(&[u8]) -> Outcome,
}

macro_rules! kind {
    ($name:literal, $ty:path, $schema:expr) => {
        Kind {
            name: $name,
            type_name: stringify!($ty),
            schema: $schema,
            run: |bytes| outcome(<$ty>::from_slice(bytes)),
        }
    };
}

/// Every kind whose model is compiled in (by cargo feature).
pub fn kinds() -> Vec<Kind> {
    #[allow(unused_mut, reason = "empty with no feature")]
    let mut v: Vec<Kind> = Vec::new();
    #[cfg(feature = "image")]
    {
        use oci_model::image::{
            Descriptor, ImageConfiguration, ImageIndex, ImageManifest, OciLayout,
        };
        v.push(kind!(
            "descriptor",
            Descriptor,
            Some("image/content-descriptor.json")
        ));
        v.push(kind!(
            "manifest",
            ImageManifest,
            Some("image/image-manifest-schema.json")
        ));
        v.push(kind!(
            "index",
            ImageIndex,
            Some("image/image-index-schema.json")
        ));
        v.push(kind!(
            "config",
            ImageConfiguration,
            Some("image/config-schema.json")
        ));
        v.push(kind!(
            "layout",
            OciLayout,
            Some("image/image-layout-schema.json")
        ));
    }
    #[cfg(feature = "runtime")]
    {
        use oci_model::runtime::{ContainerProcessState, Features, State};
        v.push(kind!(
            "runtime-config",
            oci_model::runtime::Spec,
            Some("runtime/config-schema.json")
        ));
        v.push(kind!("state", State, Some("runtime/state-schema.json")));
        v.push(kind!(
            "container-process-state",
            ContainerProcessState,
            None
        ));
        // Features::validate_json is the full check: it also sees the raw
        // JSON (members v1.3.0 does not define, null members: X8).
        v.push(Kind {
            name: "features",
            type_name: "oci_model::runtime::Features",
            schema: Some("runtime/features-schema.json"),
            run: |bytes| match std::str::from_utf8(bytes) {
                Ok(text) => match Features::validate_json(text) {
                    Ok(report) => Outcome::Checked(report),
                    Err(e) => outcome::<Features>(Err(e)),
                },
                Err(_) => outcome(Features::from_slice(bytes)),
            },
        });
    }
    #[cfg(feature = "distribution")]
    {
        use oci_model::distribution::{ErrorResponse, ExtensionList, ReferrersResponse, TagList};
        v.push(kind!("error", ErrorResponse, None));
        v.push(kind!("taglist", TagList, None));
        v.push(kind!("referrers", ReferrersResponse, None));
        v.push(kind!("extensions-list", ExtensionList, None));
    }
    v
}

pub fn kind<'a>(kinds: &'a [Kind], name: &str) -> Option<&'a Kind> {
    kinds.iter().find(|k| k.name == name)
}

/// Builds a draft-04 validator for each schema file named in `top`
/// (relative to `test-data/schema/`), with every schema file of
/// `test-data/schema/image` and `test-data/schema/runtime` registered so that
/// cross-file `$ref`s (`defs-descriptor.json#/definitions/digest`) resolve
/// locally, and with `format` asserted (`uri`, `date-time`) like the Go
/// validators do.
///
/// The image-spec files carry `id`s under `https://opencontainers.org/schema/`
/// that do not share one folder (`.../schema/descriptor` refers to
/// `defs-descriptor.json`, whose own id is `.../image/descriptor/mediaType`),
/// so relative refs would resolve to URIs no file has. Upstream's Go loader
/// maps them back to the `schema/` folder; we do the same by dropping the
/// `id`s in memory and registering every file under
/// `file:///oci-schema/<spec>/<file name>`. The files on disk stay
/// byte-exact (see `test-data/schema/SOURCES.md`).
pub fn compile_schemas(top: &[&str]) -> Vec<(String, jsonschema::Validator)> {
    let root = test_data().join("schema");
    let mut resources: Vec<(String, Value)> = Vec::new();
    for spec in ["image", "runtime"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(spec))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for p in files {
            let mut v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            strip_ids(&mut v);
            let name = p.file_name().unwrap().to_str().unwrap();
            resources.push((format!("file:///oci-schema/{spec}/{name}"), v));
        }
    }
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft4)
        .extend(resources.iter().map(|(u, v)| (u.as_str(), v)))
        .unwrap()
        .prepare()
        .unwrap();
    top.iter()
        .map(|t| {
            let uri = format!("file:///oci-schema/{t}");
            let (_, schema) = resources
                .iter()
                .find(|(u, _)| *u == uri)
                .unwrap_or_else(|| panic!("no schema {t}"));
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft4)
                .with_base_uri(uri.clone())
                .with_registry(&registry)
                .should_validate_formats(true)
                .build(schema)
                .unwrap_or_else(|e| panic!("schema {t}: {e}"));
            ((*t).to_owned(), validator)
        })
        .collect()
}

/// Removes every schema `id` keyword (a string-valued `id` member; a
/// property named `id`, as in the state schema, has an object value and stays).
fn strip_ids(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.get("id").is_some_and(Value::is_string) {
                o.remove("id");
            }
            o.values_mut().for_each(strip_ids);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_ids),
        _ => {}
    }
}

/// The schema errors of `doc`, as `pointer: message [keyword]` strings
/// (empty when the schema accepts `doc`).
pub fn schema_errors(v: &jsonschema::Validator, doc: &Value) -> Vec<SchemaError> {
    v.iter_errors(doc)
        .map(|e| SchemaError {
            pointer: e.instance_path().to_string(),
            schema_path: e.schema_path().to_string(),
            message: e.to_string(),
        })
        .collect()
}

/// One error of the official schema.
#[derive(Debug, Clone)]
pub struct SchemaError {
    /// JSON pointer into the instance.
    pub pointer: String,
    /// JSON pointer into the schema (its last segment is the keyword).
    pub schema_path: String,
    pub message: String,
}

impl SchemaError {
    /// The failing keyword (`type`, `minItems`, `required`, ...).
    pub fn keyword(&self) -> &str {
        self.schema_path.rsplit('/').next().unwrap_or("")
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{p}: {} [{}]", self.message, self.keyword())
    }
}

/// Matches a JSON pointer against a pattern where `*` stands for one
/// segment and a trailing `**` for any number of segments (zero included).
pub fn pointer_matches(pattern: &str, pointer: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').skip(1).collect();
    let ptr: Vec<&str> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer.split('/').skip(1).collect()
    };
    if pattern.is_empty() {
        return ptr.is_empty();
    }
    let mut i = 0;
    for (n, p) in pat.iter().enumerate() {
        if *p == "**" && n == pat.len() - 1 {
            return true;
        }
        match ptr.get(i) {
            Some(s) if *p == "*" || p == s => i += 1,
            _ => return false,
        }
    }
    i == ptr.len()
}

/// Applies image-spec's `convertFormats()` (schema/backwards_compatibility_test.go)
/// to the Docker v2.2 `*-compat-*` fixtures, as the upstream test does.
pub fn convert_docker_formats(text: &str) -> String {
    const MAP: &[(&str, &str)] = &[
        (
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json",
        ),
        (
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
        ),
        (
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.oci.image.layer.v1.tar+gzip",
        ),
        (
            "application/vnd.docker.container.image.v1+json",
            "application/vnd.oci.image.config.v1+json",
        ),
    ];
    MAP.iter()
        .fold(text.to_owned(), |acc, (from, to)| acc.replace(from, to))
}
