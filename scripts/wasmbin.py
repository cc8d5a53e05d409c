"""Reading the WebAssembly binary format (LEB128 integers, sections,
import descriptions), shared by scripts/minify-imports.py and
scripts/flatten-glue.py (run as `python3 scripts/NAME.py`, so scripts/ is
on the import path)."""


def leb(data, pos):
    """An unsigned LEB128 at pos: (value, next pos)."""
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def enc(value):
    """value as an unsigned LEB128."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sections(data):
    """The module's sections in order: (id, start, body start, body size)."""
    out = []
    pos = 8
    while pos < len(data):
        size, body = leb(data, pos + 1)
        out.append((data[pos], pos, body, size))
        pos = body + size
    return out


def limits(data, pos):
    flags = data[pos]
    _, pos = leb(data, pos + 1)
    if flags & 1:
        _, pos = leb(data, pos)
    return pos


def desc_end(data, pos):
    """The end of an import's description starting at pos (its kind byte);
    ValueError for a kind this reader does not know."""
    kind = data[pos]
    pos += 1
    if kind == 0:  # function: type index
        return leb(data, pos)[1]
    if kind == 1:  # table: reference type, limits
        return limits(data, pos + 1)
    if kind == 2:  # memory: limits
        return limits(data, pos)
    if kind == 3:  # global: value type, mutability
        return pos + 2
    if kind == 4:  # tag: attribute, type index
        return leb(data, pos + 1)[1]
    raise ValueError(f"unknown import kind {kind}")
