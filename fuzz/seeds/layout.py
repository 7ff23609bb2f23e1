#!/usr/bin/env python3
"""Writes the seeds of the `layout` fuzz target (fuzz/seeds/layout/) from the
crate's own layouts in test-data/layout/. Run from the top of the repository:

    python3 fuzz/seeds/layout.py

Also two docker-archives (`docker save`'s format, for the docker-archive
reader the target runs on every input too): one with plain layer tars, a
repeated layer linked as `docker save` and skopeo link it, and one with a
gzip layer.

Each layout becomes a ustar archive (fixed metadata, entries sorted, as
`LayoutArchive::write` writes them), the same with `./`-prefixed names (as
`tar -C DIR .` writes them; both without tarfile's padding to 10 KiB), and the target's "files" form (`#files\\n`, then
`oci-layout`, `index.json` and each blob, separated by `\\n#\\n`).
"""

import gzip
import hashlib
import io
import json
import os
import tarfile

ROOT = os.path.join("test-data", "layout")
OUT = os.path.join("fuzz", "seeds", "layout")
MAGIC = b"#files\n"
SEPARATOR = b"\n#\n"


def layout_files(layout):
    """(path inside the layout, bytes) of every file, sorted by path."""
    out = []
    for dirpath, _, names in os.walk(layout):
        for name in names:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, layout).replace(os.sep, "/")
            with open(full, "rb") as f:
                out.append((rel, f.read()))
    return sorted(out)


def archive(files, prefix):
    """A deterministic ustar of `files`, directories included."""
    dirs = sorted({"/".join(p.split("/")[:i]) for p, _ in files for i in range(1, p.count("/") + 1)})
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        entries = [(d + "/", None) for d in dirs] + list(files)
        for path, data in sorted(entries):
            info = tarfile.TarInfo(prefix + path)
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                info.mode = 0o644
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    # tarfile pads to 10 KiB records; keep only the two zero blocks that end
    # an archive (smaller seeds fuzz faster).
    body = buf.getvalue().rstrip(b"\0")
    return body + b"\0" * (-len(body) % 512 + 1024)


def files_form(files):
    by_path = dict(files)
    parts = [by_path.get("oci-layout", b""), by_path.get("index.json", b"")]
    parts += [data for path, data in files if path.startswith("blobs/")]
    return MAGIC + SEPARATOR.join(parts)


def ustar(members):
    """A deterministic ustar of (name, bytes or ("link", target))."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o644
            if isinstance(data, tuple):
                info.type = tarfile.SYMTYPE
                info.linkname = data[1]
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    body = buf.getvalue().rstrip(b"\0")
    return body + b"\0" * (-len(body) % 512 + 1024)


def docker_archive(compress):
    """A `docker save` archive of two images sharing one layer."""
    layer = ustar([("hello.txt", b"hi\n")])
    diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
    blob = gzip.compress(layer, mtime=0) if compress else layer
    members = []
    images = []
    for i, arch in enumerate(["amd64", "arm64"]):
        config = json.dumps({
            "architecture": arch, "os": "linux", "config": {"Cmd": ["/hello"]},
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        }, separators=(",", ":")).encode()
        config_name = hashlib.sha256(config).hexdigest() + ".json"
        layer_dir = hashlib.sha256(diff_id.encode() + bytes([i])).hexdigest()
        members.append((config_name, config))
        if i == 0:
            first = layer_dir + "/layer.tar"
            members.append((first, blob))
        else:
            members.append((layer_dir + "/layer.tar", ("link", "../" + first)))
        images.append({"Config": config_name, "RepoTags": [f"hello:{arch}"],
                       "Layers": [layer_dir + "/layer.tar"]})
    members.append(("manifest.json", json.dumps(images, separators=(",", ":")).encode()))
    return ustar(members)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, compress in [("docker-save.tar", False), ("docker-gzip.tar", True)]:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(docker_archive(compress))
    for name in sorted(os.listdir(ROOT)):
        layout = os.path.join(ROOT, name)
        if not os.path.isdir(layout):
            continue
        files = layout_files(layout)
        seeds = {
            f"{name}.tar": archive(files, ""),
            f"{name}-dot.tar": archive(files, "./"),
            f"{name}.files": files_form(files),
        }
        for seed, data in seeds.items():
            with open(os.path.join(OUT, seed), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
