"""All presentation lives here: terminal text (``text``), JSON (``data``), Slack Block Kit
(``blocks``). The core returns plain data; front ends pick a renderer and print or post its output.

Matched words inside excerpts are carried as character ranges (``highlights``); each renderer
turns them into its own emphasis (terminal bold, Slack ``*bold*``), so no mark-up is stored.

May import the core packages (library, search, glossary, recs, digest) and ``commands``' plain
data; never slack_bolt, slack_sdk or a front end.
"""

from collections.abc import Callable


def _adding():
    from bot.render import adding

    return adding


def _digest():
    from bot.render import digest

    return digest


def _glossary():
    from bot.render import glossary

    return glossary


def _recs():
    from bot.render import recs

    return recs


def _tracker():
    from bot.render import tracker

    return tracker


# The feature renderers, imported on first use: they import the shared helpers of text/blocks,
# so those cannot import them at the top.
_FEATURE_RENDERERS = {
    "adding": _adding,
    "digest": _digest,
    "glossary": _glossary,
    "recs": _recs,
    "tracker": _tracker,
}


def lazy(module: str, name: str) -> Callable:
    """A renderer that lives in ``bot.render.<module>``, imported on first use."""
    load = _FEATURE_RENDERERS[module]

    def render(reply):
        return getattr(load(), name)(reply)

    return render
