#!/usr/bin/env python3
"""Shortens the names of the widget wasm's imports and of the matching keys
in its wasm-bindgen glue (size: each of the ~200 imports is named like
`__wbg_set_adoptedStyleSheets_76cf400b551c5fb0`, in both files, and the hash
suffixes do not compress).

    scripts/minify-imports.py dist/lotse/lotse_widget_bg.wasm dist/lotse/lotse_widget.js

Rewrites the wasm's import section (names become `a`, `b`, ... `aa`, ...;
the module name stays) and the glue's import object keys, in place. Every
name must occur exactly once in the glue; otherwise nothing is changed and
the script says why (the bundle still works, only larger).

Then the same for wasm-bindgen's internal exports (closure shims named like
`wasm_bindgen_89f316b10d709ead___convert__closures_____invoke___...`,
`__wbindgen_malloc`, `__externref_table_alloc`): renamed `_wa`, `_wb`, ...
in the export section and everywhere in the glue (which names its JS
wrapper of each closure shim after it). The widget's
own exports (`start`, `next`, ...) and `memory` keep their names.
"""
import re
import sys

from wasmbin import desc_end, enc, leb, sections


def short(n):
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    name = ""
    n += 1
    while n:
        n -= 1
        name = letters[n % 52] + name
        n //= 52
    return name


def main(wasm_path, js_path):
    data = open(wasm_path, "rb").read()
    js = open(js_path, encoding="utf-8").read()
    found = [s for s in sections(data) if s[0] == 2]
    if not found:
        sys.exit("minify-imports: no import section")
    _, pos, body, size = found[0]
    count, at = leb(data, body)
    entries = bytearray(enc(count))
    renames = {}
    for _ in range(count):
        mlen, at = leb(data, at)
        module = data[at : at + mlen]
        at += mlen
        nlen, at = leb(data, at)
        name = data[at : at + nlen].decode()
        at += nlen
        end = desc_end(data, at)
        new = short(len(renames))
        renames[name] = new
        entries += enc(mlen) + module + enc(len(new)) + new.encode() + data[at:end]
        at = end
    if at != body + size:
        sys.exit("minify-imports: import section not fully read; nothing changed")
    for name in renames:
        found = len(re.findall(r"\b" + re.escape(name) + r"\b", js))
        if found != 1:
            print(f"minify-imports: {name} occurs {found} times in the glue; nothing changed")
            return
    for name, new in renames.items():
        js = re.sub(r"\b" + re.escape(name) + r"\b", new, js)
    out = data[:pos] + bytes([2]) + enc(len(entries)) + entries + data[body + size :]
    out, js, exports = minify_exports(out, js)
    open(wasm_path, "wb").write(out)
    open(js_path, "w", encoding="utf-8").write(js)
    print(f"minify-imports: {len(renames)} imports and {exports} exports renamed")


INTERNAL = re.compile(r"^(wasm_bindgen_|__wbindgen_|__externref_)")


def minify_exports(data, js):
    """Renames the internal exports of `data` and their `wasm.NAME` uses in
    `js`: (wasm, glue, how many). Unchanged if the glue exports one of
    them or already uses a new name."""
    found = [s for s in sections(data) if s[0] == 7]
    if not found:
        return data, js, 0
    _, pos, body, size = found[0]
    count, at = leb(data, body)
    entries = bytearray(enc(count))
    renames = {}
    for _ in range(count):
        nlen, at = leb(data, at)
        name = data[at : at + nlen].decode()
        at += nlen
        end = leb(data, at + 1)[1]  # kind byte, index
        new = name
        if INTERNAL.match(name):
            new = "_w" + short(len(renames))
            renames[name] = new
        entries += enc(len(new)) + new.encode() + data[at:end]
        at = end
    if at != body + size:
        print("minify-imports: export section not fully read; exports unchanged")
        return data, js, 0
    for name, new in renames.items():
        if re.search(r"\b" + re.escape(new) + r"\b", js) or re.search(
            r"export[^;\n]*\b" + re.escape(name) + r"\b", js
        ):
            print(f"minify-imports: {name} is exported by the glue or {new} taken; exports unchanged")
            return data, js, 0
    for name, new in renames.items():
        js = re.sub(r"\b" + re.escape(name) + r"\b", new, js)
    out = data[:pos] + bytes([7]) + enc(len(entries)) + entries + data[body + size :]
    return out, js, len(renames)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
