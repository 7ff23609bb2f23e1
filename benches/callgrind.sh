#!/usr/bin/env bash
# Instruction counts per operation (valgrind callgrind), independent of the
# machine's load: the second measure in BENCHMARKS.md.
#
#   bash benches/callgrind.sh > /tmp/instructions.md
#
# Needs valgrind. Builds the `profile` bench driver, then runs every
# document/operation/crate with callgrind collecting only inside `work`,
# and prints a markdown table of instructions per operation and the ratio
# oci-spec / oci-model (above 1.00: oci-model runs fewer instructions).
set -euo pipefail
cd "$(dirname "$0")/.."
exe=$(cargo bench --bench profile --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*profile[^"]*\)".*/\1/p' | tail -1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # doc op crate iters -> instructions per iteration
    local n
    n=$(valgrind --tool=callgrind --toggle-collect='*profile*work*' \
        --callgrind-out-file="$out/cg.out" "$exe" "$1" "$2" "$3" "$4" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    echo $((n / $4))
}

echo "| document | operation | oci-model | oci-spec 0.10 | oci-spec / oci-model |"
echo "|---|---|---:|---:|---:|"
for spec in manifest_typical:100 manifest_1000_layers:5 index:2 config:20 \
    runtime_default:100 runtime_2000_mounts:5 runtime_300_seccomp:20 \
    references:1 tag_list:5; do
    # The first 2,000 of the 100,000 references (oci-spec's regex is slow
    # under callgrind); the row is per batch of 2,000.
    export REFS=2000
    doc=${spec%%:*}
    iters=${spec##*:}
    for op in parse serialize; do
        ours=$(count "$doc" "$op" oci-model "$iters")
        theirs=$(count "$doc" "$op" oci-spec "$iters")
        ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.2f", a / b }')
        label=$doc
        [ "$doc" = references ] && label="references (2,000)"
        echo "| $label | $op | $ours | $theirs | ${ratio}× |"
    done
done
echo
echo "| document | parse (oci-model) | validate (oci-model) | validate / parse |"
echo "|---|---:|---:|---:|"
for spec in index:2 runtime_2000_mounts:5; do
    doc=${spec%%:*}
    iters=${spec##*:}
    parse=$(count "$doc" parse oci-model "$iters")
    val=$(count "$doc" validate oci-model "$iters")
    share=$(awk -v a="$val" -v b="$parse" 'BEGIN { printf "%.1f", 100 * a / b }')
    echo "| $doc | $parse | $val | $share % |"
done
