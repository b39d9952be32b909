"""python -m bot.cli: the same as `rocu`."""

from bot.cli import main

main()
