"""rocu: a Slack bot over a policing policy library.

The core packages know nothing of Slack: ``library`` (store, formats, ingest), ``search``,
``glossary``, ``recs`` (recommendations) and ``digest``. The front ends (``cli``, ``console``,
``slack``) parse input, call the core through ``commands`` and render with ``render``.
``wiring`` is the composition root: it hands the lower layers what the higher ones give them
(schema steps, ingest hooks, query expanders), in a declared order. It runs here, when the
package is first imported, so that every way in is wired the same way.
"""

from bot import wiring

wiring.install()
