"""The ``rocu`` command line: a thin front end over the core, mirroring its Python API.

Every command that reads the library opens the store (``--db`` or ``ROCU_DB``), ingests the seed
library first if the store is empty, calls one core function and hands the result to a renderer.

The group and what its commands share are in ``group``; each feature's commands are in a module
named after the part of the core it calls (``library``, ``search``, ``glossary``, ``recs``,
``digest``, ``eval``, ``serve``), and this module adds them to the group, so the command set is
the list below, not what happened to be imported. The command modules import ``group``, never
this module nor one another.
"""

from __future__ import annotations

from bot.cli import digest, eval, glossary, library, recs, search, serve
from bot.cli.group import cli, emit_json, get_db, load_env, read_settings

__all__ = ["cli", "main", "emit_json", "get_db", "load_env", "read_settings", "COMMANDS"]

# Every `rocu` command (`rocu --help` lists them by name).
COMMANDS = (
    library.ingest,
    library.embed,
    library.docs,
    library.show,
    search.search,
    glossary.define,
    glossary.glossary,
    recs.recs,
    eval.eval_command,
    serve.serve,
    library.backup,
    library.restore,
    serve.shell,
    serve.start,
    digest.digest,
    glossary.acronyms,
)
for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:  # pragma: no cover - the console entry point is ``cli``
    cli(obj={})
