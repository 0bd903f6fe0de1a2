"""``invoke setup``: make the kit yours (names, address, links) and drop the demo.

Not a Pelican plugin: it edits settings files and content/, so it has no
``register()`` and is not listed in PLUGINS."""
