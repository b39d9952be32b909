"""The daily digest: what is new, what is due, what the team watches; posted once a day.

Owns the daily digest: its content, watched topics, the schedule and its tables; the poster is given
to it. May import the core below it (recs, glossary, search, library, config); never Slack:
``bot.slack.poster`` is injected.

- ``content``: the digest as plain data, and its tables
- ``schedule``: when digests go out (``Schedule``, the ``DIGEST_*`` settings parsed)
- ``quoting``: what in a document is worth quoting (a new document's description, a highlight)
- ``passage``: the passage of the day, in rotation
- ``alerts``: personal watches, a direct message when something new matches
- ``watches``: topics a channel watches for the digest
- ``scheduler``: posting on schedule, exactly once per channel per day (APScheduler); the poster
  itself is injected (``bot.slack.poster`` for Slack)
"""
