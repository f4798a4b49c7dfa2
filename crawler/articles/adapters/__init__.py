"""Platform adapters: one small module per portal platform, plus a generic fallback.

Each adapter knows how its platform lays out an article (title, visible date, author, body) and a
category listing (article links, pagination). ``adapter_for`` picks one by name (from the source
registry) or detects it from the page.
"""
from __future__ import annotations

from . import department, generic, govportal, newspaper, nukeviet

ADAPTERS = {a.NAME: a for a in (nukeviet, govportal, newspaper, department, generic)}
ALIASES = {"nukeviet3": "nukeviet", "nukeviet4": "nukeviet", "nukeviet4-egov": "nukeviet"}


def get(name: str | None):
    name = ALIASES.get(name or "", name or "")
    return ADAPTERS.get(name)


def detect(root, url: str):
    for adapter in (nukeviet, newspaper, govportal, department):
        if adapter.detect(root, url):
            return adapter
    return generic
