//! Intel RDT, NUMA memory policy and execution domain:
//! [runtime-spec v1.3.0, config-linux.md "IntelRdt"](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#intelrdt),
//! [Memory policy](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#memory-policy)
//! and [Personality](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md#personality).

use super::check_cpu_list;
use crate::runtime::rules_linux as rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// `linux.intelRdt`: the resctrl class of service, schemata and monitoring.
#[spec_struct(
    json = "camelCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct LinuxIntelRdt {
    /// OPTIONAL: the class of service (the resctrl sub-directory); `/`
    /// means the default CLOS.
    #[json(rename = "closID")]
    clos_id: Option<String>,

    /// OPTIONAL: lines written as they are to the `schemata` file; each
    /// MUST NOT contain a newline.
    schemata: Option<Vec<String>>,

    /// OPTIONAL: the L3 cache schema; SHOULD start with `L3:` and SHOULD NOT
    /// contain newlines.
    l3_cache_schema: Option<String>,

    /// OPTIONAL: the memory bandwidth schema; MUST start with `MB:` and MUST
    /// NOT contain newlines.
    mem_bw_schema: Option<String>,

    /// Removed in v1.3.0 (use `enableMonitoring`): cache monitoring, kept
    /// so that v1.2 documents round-trip.
    #[json(rename = "enableCMT")]
    #[access(get_ref, get_mut, set)]
    enable_cmt: Option<bool>,

    /// Removed in v1.3.0 (use `enableMonitoring`): memory bandwidth
    /// monitoring, kept so that v1.2 documents round-trip.
    #[json(rename = "enableMBM")]
    #[access(get_ref, get_mut, set)]
    enable_mbm: Option<bool>,

    /// OPTIONAL: create a dedicated resctrl monitoring group.
    #[access(get_ref, get_mut, set)]
    enable_monitoring: Option<bool>,
}

impl Validate for LinuxIntelRdt {
    fn check(&self, c: &mut Checker) {
        if let Some(lines) = &self.schemata {
            c.field("schemata", |c| {
                for (i, l) in lines.iter().enumerate() {
                    if l.contains('\n') {
                        c.index(i, |c| {
                            c.report(
                                &rules::INTEL_RDT_SCHEMATA,
                                format!("schemata line {} contains a newline", quote(l)),
                            );
                        });
                    }
                }
            });
        }
        if let Some(s) = &self.l3_cache_schema {
            if !s.starts_with("L3:") || s.contains('\n') {
                c.report_at(
                    "l3CacheSchema",
                    &rules::INTEL_RDT_L3_CACHE_SCHEMA,
                    format!(
                        "l3CacheSchema {} should start with \"L3:\" and have no newline",
                        quote(s)
                    ),
                );
            }
        }
        if let Some(s) = &self.mem_bw_schema {
            if !s.starts_with("MB:") || s.contains('\n') {
                c.report_at(
                    "memBwSchema",
                    &rules::INTEL_RDT_MEM_BW_SCHEMA,
                    format!(
                        "memBwSchema {} must start with \"MB:\" and have no newline",
                        quote(s)
                    ),
                );
            }
        }
    }
}

closed_enum! {
    /// A memory policy mode of set_mempolicy(2).
    pub enum MemoryPolicyModeType [default = MpolDefault] {
        /// Remove any non-default policy.
        MpolDefault = "MPOL_DEFAULT", "MPOL_DEFAULT",
        /// Allocate only from the given nodes.
        MpolBind = "MPOL_BIND", "MPOL_BIND",
        /// Interleave allocations over the given nodes.
        MpolInterleave = "MPOL_INTERLEAVE", "MPOL_INTERLEAVE",
        /// Weighted interleave over the given nodes (Linux 6.9).
        MpolWeightedInterleave = "MPOL_WEIGHTED_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE",
        /// Prefer the given node.
        MpolPreferred = "MPOL_PREFERRED", "MPOL_PREFERRED",
        /// Prefer the given nodes (Linux 5.15).
        MpolPreferredMany = "MPOL_PREFERRED_MANY", "MPOL_PREFERRED_MANY",
        /// Allocate on the local node.
        MpolLocal = "MPOL_LOCAL", "MPOL_LOCAL",
    }
}

closed_enum! {
    /// A memory policy mode flag of set_mempolicy(2).
    pub enum MemoryPolicyFlagType {
        /// Enable NUMA balancing (Linux 5.12).
        MpolFNumaBalancing = "MPOL_F_NUMA_BALANCING", "MPOL_F_NUMA_BALANCING",
        /// Node ids are relative to the allowed cpuset.
        MpolFRelativeNodes = "MPOL_F_RELATIVE_NODES", "MPOL_F_RELATIVE_NODES",
        /// Node ids are physical and stay fixed.
        MpolFStaticNodes = "MPOL_F_STATIC_NODES", "MPOL_F_STATIC_NODES",
    }
}

/// `linux.memoryPolicy`: the NUMA memory policy of the container.
///
/// Its builder requires `mode` (REQUIRED in config-linux.md), as
/// `oci-spec`'s does; `nodes` and `flags` are optional (`oci-spec`'s
/// builder requires them too, against the spec's OPTIONAL `flags`).
#[spec_struct(access(get, get_mut, set))]
pub struct LinuxMemoryPolicy {
    /// REQUIRED: the mode. It is an `Option` so that a document without it
    /// still decodes (the official schema does not require it); validation
    /// reports its absence as an error.
    #[json(keep)]
    #[access(none)]
    #[required]
    #[builder(setter(custom))]
    mode: Option<MemoryPolicyModeType>,

    /// OPTIONAL: the node list, such as `0-3,7`.
    nodes: Option<String>,

    /// OPTIONAL: mode flags.
    #[json(keep)]
    flags: Option<Vec<MemoryPolicyFlagType>>,
}

impl Default for LinuxMemoryPolicy {
    /// Mode `MPOL_DEFAULT`, no nodes, no flags (as `oci-spec`).
    fn default() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            mode: Some(MemoryPolicyModeType::MpolDefault),
            nodes: None,
            flags: None,
        }
    }
}

impl LinuxMemoryPolicy {
    /// The mode, by value as in `oci-spec` (`MPOL_DEFAULT` when the
    /// document has none).
    pub fn mode(&self) -> MemoryPolicyModeType {
        self.mode.unwrap_or_default()
    }

    /// The mode as written: `None` when the document has none.
    pub fn mode_option(&self) -> Option<&MemoryPolicyModeType> {
        self.mode.as_ref()
    }

    /// Sets the mode.
    pub fn set_mode(&mut self, mode: MemoryPolicyModeType) -> &mut Self {
        self.mode = Some(mode);
        self
    }

    /// Sets or (with `None`) removes the mode.
    pub fn set_mode_option(&mut self, mode: Option<MemoryPolicyModeType>) -> &mut Self {
        self.mode = mode;
        self
    }
}

impl LinuxMemoryPolicyBuilder {
    /// Sets the mode.
    pub fn mode<V: Into<MemoryPolicyModeType>>(mut self, mode: V) -> Self {
        self.mode = Some(Some(mode.into()));
        self
    }
}

impl Validate for LinuxMemoryPolicy {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_unknown_values(c, &self.rest, |names, _| match names {
            ["mode"] => Some((&rules::MEMORY_POLICY_UNKNOWN, "memory policy mode")),
            _ => Some((&rules::MEMORY_POLICY_UNKNOWN, "memory policy flag")),
        });
        if self.mode.is_none() && self.rest.kept("mode").is_none() {
            c.report(&rules::MEMORY_POLICY_MODE, "memoryPolicy has no mode");
        }
        if let Some(n) = &self.nodes {
            if !n.is_empty() {
                c.field("nodes", |c| check_cpu_list(c, "node list", n));
            }
        }
    }
}

closed_enum! {
    /// An execution domain of personality(2).
    pub enum LinuxPersonalityDomain [default = PerLinux] {
        /// The standard Linux personality.
        PerLinux = "LINUX", "LINUX",
        /// The 32-bit Linux personality (as `linux32`).
        PerLinux32 = "LINUX32", "LINUX32",
    }
}

/// `linux.personality`: the execution domain of the container process.
#[spec_struct(builder_default, access(get, get_mut, set))]
pub struct LinuxPersonality {
    /// REQUIRED: the domain. An `Option` so that a document without it
    /// still decodes (the official schema does not require it); validation
    /// reports its absence as an error.
    #[json(keep)]
    #[access(none)]
    #[builder(setter(custom))]
    domain: Option<LinuxPersonalityDomain>,

    /// OPTIONAL: additional flags; v1.3.0 defines none.
    flags: Option<Vec<String>>,
}

impl Default for LinuxPersonality {
    /// Domain `LINUX`, no flags (as `oci-spec`).
    fn default() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            domain: Some(LinuxPersonalityDomain::PerLinux),
            flags: None,
        }
    }
}

impl LinuxPersonality {
    /// The domain, by value as in `oci-spec` (`LINUX` when the document has
    /// none).
    pub fn domain(&self) -> LinuxPersonalityDomain {
        self.domain.unwrap_or_default()
    }

    /// The domain as written: `None` when the document has none.
    pub fn domain_option(&self) -> Option<&LinuxPersonalityDomain> {
        self.domain.as_ref()
    }

    /// Sets the domain.
    pub fn set_domain(&mut self, domain: LinuxPersonalityDomain) -> &mut Self {
        self.domain = Some(domain);
        self
    }

    /// Sets or (with `None`) removes the domain.
    pub fn set_domain_option(&mut self, domain: Option<LinuxPersonalityDomain>) -> &mut Self {
        self.domain = domain;
        self
    }
}

impl LinuxPersonalityBuilder {
    /// Sets the domain.
    pub fn domain<V: Into<LinuxPersonalityDomain>>(mut self, domain: V) -> Self {
        self.domain = Some(Some(domain.into()));
        self
    }
}

impl Validate for LinuxPersonality {
    fn check(&self, c: &mut Checker) {
        crate::json::spec::report_unknown_values(c, &self.rest, |_, _| {
            Some((
                &rules::PERSONALITY_UNKNOWN,
                "personality domain (not LINUX or LINUX32)",
            ))
        });
        if self.domain.is_none() && self.rest.kept("domain").is_none() {
            c.report(&rules::PERSONALITY_DOMAIN, "personality has no domain");
        }
        if let Some(flags) = &self.flags {
            c.field("flags", |c| {
                for (i, f) in flags.iter().enumerate() {
                    c.index(i, |c| {
                        c.report(
                            &rules::PERSONALITY_UNKNOWN,
                            format!("personality flag {} is not defined by the spec", quote(f)),
                        );
                    });
                }
            });
        }
    }
}
