#!/usr/bin/env bash
# Layer create and unpack throughput of one tree, beside `tar | gzip`,
# `tar | zstd`, `umoci insert`, `umoci unpack --rootless` and `tar -x`, on
# the same machine in one run (BENCHMARKS.md, "Layers").
#   cargo build --release --features cli && bash benches/layer.sh TREE
# TREE: the directory to pack (default: a copy of /usr/share in a temporary
# folder). Each command runs RUNS times (default 3); the best time is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/target/release/oci-model
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree=${1:-}
if [ -z "$tree" ]; then
  tree=$work/tree
  cp -a /usr/share "$tree"
fi
bytes=$(du -sb "$tree" | cut -f1)
files=$(find "$tree" | wc -l)
echo "tree: $tree, $bytes bytes, $files entries; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# best TIME of RUNS runs of "$@" (a shell command string), with PREP before each
best() {
  local prep=$1 cmd=$2 b=""
  for _ in $(seq "$RUNS"); do
    eval "$prep"
    local s e d
    s=$(date +%s.%N)
    eval "$cmd" >/dev/null
    e=$(date +%s.%N)
    d=$(echo "$e - $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$d < $b" | bc)" = 1 ]; then b=$d; fi
  done
  echo "$b"
}

row() { # name seconds (a `|` in the name is escaped for Markdown)
  printf '| %s | %.2f | %.0f |\n' "${1//|/\\|}" "$2" "$(echo "$bytes / $2 / 1048576" | bc -l)"
}

echo
echo "| create | seconds | MiB/s of tree |"
echo "|---|---|---|"
tarc="tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C '$tree' -cf - ."
row "oci-model layer create, gzip (+ sha256 of both streams)" "$(best : "$BIN layer create '$tree' -o $work/l.tgz")"
row "tar | gzip -6" "$(best : "$tarc | gzip -6 > $work/t.tgz")"
row "tar | gzip -6 | sha256sum (+ tar | sha256sum: the DiffID)" "$(best : "$tarc | tee >(sha256sum >/dev/null) | gzip -6 | sha256sum")"
row "oci-model layer create, zstd" "$(best : "$BIN layer create '$tree' -o $work/l.zst -c zstd")"
row "tar | zstd -3" "$(best : "$tarc | zstd -q -3 > $work/t.zst")"
row "oci-model layer create, none" "$(best : "$BIN layer create '$tree' -o $work/l.tar -c none")"
row "tar" "$(best : "$tarc > $work/t.tar")"
umoci init --layout "$work/layout" >/dev/null
umoci new --image "$work/layout:base" >/dev/null
row "umoci insert (gzip layer, into a layout)" \
  "$(best "rm -rf $work/ul && cp -a $work/layout $work/ul" "umoci insert --image $work/ul:base '$tree' /")"

# The image to unpack: the tree as one gzip layer written by umoci.
umoci insert --image "$work/layout:base" --tag t "$tree" / >/dev/null
blob=$(python3 -c "
import json,sys
l='$work/layout'
m=[x for x in json.load(open(l+'/index.json'))['manifests'] if x.get('annotations',{}).get('org.opencontainers.image.ref.name')=='t'][0]
mm=json.load(open(l+'/blobs/sha256/'+m['digest'][7:]))
print(l+'/blobs/sha256/'+mm['layers'][-1]['digest'][7:])")
echo
echo "| unpack (the tree as one gzip layer written by umoci) | seconds | MiB/s of tree |"
echo "|---|---|---|"
row "oci-model unpack (verifies digest and DiffID)" "$(best "rm -rf $work/o" "$BIN unpack $work/layout:t $work/o")"
row "umoci unpack --rootless" "$(best "rm -rf $work/b" "umoci unpack --rootless --image $work/layout:t $work/b")"
row "tar -xzf (no verification; GNU tar stops with \"Unexpected EOF\" at the end of umoci's layer)" "$(best "rm -rf $work/x && mkdir $work/x" "tar -xzf $blob -C $work/x")"
