"""``invoke import-fastpages PATH``: a fastpages blog's posts, notebooks, Word
documents, images, pages and settings brought into this buildlog site (cli.py)."""
