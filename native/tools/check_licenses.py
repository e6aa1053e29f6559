#!/usr/bin/env python3
"""Fails the build when a crate we ship carries a license that is not compatible with Apache-2.0.

Reads `cargo metadata` for the normal (non-dev, non-build) dependency graph of the workspace and checks
each package's SPDX expression: an expression passes when one alternative of an OR consists only of
allowed licenses (AND requires all of its parts).
"""
import json
import re
import subprocess
import sys

ALLOWED = {
    "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "MIT", "MIT-0", "BSD-2-Clause", "BSD-3-Clause",
    "ISC", "Zlib", "Unicode-3.0", "Unicode-DFS-2016", "Unlicense", "CC0-1.0", "BSL-1.0", "0BSD",
    "MPL-2.0",  # weak, file-level copyleft: compatible with shipping inside an Apache-2.0 jar
}


def alternatives(expression):
    expression = expression.replace("/", " OR ").replace("(", " ").replace(")", " ")
    for alternative in re.split(r"\s+OR\s+", expression.strip()):
        yield [part.strip() for part in re.split(r"\s+AND\s+", alternative) if part.strip()]


def is_allowed(expression):
    return any(all(part in ALLOWED for part in parts) for parts in alternatives(expression))


def main():
    metadata = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform",
         "x86_64-unknown-linux-gnu"]))
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    shipped, stack = set(), list(metadata["workspace_members"])
    while stack:
        node_id = stack.pop()
        if node_id in shipped:
            continue
        shipped.add(node_id)
        for dep in nodes[node_id]["deps"]:
            if any(kind["kind"] is None for kind in dep["dep_kinds"]):
                stack.append(dep["pkg"])
    failures = []
    for package_id in sorted(shipped):
        package = packages[package_id]
        license_expression = package.get("license")
        if not license_expression or not is_allowed(license_expression):
            failures.append(f"{package['name']} {package['version']}: {license_expression!r}")
    if failures:
        print("Crates with licenses not compatible with Apache-2.0:", *failures, sep="\n  ")
        return 1
    print(f"license check: {len(shipped)} shipped crates, all Apache-2.0 compatible")
    return 0


if __name__ == "__main__":
    sys.exit(main())
