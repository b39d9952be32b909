"""All presentation lives here: terminal text (``text``), JSON (``data``), Slack Block Kit
(``blocks``). The core returns plain data; front ends pick a renderer and print or post its output.

Matched words inside excerpts are carried as character ranges (``highlights``); each renderer
turns them into its own emphasis (terminal bold, Slack ``*bold*``), so no mark-up is stored.

Owns presentation. May import the core packages (library, search, glossary, recs, digest) for
their plain data; never slack_bolt, slack_sdk, ``commands`` or a front end. The feature renderers
(``adding``, ``digest``, ``glossary``, ``recs``, ``tracker``) import the shared helpers of
``text`` and ``blocks``, so those name them only through ``lazy``, and the composition root
(``bot.wiring``) says where each is (``use_modules``): no module here imports another in a loop.
"""

from collections.abc import Callable
from types import ModuleType

_modules: Callable[[str], ModuleType] | None = None


def use_modules(modules: Callable[[str], ModuleType]) -> None:
    """Say where the feature renderers are: ``modules(name)`` -> the module ``bot.render.name``,
    imported on first use. The composition root calls this once."""
    global _modules
    _modules = modules


def lazy(module: str, name: str) -> Callable:
    """A renderer that lives in ``bot.render.<module>``, imported on first use."""

    def render(reply):
        if _modules is None:
            raise RuntimeError("the feature renderers were not wired (bot.wiring.install)")
        return getattr(_modules(module), name)(reply)

    return render
