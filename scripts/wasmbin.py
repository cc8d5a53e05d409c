"""LEB128 integers of the WebAssembly binary format, shared by
scripts/minify-imports.py and scripts/flatten-glue.py (run as
`python3 scripts/NAME.py`, so scripts/ is on the import path)."""


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
