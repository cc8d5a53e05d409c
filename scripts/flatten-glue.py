#!/usr/bin/env python3
"""Flattens the widget's wasm-bindgen glue (dist/lotse/lotse_widget.js) so
that it makes fewer JavaScript functions: every function object, its
bytecode and its feedback cost JS heap on the visitor's page (BENCHMARKS.md,
speed: JS heap added).

    scripts/flatten-glue.py dist/lotse/lotse_widget_bg.wasm dist/lotse/lotse_widget.js

Run after scripts/minify-imports.py (scripts/build-widget.sh does). In place,
in the wasm:

- every exported function is called through a small forwarding function
  appended to the module, so the exported functions have consecutive
  indices. V8 names an exported function by its index (as the JS API
  says), converting the number to a string through its number-string
  cache; two exported indices in one slot of that small cache (half the
  builds had such a pair) make V8 allocate the full cache, 64 KiB of JS
  heap on the visitor's page. Consecutive numbers never share a slot.

and in the glue:

- imports that may throw are one function with try/catch instead of a
  wrapper that makes a second function on every call (`handleError(function
  (...) {...}, arguments)`);
- imports with the same code (web-sys binds `value`, `activeElement`, ...
  once per interface) are one function under several names;
- imports that only pass their arguments on to a built-in function that
  needs no `this` (`Date.now`, `Math.random`, `clearTimeout`, ...) are
  that function itself;
- a closure's `_wbg_cb_unref` is one shared function (reading its state
  from the closure) instead of a new arrow per closure;
- the TextEncoder is made when a string with non-ASCII characters first
  goes to the wasm, not when the glue loads (its interface is about 1 KiB
  of JS heap; ASCII is copied without it);
- the asynchronous init path (`default`: fetch, instantiateStreaming and
  their fallbacks) is dropped: the loader compiles the wasm itself and calls
  `initSync`, the only entry point left.

Each step checks the code it expects and is skipped, with a message, when
wasm-bindgen wrote something else (the bundle then works as before, only
with more functions).
"""
import re
import sys

from wasmbin import desc_end, enc, leb
from wasmbin import sections as wasm_sections


def say(message):
    print("flatten-glue: " + message)


def handle_error(glue):
    """`handleError(function (args) {body}, arguments)` -> try/catch."""
    helper = re.search(
        r"function handleError\(f, args\) \{\n    try \{\n        return f\.apply\(this, args\);\n"
        r"    \} catch \(e\) \{\n(?P<catch>(?:        .*\n)+?)    \}\n\}\n",
        glue,
    )
    if not helper:
        say("handleError has another shape: left as it is")
        return glue
    wrapper = re.compile(
        r"function\(\) \{ return handleError\(function \((?P<args>[^)]*)\) \{\n"
        r"(?P<body>(?:            .*\n)+?)        \}, arguments\); \}"
    )
    count = 0

    def flat(m):
        nonlocal count
        count += 1
        body = "".join("    " + line + "\n" for line in m["body"].splitlines())
        return (
            "function(" + m["args"] + ") {\n            try {\n" + body
            + "            } catch (e) {\n                handleError(e);\n            }\n        }"
        )

    glue = wrapper.sub(flat, glue)
    if "handleError(function" in glue:
        say("some handleError wrappers have another shape: left as they are")
        return glue
    catch = helper["catch"]
    glue = glue.replace(helper[0], "function handleError(e) {\n" + catch.replace("        ", "    ", 1).replace("\n        ", "\n    ") + "}\n")
    say(f"{count} try/catch imports without a wrapper function")
    return glue


def dedupe_imports(glue):
    """Imports with the same parameters and body become one function."""
    start = glue.find("    const import0 = {\n        __proto__: null,\n")
    end = glue.find("\n    };\n", start)
    if start < 0 or end < 0:
        say("no import object found: imports not deduplicated")
        return glue
    head = "    const import0 = {\n        __proto__: null,\n"
    entries = re.findall(
        r"        ([A-Za-z_$][\w$]*): (function\([^)]*\) \{\n(?:(?:            |        //).*\n)*?        \}|function\([^)]*\) \{[^\n]*\}),?\n",
        glue[start + len(head):end + 1],
    )
    rebuilt = "".join(f"        {k}: {f},\n" for k, f in entries)
    if rebuilt.rstrip(",\n") != glue[start + len(head):end].rstrip(",\n"):
        say("import object not understood: imports not deduplicated")
        return glue
    first = {}
    shared = {}
    for key, function in entries:
        # Comments (wasm-bindgen's notes on cast intrinsics) do not count.
        code = re.sub(r"\n\s*//[^\n]*", "", function)
        if code in first:
            shared.setdefault(first[code], [first[code]]).append(key)
        else:
            first[code] = key
    if not shared:
        return glue
    alias = {}
    for keys in shared.values():
        for key in keys[1:]:
            alias[key] = keys[0]
    kept = "".join(f"        {k}: {f},\n" for k, f in entries if k not in alias)
    after = "".join(f"    import0.{k} = import0.{v};\n" for k, v in alias.items())
    glue = glue[:start] + head + kept.rstrip(",\n") + ",\n    };\n" + after + glue[end + len("\n    };\n"):]
    say(f"{len(alias)} imports share the function of another with the same code")
    return glue


# Built-ins that work called without `this` (as wasm calls imports):
# static methods that ignore it or fall back to Array, and the window's
# timer functions, which take an undefined `this` as the global object.
# (Not Promise.resolve: it needs Promise as `this`.)
BUILTINS = {
    "Date.now", "Math.random", "Object.is", "Array.from", "Array.of",
    "clearTimeout", "clearInterval", "setTimeout", "setInterval", "queueMicrotask",
}


def builtin_imports(glue):
    """`key: function(a, b) { const ret = f(a, b); return ret; }` -> `key: f`."""
    pattern = re.compile(
        r"^(        [\w$]+: )function\((?P<params>[\w, ]*)\) \{\n"
        r"            (?:const ret = )?(?P<callee>[\w.]+)\((?P<args>[\w, ]*)\);\n"
        r"(?:            return ret;\n)?"
        r"        \}",
        re.M,
    )
    count = 0

    def direct(m):
        nonlocal count
        if m["callee"] not in BUILTINS or m["params"] != m["args"]:
            return m[0]
        count += 1
        return m[1] + m["callee"]

    glue = pattern.sub(direct, glue)
    say(f"{count} imports are the built-in function they call")
    return glue


def closure_unref(glue):
    """One `_wbg_cb_unref` for all closures instead of an arrow per closure."""
    unref = (
        "    real._wbg_cb_unref = () => {\n"
        "        if (--state.cnt === 0) {\n"
        "            wasm.{free}(state.a, state.b);\n"
        "            state.a = 0;\n"
        "            CLOSURE_DTORS.unregister(state);\n"
        "        }\n"
        "    };\n"
    )
    pattern = re.escape(unref).replace(re.escape("{free}"), r"(?P<free>[\w$]+)")
    found = re.findall(pattern, glue)
    if len(found) < 1 or len(set(found)) != 1:
        say("closure unref has another shape: left as it is")
        return glue
    free = found[0]
    glue = re.sub(pattern, "    real._wbg_cb_unref = closureUnref;\n    real._wbg_state = state;\n", glue)
    shared = (
        "// `this` is the closure (`real`): it and the wasm both call it as a method.\n"
        "function closureUnref() {\n"
        "    const state = this._wbg_state;\n"
        "    if (--state.cnt === 0) {\n"
        f"        wasm.{free}(state.a, state.b);\n"
        "        state.a = 0;\n"
        "        CLOSURE_DTORS.unregister(state);\n"
        "    }\n"
        "}\n\n"
    )
    glue = glue.replace("function makeClosure(", shared + "function makeClosure(", 1)
    # The calls inside `real` are method calls on `real` already.
    say(f"{len(found)} closure kinds share one unref function")
    return glue


def lazy_text_encoder(glue):
    """`new TextEncoder()` (and its encodeInto polyfill) on first use."""
    m = re.search(
        r"const cachedTextEncoder = new TextEncoder\(\);\n\n"
        r"(?P<polyfill>if \(!\('encodeInto' in cachedTextEncoder\)\) \{\n.*?\n\}\n)",
        glue,
        re.S,
    )
    if not m:
        say("TextEncoder set up in another way: left as it is")
        return glue
    polyfill = "".join("        " + line + "\n" for line in m["polyfill"].splitlines())
    lazy = (
        "let cachedTextEncoder;\n"
        "function textEncoder() {\n"
        "    if (cachedTextEncoder === undefined) {\n"
        "        cachedTextEncoder = new TextEncoder();\n"
        + polyfill.replace("cachedTextEncoder.encode(", "textEncoder().encode(") +
        "    }\n"
        "    return cachedTextEncoder;\n"
        "}\n"
    )
    rest = glue[: m.start()] + "@@LAZY@@" + glue[m.end() :]
    rest = rest.replace("cachedTextEncoder.", "textEncoder().")
    say("TextEncoder made on first use")
    return rest.replace("@@LAZY@@", lazy)


def drop_async_init(glue):
    """The `default` export (async init) and what only it uses."""
    names = ["__wbg_load", "__wbg_init_once", "__wbg_init"]
    out = glue
    for name in names:
        m = re.search(r"\n(?:async )?function " + name + r"\(.*?\n\}\n", out, re.S)
        if not m:
            say(f"{name} not found: the async init path is kept")
            return glue
        out = out.replace(m[0], "\n", 1)
    out = out.replace("let __wbg_init_promise;\n", "", 1)
    export = "export { initSync, __wbg_init as default };"
    if export not in out or re.search(r"__wbg_(load|init_once|init\b|init_promise)", out.replace(export, "")):
        say("the async init path is used elsewhere: kept")
        return glue
    say("async init path (default export) dropped: the loader calls initSync")
    return out.replace(export, "export { initSync };")


def vector(items):
    return enc(len(items)) + b"".join(items)


VALTYPES = {0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F}


def export_forwarders(data):
    """Exported functions moved behind forwarders with consecutive indices."""
    sections = [[sid, data[body : body + size]] for sid, _, body, size in wasm_sections(data)]
    by_id = {sid: i for i, (sid, _) in reversed(list(enumerate(sections))) if sid != 0}
    if not all(k in by_id for k in (1, 3, 7, 10)):
        say("wasm without types, functions, exports or code: exports left as they are")
        return data
    # Parameter counts per type (plain function types only).
    params = []
    body = sections[by_id[1]][1]
    count, at = leb(body, 0)
    for _ in range(count):
        if body[at] != 0x60:
            say("wasm type section has non-function types: exports left as they are")
            return data
        n, at = leb(body, at + 1)
        if any(b not in VALTYPES for b in body[at : at + n]):
            say("wasm types with reference heap types: exports left as they are")
            return data
        params.append(n)
        at += n
        n, at = leb(body, at)
        at += n
    imported = 0
    import_types = []
    if 2 in by_id:
        body = sections[by_id[2]][1]
        count, at = leb(body, 0)
        for _ in range(count):
            for _ in range(2):  # module, name
                n, at = leb(body, at)
                at += n
            if body[at] == 0:  # function: type index
                imported += 1
                t, _ = leb(body, at + 1)
                import_types.append(t)
            try:
                at = desc_end(body, at)
            except ValueError:
                say("wasm import of an unknown kind: exports left as they are")
                return data
    body = sections[by_id[3]][1]
    count, at = leb(body, 0)
    types = []
    for _ in range(count):
        t, at = leb(body, at)
        types.append(t)
    defined = len(types)
    body = sections[by_id[7]][1]
    count, at = leb(body, 0)
    exports = []
    for _ in range(count):
        n, at = leb(body, at)
        name = body[at : at + n]
        kind = body[at + n]
        index, at = leb(body, at + n + 1)
        exports.append((name, kind, index))
    forwarders = {}
    new_types = []
    new_bodies = []
    for name, kind, index in exports:
        if kind != 0 or index in forwarders:
            continue
        t = import_types[index] if index < imported else types[index - imported]
        code = b"".join(b"\x20" + enc(i) for i in range(params[t])) + b"\x10" + enc(index) + b"\x0b"
        code = b"\x00" + code  # no locals
        forwarders[index] = imported + defined + len(new_types)
        new_types.append(enc(t))
        new_bodies.append(enc(len(code)) + code)
    if not forwarders:
        return data
    sections[by_id[3]][1] = vector([enc(t) for t in types] + new_types)
    sections[by_id[7]][1] = vector(
        [enc(len(name)) + name + bytes([kind]) + enc(forwarders.get(index, index) if kind == 0 else index)
         for name, kind, index in exports]
    )
    body = sections[by_id[10]][1]
    count, at = leb(body, 0)
    sections[by_id[10]][1] = enc(count + len(new_bodies)) + body[at:] + b"".join(new_bodies)
    out = bytearray(data[:8])
    for sid, body in sections:
        out += bytes([sid]) + enc(len(body)) + body
    lo, hi = min(forwarders.values()), max(forwarders.values())
    say(f"{len(forwarders)} exported functions behind forwarders {lo}..{hi} (consecutive)")
    return bytes(out)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: flatten-glue.py MODULE.wasm GLUE.js")
    with open(sys.argv[1], "rb") as f:
        wasm = f.read()
    wasm = export_forwarders(wasm)
    with open(sys.argv[1], "wb") as f:
        f.write(wasm)
    path = sys.argv[2]
    with open(path, encoding="utf-8") as f:
        glue = f.read()
    steps = (handle_error, dedupe_imports, builtin_imports, closure_unref, lazy_text_encoder, drop_async_init)
    for step in steps:
        glue = step(glue)
    with open(path, "w", encoding="utf-8") as f:
        f.write(glue)


if __name__ == "__main__":
    main()
