"""Publishing: site checks (``invoke check``) and the GitHub Pages deploy
(``invoke gh-pages``). Not a Pelican plugin: it runs on a finished output folder,
so it has no ``register()`` and is not listed in PLUGINS."""
