"""Versioned schema migrations: ordered, named steps applied once each and recorded in
``schema_migrations``.

A step is a file in this folder named ``NNNN_what_it_does.sql`` (statements run in one
transaction) or ``NNNN_what_it_does.py`` (a module with ``up(con)``, for steps that move data).
Adding a column is one new step plus its line in ``docs/DATA_DICTIONARY.md``; a step once released
is never edited.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from importlib import resources

_STEP = re.compile(r"^(?P<version>\d{4})_(?P<name>\w+)\.(?P<kind>sql|py)$")


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    kind: str  # sql | py
    filename: str

    def apply(self, con) -> None:
        if self.kind == "sql":
            con.execute(resources.files(__name__).joinpath(self.filename).read_text(encoding="utf-8"))
        else:
            importlib.import_module(f"{__name__}.{self.filename[:-3]}").up(con)


def steps() -> list[Step]:
    found = []
    for entry in resources.files(__name__).iterdir():
        m = _STEP.match(entry.name)
        if m:
            found.append(Step(int(m.group("version")), m.group("name"), m.group("kind"), entry.name))
    found.sort(key=lambda s: s.version)
    if len({s.version for s in found}) != len(found):
        raise RuntimeError("two migrations share a version number")
    return found


def latest() -> int:
    return steps()[-1].version
