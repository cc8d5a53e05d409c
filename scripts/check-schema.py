#!/usr/bin/env python3
"""Checks guides/guide.schema.json with an independent validator (Python's
jsonschema): the schema itself is valid draft 2020-12, every guide in guides/
(and guides/drafts/, if present) and every valid test guide matches it, and
the invalid test guides whose mistakes are about shape (unknown fields, wrong
types, enums) are rejected by it too.

Run from the repository root:  python3 scripts/check-schema.py
Needs:                         pip install jsonschema
"""

import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "crates" / "core" / "tests"

# Invalid test guides the schema must reject as well (their mistakes are
# about shape, which a schema can see).
SHAPE_ERRORS = [
    "unknown-fields", "guide-types", "guide-fields", "placement", "start-urls",
    "start-urls-type", "step-options", "too-many-steps", "goal-both", "goal-type",
    "goal-empty", "nulls", "not-object", "version-fraction",
]


def guides(folder):
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".schema.json"))


def main():
    schema = json.loads((ROOT / "guides" / "guide.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    failures = []
    valid = guides(ROOT / "guides") + guides(ROOT / "guides" / "drafts") + guides(TESTS / "valid")
    for path in valid:
        for error in validator.iter_errors(json.loads(path.read_text())):
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            failures.append(f"{path.relative_to(ROOT)}: {where}: {error.message}")
    for name in SHAPE_ERRORS:
        path = TESTS / "invalid" / f"{name}.json"
        if validator.is_valid(json.loads(path.read_text())):
            failures.append(f"{path.relative_to(ROOT)}: the schema accepts it, but it is invalid")
    for line in failures:
        print(line)
    if failures:
        return 1
    print(f"schema ok: {len(valid)} guide(s) match, {len(SHAPE_ERRORS)} invalid guide(s) rejected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
