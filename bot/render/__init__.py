"""All presentation lives here: terminal text (``text``), JSON (``data``), Slack Block Kit
(``blocks``). The core returns plain data; front ends pick a renderer and print or post its output.

Matched words inside excerpts are carried as character ranges (``highlights``); each renderer
turns them into its own emphasis (terminal bold, Slack ``*bold*``), so no mark-up is stored.
"""

import importlib
from collections.abc import Callable


def lazy(module: str, name: str) -> Callable:
    """A renderer that lives in ``bot.render.<module>``, imported on first use: feature
    renderers import the shared helpers of ``text``/``blocks``, so those cannot import them."""

    def render(reply):
        return getattr(importlib.import_module(f"bot.render.{module}"), name)(reply)

    return render
