"""The composition root: the one place where rocu is put together.

The lower layers name nothing above them. The library defines what a feature may give it
(``bot.library.features``: schema steps, ingest hooks, its own file names), search what may
expand a query (``bot.search.expanders``) and render where its feature renderers are
(``bot.render.use_modules``); this module declares who gives what, and in which order, and hands
it over. ``install()`` runs when the ``bot`` package is first imported (its
``__init__``), so every way in (the ``rocu`` command, the console, the Slack app, the tests, a
bench script) is wired the same way before it opens a store.

The features are declared here in the order their schema steps run on a new store (the store's
own steps come first). Their modules are imported only when something needs them (a store whose
schema is out of date, an ingest, the first query): opening an up-to-date store imports none.

The command table is ``bot.commands``' own: each feature module of that package declares its
subcommands as ``Command`` values, the package's face lists them in ``DECLARED`` (the order
``help`` shows) and builds the table from that list, and the front ends (command line, console,
Slack) answer a line through ``bot.commands.route`` and ``dispatch``.
"""

from __future__ import annotations

import os

from bot import render
from bot.library import features
from bot.search import expanders

# The features, in the order their schema steps run. Changing the order changes what a new store
# runs first; a store that ran a step never runs it again, whatever the order.
# "copies" is last: its one step merges the copies an older store holds, through every other
# feature's hooks, so their tables must be up to date first.
FEATURE_ORDER = (
    "search-vocabulary",
    "glossary",
    "recommendations",
    "digest",
    "meaning",
    "feedback",
    "threads",
    "copies",
)


def declared_features() -> list[features.Feature]:
    """Each feature's schema steps, hooks and file names, in ``FEATURE_ORDER``."""
    from bot.digest import alerts, scheduler
    from bot.digest import content as digest
    from bot.glossary import curated, lookup, mined
    from bot.library import feedback, merging, threads
    from bot.recs import carry, storing
    from bot.search import meaning, vocabulary
    from bot.search.meaning import vectors

    declared = {
        "search-vocabulary": features.Feature(
            "search-vocabulary",
            migrations=vocabulary.MIGRATIONS,
            library_hooks=[vocabulary._refresh_after_ingest],
        ),
        "glossary": features.Feature(
            "glossary",
            # the facts tables first: the glossary's own tables rebuild from them
            migrations=[*mined.MIGRATIONS, *lookup.MIGRATIONS],
            document_hooks=[mined.update_document],
            library_hooks=[mined.refresh_dirty],
            sidecar_names=[curated.CURATED_NAME],
        ),
        "recommendations": features.Feature(
            "recommendations",
            migrations=storing.MIGRATIONS,
            document_hooks=[storing._document_hook],
            merge_hooks=[carry.merged],
        ),
        "digest": features.Feature(
            "digest",
            # the digest, personal watches, the scheduler's uncertain posts and refusals told
            migrations=[*digest.MIGRATIONS, *alerts.MIGRATIONS, *scheduler.MIGRATIONS],
        ),
        # passage vectors: the tables always, filled only where the meaning extra is installed
        "meaning": features.Feature(
            "meaning", migrations=vectors.MIGRATIONS, library_hooks=[meaning.after_ingest]
        ),
        # 👍 / 👎 on answers (rocu eval --feedback)
        "feedback": features.Feature("feedback", migrations=feedback.MIGRATIONS),
        # what a thread rocu answered in is about: `more` and follow-ups there
        "threads": features.Feature("threads", migrations=threads.MIGRATIONS),
        # merges an older store's exact copies of documents (bot.library.copies)
        "copies": features.Feature("copies", migrations=merging.MIGRATIONS),
    }
    return [declared[name] for name in FEATURE_ORDER]


def declared_expanders() -> list[expanders.Expander]:
    """What search asks for a query word's equivalents: the glossary."""
    from bot.glossary import lookup

    return [lookup.expand_for_search]


def feature_renderer(name: str):
    """The module ``bot.render.<name>`` that renders a feature's answers (imported on first use:
    it imports the shared helpers of ``bot.render.text`` and ``blocks``, which name it only
    through ``bot.render.lazy``)."""
    from bot.render import adding, digest, feedback, glossary, recs, tracker

    return {
        "adding": adding,
        "digest": digest,
        "feedback": feedback,
        "glossary": glossary,
        "recs": recs,
        "tracker": tracker,
    }[name]


_installed = False


def install() -> None:
    """Hand the library its features, search its expanders and render its feature renderers
    (each imported when first needed)."""
    global _installed
    if _installed:
        return
    features.use(declared_features)
    expanders.use(declared_expanders)
    render.use_modules(feature_renderer)
    _installed = True


def open_store(path: str | os.PathLike | None = None):
    """The store at ``path`` (else ``ROCU_DB``, else ``rocu.db``), its schema brought up to date
    with every declared feature's steps."""
    from bot.library.store import open_db

    install()
    return open_db(path)
