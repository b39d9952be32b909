"""rocu: a Slack bot over a policing policy library.

The core packages know nothing of Slack: ``library`` (store, formats, ingest), ``search``,
``glossary``, ``recs`` (recommendations) and ``digest``. The front ends (``cli``, ``console``,
``slack``) parse input, call the core through ``commands`` and render with ``render``.
"""

from __future__ import annotations

import importlib


def public_face(package: str, names: dict[str, str]):
    """A package's public face, imported on first use (PEP 562) so that ``import bot.search``
    costs nothing until a name is used. ``names`` maps each public name to its module."""

    def __getattr__(name: str):
        if name in names:
            return getattr(importlib.import_module(f"{package}.{names[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__, sorted(names)
