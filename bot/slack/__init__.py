"""The Slack front end.

- ``app``: the Bolt app: listeners, allow-list, HTTP and Socket Mode serving
- ``http``: HTTP in production (waitress); ``listeners``: ack first; ``once``: post once;
  ``logs``: logging without user text
- ``adding``, ``tracker``: adding documents; the status modal and export
- ``editors``: ROCU_EDITORS; ``people``: display names
- ``poster``: posting outside a request (the daily digest), slack_sdk with retry handlers
"""

from bot import public_face

__getattr__, __all__ = public_face(
    __name__,
    {
        "serve": "app",
        "SlackPoster": "poster",
    },
)
