"""The daily digest: what is new, what is due, what the team watches; posted once a day.

- ``content``: the digest as plain data, and its tables
- ``watches``: topics a channel watches for the digest
- ``scheduler``: posting on schedule, exactly once per channel per day (APScheduler); the poster
  itself is injected (``bot.slack.poster`` for Slack)
"""

from bot import public_face

__getattr__, __all__ = public_face(
    __name__,
    {
        "Digest": "content",
        "build_digest": "content",
        "ScheduleError": "content",
        "add_watch": "watches",
        "list_watches": "watches",
        "remove_watch": "watches",
        "start_in_background": "scheduler",
    },
)
