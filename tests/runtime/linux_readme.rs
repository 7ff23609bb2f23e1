//! The README example for the linux and features part, kept compiling.
#![cfg(feature = "runtime")]

#[test]
fn readme_linux_and_features() -> Result<(), oci_model::ModelError> {
    use oci_model::Validate;
    use oci_model::runtime::{
        Features, Linux, LinuxBuilder, LinuxNamespace, LinuxNamespaceType, LinuxSeccompAction,
        LinuxSeccompBuilder,
    };

    // Unknown seccomp values parse and round-trip; validation only warns.
    let linux: Linux = oci_model::io::from_str(
        r#"{"seccomp":{"defaultAction":"SCMP_ACT_KILL_FUTURE"},"resources":{"pids":{}}}"#,
    )?;
    assert!(
        linux.seccomp().as_ref().unwrap().default_action()
            == oci_model::runtime::LinuxSeccompAction::ScmpActAllow
    );
    assert!(serde_json::to_string(&linux)?.contains("SCMP_ACT_KILL_FUTURE"));
    let report = linux.validate();
    assert!(report.is_valid()); // two warnings: unknown action, pids without limit
    assert_eq!(report.warnings().count(), 2);

    // Builders; required fields are checked, rules are reported with paths.
    let linux = LinuxBuilder::default()
        .namespaces(vec![
            LinuxNamespace::new(LinuxNamespaceType::Pid),
            LinuxNamespace::new(LinuxNamespaceType::Pid),
        ])
        .seccomp(
            LinuxSeccompBuilder::default()
                .default_action(LinuxSeccompAction::ScmpActErrno)
                .build()?,
        )
        .build()?;
    let report = linux.validate();
    assert_eq!(report.errors().next().unwrap().path(), "/namespaces/1/type");

    // features.json: the builder refuses ociVersionMax < ociVersionMin.
    let features: Features = r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0"}"#.parse()?;
    assert!(features.validate().is_clean());
    // The raw-JSON check also sees members v1.3.0 does not define.
    let strict =
        Features::validate_json(r#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","x":1}"#)?;
    assert!(strict.has_rule("features-unknown-property"));
    Ok(())
}
