"""The Slack front end.

Owns the Slack front end: the Bolt app, its listeners (registered in one place each:
``app._register``, ``adding.register``, ``tracker.register``), HTTP serving, posting once. May
import anything below it (``bot.wiring``, ``bot.commands``, ``bot.render``, the core), slack_bolt
and slack_sdk; it runs no SQL of its own on the library's tables.

- ``app``: the Bolt app: listeners, HTTP and Socket Mode serving; ``library``: the store as the
  app holds it; ``asking``: the line a message means, who asked; ``middleware``: each event
  once, the allow-list
- ``http``: HTTP in production (waitress), with ``payloads`` (what Slack sends, checked) and
  ``health`` (``/healthz``); ``listeners``: ack first; ``once``: post once;
  ``logs``: logging without user text
- ``adding``, ``tracker``: adding documents (with ``adding_edits``, ``adding_jobs``,
  ``adding_answers``); the status modal and export
- ``editors``: ROCU_EDITORS; ``people``: display names
- ``poster``: posting outside a request (the daily digest), slack_sdk with retry handlers
"""
