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


# The reply kinds the feature renderers draw: kind -> (their module, the Block Kit function, the
# terminal text function; None where that form has none). ``blocks`` and ``text`` both take their
# entries from here (``feature_renderers``), so a kind is named once.
FEATURE_REPLIES: dict[str, tuple[str, str | None, str | None]] = {
    "digest": ("digest", "digest_reply_blocks", "digest_reply_text"),
    "watches": ("digest", "watches_blocks", "watches_text"),
    "watch": ("digest", "watch_blocks", "watch_text"),
    "define": ("glossary", "define_blocks", "define_reply_text"),
    "glossary_page": ("glossary", "glossary_page_blocks", "glossary_page_text"),
    "recs": ("recs", "recs_blocks", "recs_reply_text"),
    "rec": ("recs", "rec_blocks", "rec_reply_text"),
    "added": ("adding", None, "added_text"),
    "removed": ("adding", None, "removed_text"),
    "recs_export": ("tracker", "export_blocks", "export_text"),
}
_FORMS = {"blocks": 1, "text": 2}


def feature_renderers(form: str) -> dict[str, Callable]:
    """Reply kind -> its renderer of ``form`` ("blocks" or "text"), each imported on first use."""
    column = _FORMS[form]
    return {
        kind: lazy(entry[0], entry[column])
        for kind, entry in FEATURE_REPLIES.items()
        if entry[column] is not None
    }
