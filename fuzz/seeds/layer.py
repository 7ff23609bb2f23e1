"""Writes the seed layers of the `layer` fuzz target (fuzz/seeds/layer/):
small tars with each kind of entry and each hostile case of the suite in
tests/layer/hostile.rs. Run from fuzz/seeds: python3 layer.py"""
import gzip
import io
import tarfile


def entry(name, kind=tarfile.REGTYPE, data=b"", link="", mode=0o644, dev=(0, 0)):
    return (name, kind, data, link, mode, dev)


def write(path, entries, fmt=tarfile.GNU_FORMAT, compress=False, end=True):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for name, kind, data, link, mode, dev in entries:
            i = tarfile.TarInfo(name)
            i.type = kind
            i.size = len(data) if kind == tarfile.REGTYPE else 0
            i.linkname = link
            i.mode = mode
            i.devmajor, i.devminor = dev
            t.addfile(i, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    raw = buf.getvalue()
    if not end:
        raw = raw.rstrip(b"\0")
    if compress:
        raw = gzip.compress(raw, mtime=0)
    with open(path, "wb") as f:
        f.write(raw)


D, L, S = tarfile.DIRTYPE, tarfile.LNKTYPE, tarfile.SYMTYPE
write("layer/plain.tar", [entry("etc/", D, mode=0o755), entry("etc/a", data=b"a\n"),
                          entry("etc/l", S, link="a"), entry("etc/h", L, link="etc/a")])
write("layer/plain.tar.gz", [entry("d/", D), entry("d/f", data=b"x" * 600)], compress=True)
write("layer/no-end.tar", [entry("d/", D), entry("d/f", data=b"content")], end=False)
write("layer/whiteouts.tar", [entry("a/.wh.b"), entry("c/.wh..wh..opq"), entry("c/new", data=b"n"),
                              entry(".wh.gone")])
write("layer/dotdot.tar", [entry("../escape", data=b"x")])
write("layer/absolute.tar", [entry("/tmp/escape", data=b"x")])
write("layer/symlink-then-write.tar", [entry("l", S, link="/dev/shm"), entry("l/escape", data=b"x")])
write("layer/symlink-relative.tar", [entry("l", S, link="../outside"), entry("l/secret", data=b"x")])
write("layer/hardlink-out.tar", [entry("h", L, link="../outside/secret")])
write("layer/hardlink-symlink.tar", [entry("s", S, link="../outside/secret"), entry("h", L, link="s"),
                                     entry("h", data=b"pwned")])
write("layer/whiteout-out.tar", [entry("../.wh.outside")])
write("layer/whiteout-through-link.tar", [entry("d", S, link="../outside"), entry("d/.wh.secret"),
                                          entry("d/.wh..wh..opq")])
write("layer/devices.tar", [entry("null", tarfile.CHRTYPE, mode=0o666, dev=(1, 3)),
                            entry("sda", tarfile.BLKTYPE, dev=(8, 0)), entry("p", tarfile.FIFOTYPE)])
write("layer/setuid.tar", [entry("su", data=b"x", mode=0o4755), entry("sg", data=b"x", mode=0o2755)])
write("layer/pax.tar", [entry("x" * 150 + "/f", data=b"long"), entry("../" + "y" * 120, data=b"p")],
      fmt=tarfile.PAX_FORMAT)
write("layer/gnu-long.tar", [entry("d" * 120 + "/../../escape", data=b"x"), entry("l", S, link="t" * 200)])
write("layer/readonly-dir.tar", [entry("ro/", D, mode=0o555), entry("ro/f", data=b"x", mode=0o444)])
