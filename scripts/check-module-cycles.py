#!/usr/bin/env python3
"""Fails when the top-level modules of `core` (the areas and the layers under them) or of `server`
depend on one another in a cycle, or when a page area of the app imports another area's page
module (what two areas share lives in `app/src/components`). Reads `crate::…` paths in the
sources; run from anywhere. (Between crates, Cargo itself refuses cycles: core never sees app or
server.)"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def rust_files(folder):
    for base, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".rs"):
                yield os.path.join(base, name)


def crate_edges(crate):
    src = os.path.join(ROOT, crate, "src")
    modules = {
        name[:-3] if name.endswith(".rs") else name
        for name in os.listdir(src)
        if name not in ("lib.rs", "main.rs")
    }
    edges = set()
    for path in rust_files(src):
        top = os.path.relpath(path, src).split(os.sep)[0].removesuffix(".rs")
        if top not in modules:
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for target in re.findall(r"crate::(\w+)", text):
            if target in modules and target != top:
                edges.add((top, target))
    return modules, edges


def cycles(modules, edges):
    graph = {m: {b for a, b in edges if a == m} for m in modules}

    def reaches(start, goal):
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph[node])
        return False

    return sorted((a, b) for a, b in edges if reaches(b, a))


def sideways_pages():
    pages = os.path.join(ROOT, "app", "src", "pages")
    found = []
    for path in rust_files(pages):
        area = os.path.relpath(path, pages).split(os.sep)[0].removesuffix(".rs")
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                for other in re.findall(r"crate::pages::(\w+)", line):
                    if other != area:
                        found.append(f"{os.path.relpath(path, ROOT)}:{number}: pages::{area} uses pages::{other}")
    return found


def main():
    bad, counts = [], []
    for crate in ("core", "server"):
        modules, edges = crate_edges(crate)
        bad += [f"{crate}: {a} -> {b} is part of a cycle" for a, b in cycles(modules, edges)]
        counts.append(f"{len(modules)} {crate} modules ({len(edges)} dependencies)")
    bad += sideways_pages()
    for line in bad:
        print(line)
    if bad:
        sys.exit(1)
    print(f"no cycles among {' or '.join(counts)}; no page area imports another")


if __name__ == "__main__":
    main()
