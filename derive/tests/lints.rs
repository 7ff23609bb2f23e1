//! The derive's `[lints]` are the workspace's `[workspace.lints]`, written
//! out (see the comment in derive/Cargo.toml): the two lists stay equal.
#![allow(clippy::unwrap_used, reason = "tests")]

/// The lint lines of the tables whose header starts with `prefix`, without
/// comments and blank lines, each table named by what follows `prefix`.
fn lint_lines(manifest: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut table: Option<String> = None;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            table = line
                .strip_prefix(prefix)
                .map(|rest| rest.trim_end_matches(']').to_owned());
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(t) = &table {
            out.push(format!("{t}: {line}"));
        }
    }
    out
}

#[test]
fn derive_lints_are_the_workspace_lints() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let root = std::fs::read_to_string(format!("{dir}/../Cargo.toml")).unwrap();
    let own = std::fs::read_to_string(format!("{dir}/Cargo.toml")).unwrap();
    let workspace = lint_lines(&root, "[workspace.lints.");
    assert!(
        !workspace.is_empty(),
        "no [workspace.lints.*] in the root manifest"
    );
    assert_eq!(lint_lines(&own, "[lints."), workspace);
}
