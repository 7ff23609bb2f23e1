#!/usr/bin/env bash
# cargo semver-checks with oci-spec 0.10.0 as the baseline and this crate
# presented as `oci-spec` 0.10.99 (a copy under target/pin/semver/ with the
# package and library renamed, dev-dependencies and non-library targets
# dropped, as ../shared/compat's patched copy does). Run by tools/pin/check.sh.
#
# SEMVER_MODULES (default: all four) are the modules of oci-spec where a
# finding fails; SEMVER_CHECKS=report prints the findings without failing.
# The report is kept in target/pin/semver/report.txt.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work="$repo/target/pin/semver"
# Both copies are refreshed in place, so their target/ folders (the
# rustdoc builds cargo semver-checks makes) are reused from run to run.
mkdir -p "$work/current" "$work/baseline"
rm -rf "$work/current/src" "$work/current/derive"

# The baseline: oci-spec 0.10.0's published source, from cargo's cache
# (tools/pin/check.sh fetched it through the pin test's sanity crate).
src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/oci-spec-0.10.0 2>/dev/null | head -n1)
if [ -z "$src" ]; then
  echo "semver: oci-spec 0.10.0 is not in cargo's cache: run tools/pin/check.sh (it fetches it)"
  exit 1
fi
if [ ! -f "$work/baseline/Cargo.toml" ]; then
  cp -r "$src"/. "$work/baseline/"
  rm -f "$work/baseline/Cargo.toml.orig" "$work/baseline/.cargo_vcs_info.json"
fi

# The crate under test as `oci-spec` 0.10.99.
cp -r "$repo/src" "$repo/derive" "$repo/README.md" "$repo/Cargo.lock" "$work/current/"
rm -rf "$work/current/derive/target"
python3 - "$repo/Cargo.toml" "$work/current/Cargo.toml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
out, keep, section = [], True, None
for line in text.splitlines():
    m = re.match(r"^\[\[?([^\]]+)\]\]?\s*$", line)
    if m:
        section = m.group(1)
        keep = not (section == "dev-dependencies" or line.startswith("[[")
                    or section.startswith("target.") and section.endswith("dev-dependencies"))
    if not keep:
        continue
    if section == "package":
        line = re.sub(r'^name = ".*"', 'name = "oci-spec"', line)
        line = re.sub(r'^version = ".*"', 'version = "0.10.99"\nautobins = false\nautoexamples = false\nautotests = false\nautobenches = false\npublish = false', line)
    if section == "lib":
        line = re.sub(r'^name = ".*"', 'name = "oci_spec"', line)
    out.append(line)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
PY

report="$work/report.txt"
set +e
CARGO_NET_OFFLINE=true cargo semver-checks check-release \
  --manifest-path "$work/current/Cargo.toml" --baseline-root "$work/baseline" \
  >"$report" 2>&1
rc=$?
set -e
# The findings, by module of oci-spec (the file each names), and whether a
# module of SEMVER_MODULES (default: all) has one.
python3 - "$report" "$rc" "${SEMVER_MODULES:-top image distribution runtime}" "${SEMVER_CHECKS:-1}" <<'PY'
import re, sys
report, rc, modules, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4]
text = open(report, encoding="utf-8", errors="replace").read()
if rc != 0 and "--- failure" not in text:
    print(text[-3000:])
    sys.exit("semver: cargo semver-checks failed to run")
found = {m: [] for m in ("top", "image", "distribution", "runtime")}
lint = None
for line in text.splitlines():
    m = re.match(r"^--- failure ([a-z0-9_]+):", line)
    if m:
        lint = m.group(1)
        continue
    if lint and line.startswith("  ") and not line.startswith("   "):
        # The item's path names its module; else the file it is in does.
        f = (re.search(r"oci_spec::(image|distribution|runtime)::", line)
             or re.search(r"/src/(image|distribution|runtime)/", line))
        found[f.group(1) if f else "top"].append(f"{lint}: {line.strip()}")
for m, items in found.items():
    print(f"semver findings in {m}: {len(items)}")
    for i in items:
        print(f"  {i}")
bad = [m for m in modules if found[m]]
if bad:
    print(f"semver: breaking changes against oci-spec 0.10.0 in {', '.join(bad)} (full report: {report})")
    if mode != "report":
        sys.exit(1)
else:
    print(f"semver: no breaking change against oci-spec 0.10.0 in {', '.join(modules)}")
PY
