#!/usr/bin/env python3
"""Fails the build when the shipped native library would not load on the oldest Linux we support.

The library must need no glibc symbol version newer than GLIBC_2.34 (Ubuntu 22.04, Amazon Linux
2023, Debian 12 and Databricks runtimes can load it) and no shared library beyond the C runtime:
libc, libm, libdl, libpthread, libgcc_s and the dynamic loader. Reads the ELF file with `readelf`
(binutils): its dynamic section (NEEDED entries) and its version needs (`.gnu.version_r`); the
dynamic symbols name the functions that ask for a version too new.

Usage: check_portability.py [LIBRARY]   (default: target/release/libvellum.so)
The checks' own tests run first on every invocation, so a check that cannot fail fails the build.
"""
import re
import subprocess
import sys

MAX_GLIBC = (2, 34)
ALLOWED_NEEDED = {
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "libpthread.so.0",
    "libgcc_s.so.1",
    "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
}


def version(name):
    """(2, 34) for GLIBC_2.34; (2, 2, 5) for GLIBC_2.2.5."""
    return tuple(int(part) for part in name[len("GLIBC_"):].split("."))


def needed_libraries(dynamic_section):
    """The NEEDED entries of `readelf -d` output."""
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic_section)


def glibc_versions(version_info):
    """The GLIBC_x.y versions named in `readelf -V` output (the version needs)."""
    return sorted(set(re.findall(r"Name: (GLIBC_[0-9][0-9.]*)", version_info)), key=version)


def symbols_needing(symbols, too_new):
    """`name@GLIBC_x.y` of `readelf --dyn-syms` output for the versions in too_new."""
    found = set()
    for name, glibc in re.findall(r"\s(\S+?)@+(GLIBC_[0-9][0-9.]*)", symbols):
        if glibc in too_new:
            found.add(name + "@" + glibc)
    return sorted(found)


def problems(dynamic_section, version_info, symbols):
    """What keeps the library from loading on glibc 2.34 systems: empty when it is portable."""
    found = []
    extra = [lib for lib in needed_libraries(dynamic_section) if lib not in ALLOWED_NEEDED]
    if extra:
        found.append(
            "needs shared libraries beyond the C runtime: " + ", ".join(extra)
            + " (allowed: " + ", ".join(sorted(ALLOWED_NEEDED)) + ")")
    too_new = [v for v in glibc_versions(version_info) if version(v) > MAX_GLIBC]
    if too_new:
        culprits = symbols_needing(symbols, set(too_new))
        found.append(
            "needs glibc symbol versions newer than GLIBC_%d.%d: %s (symbols: %s)"
            % (MAX_GLIBC + (", ".join(too_new), ", ".join(culprits) or "unknown")))
    return found


def readelf(*args):
    result = subprocess.run(
        ["readelf", "--wide", *args], capture_output=True, text=True, check=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin:/usr/local/bin"})
    return result.stdout


SAMPLE_DYNAMIC = """
 0x0000000000000001 (NEEDED)             Shared library: [libgcc_s.so.1]
 0x0000000000000001 (NEEDED)             Shared library: [libssl.so.3]
 0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]
 0x000000000000000e (SONAME)             Library soname: [libvellum.so]
"""
SAMPLE_VERSIONS = """
  0x0020: Version: 1  File: libc.so.6  Cnt: 3
  0x0080:   Name: GLIBC_2.2.5  Flags: none  Version: 2
  0x0090:   Name: GLIBC_2.34  Flags: none  Version: 12
  0x00a0:   Name: GLIBC_2.38  Flags: none  Version: 16
"""
SAMPLE_SYMBOLS = """
     5: 0000000000000000     0 FUNC    GLOBAL DEFAULT  UND memcpy@GLIBC_2.14 (3)
     6: 0000000000000000     0 FUNC    GLOBAL DEFAULT  UND __isoc23_strtol@GLIBC_2.38 (16)
     7: 0000000000000000     0 FUNC    GLOBAL DEFAULT  UND pthread_create@GLIBC_2.34 (12)
"""


def self_test():
    assert version("GLIBC_2.2.5") < version("GLIBC_2.34") < version("GLIBC_2.38")
    assert needed_libraries(SAMPLE_DYNAMIC) == ["libgcc_s.so.1", "libssl.so.3", "libc.so.6"]
    assert glibc_versions(SAMPLE_VERSIONS) == ["GLIBC_2.2.5", "GLIBC_2.34", "GLIBC_2.38"]
    found = problems(SAMPLE_DYNAMIC, SAMPLE_VERSIONS, SAMPLE_SYMBOLS)
    assert len(found) == 2, found
    assert "libssl.so.3" in found[0] and "libgcc_s" not in found[0].split(" (")[0], found
    assert "GLIBC_2.38" in found[1] and "__isoc23_strtol@GLIBC_2.38" in found[1], found
    assert "pthread_create" not in found[1], found
    portable = SAMPLE_DYNAMIC.replace("libssl.so.3", "libm.so.6")
    assert problems(portable, SAMPLE_VERSIONS.replace("2.38", "2.33"), SAMPLE_SYMBOLS) == []


def main():
    self_test()
    library = sys.argv[1] if len(sys.argv) > 1 else "target/release/libvellum.so"
    try:
        found = problems(readelf("-d", library), readelf("-V", library),
                         readelf("--dyn-syms", library))
    except FileNotFoundError:
        print("check_portability: readelf not found; install binutils", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as e:
        print("check_portability: readelf failed on %s: %s" % (library, e.stderr.strip()),
              file=sys.stderr)
        return 1
    if found:
        for problem in found:
            print("check_portability: %s %s" % (library, problem), file=sys.stderr)
        return 1
    newest = glibc_versions(readelf("-V", library))
    print("check_portability: %s is portable (needs %s; newest glibc symbol version %s)"
          % (library, ", ".join(needed_libraries(readelf("-d", library))),
             newest[-1] if newest else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
