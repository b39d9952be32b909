"""All presentation lives here: terminal text (``text``), JSON (``data``), Slack Block Kit
(``blocks``). The core returns plain data; front ends pick a renderer and print or post its output.

Matched words inside excerpts are carried as character ranges (``highlights``); each renderer
turns them into its own emphasis (terminal bold, Slack ``*bold*``), so no mark-up is stored.
"""
