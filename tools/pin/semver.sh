#!/usr/bin/env bash
# cargo semver-checks with oci-spec 0.10.0 as the baseline and this crate
# presented as `oci-spec` 0.10.99 (a copy under target/pin/semver/ with the
# package and library renamed, dev-dependencies and non-library targets
# dropped, as ../shared/compat's patched copy does). Run by tools/pin/check.sh.
#
# SEMVER_CHECKS=report prints the findings without failing.
# The report is kept in target/pin/semver/report.txt.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work="$repo/target/pin/semver"
rm -rf "$work/current" "$work/baseline"
mkdir -p "$work/current" "$work/baseline"

# The baseline: oci-spec 0.10.0's published source, from cargo's cache
# (tools/pin/check.sh fetched it through the pin test's sanity crate).
src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/oci-spec-0.10.0 2>/dev/null | head -n1)
if [ -z "$src" ]; then
  echo "semver: oci-spec 0.10.0 is not in cargo's cache: run tools/pin/check.sh (it fetches it)"
  exit 1
fi
cp -r "$src"/. "$work/baseline/"
rm -f "$work/baseline/Cargo.toml.orig" "$work/baseline/.cargo_vcs_info.json"

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
grep -E '^(--- failure|Summary|     Checked|   Checking)' "$report" || true
if [ $rc -ne 0 ]; then
  echo "semver: cargo semver-checks reports breaking changes against oci-spec 0.10.0 (full report: $report)"
  [ "${SEMVER_CHECKS:-1}" = report ] || exit 1
fi
