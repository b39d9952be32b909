"""The Slack front end.

- ``app``: the Bolt app: listeners, allow-list, HTTP and Socket Mode serving
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
