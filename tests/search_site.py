"""A small site for the search tests: one post to find, posts that must never be
found (hidden, excluded, a draft), and pages. Each hidden or excluded post says the
search word more often and in its title, so it would rank first if it were indexed."""

import gzip
import json

WORD = "zeolite"  # in the body of one published post only
HIDDEN_WORD = "quokka"  # only in the hidden and excluded posts

FILES = {
    "content/posts/2021-03-04-desiccant.md": f"""
        ---
        title: Keeping the case dry
        description: Silica packs in the intake.
        categories: [Homelab]
        ---

        The closet is damp, so a bag of {WORD} beads sits by the intake fan.

        ## Checking the humidity

        A cheap sensor reads 40 % after a week.
        """,
    "content/posts/2021-03-10-fans.md": """
        ---
        title: Quieter fans
        categories: [Homelab]
        ---

        Three 140 mm fans at 600 rpm move enough air for the drives.
        """,
    "content/posts/2021-03-12-hidden.md": f"""
        ---
        title: {WORD} {HIDDEN_WORD} notes
        hide: true
        ---

        {WORD} {WORD} {WORD} {HIDDEN_WORD}: hidden, reachable only by its URL.
        """,
    "content/posts/2021-03-14-excluded.md": f"""
        ---
        title: {WORD} {HIDDEN_WORD} shopping list
        search_exclude: true
        ---

        {WORD} {WORD} {WORD} {HIDDEN_WORD}: kept out of search.
        """,
    "content/posts/2021-03-16-draft.md": f"""
        ---
        title: {WORD} draft
        status: draft
        ---

        {WORD} {WORD} {HIDDEN_WORD} draft.
        """,
    "content/pages/about.md": """
        ---
        title: About
        ---

        This homelab lives in a closet.
        """,
    "content/pages/private.md": f"""
        ---
        title: Private page
        search_exclude: true
        ---

        {WORD} {HIDDEN_WORD} private page.
        """,
}


def part_folders(output) -> list:
    """The published index's parts: the bundle itself, then those it merges."""
    bundle = output / "pagefind"
    merge = json.loads((bundle / "buildlog-shards.json").read_text())["merge"]
    return [bundle, *(bundle / part for part in merge)]


def bundle_urls(folder) -> dict[str, str]:
    """The pages of one Pagefind bundle: URL -> indexed text (its fragments are gzipped
    JSON after a signature)."""
    pages = {}
    for fragment in (folder / "fragment").glob("*.pf_fragment"):
        page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[page["url"]] = page["content"]
    return pages


def part_urls(output) -> list[dict[str, str]]:
    """Each part's pages, as ``bundle_urls``."""
    return [bundle_urls(folder) for folder in part_folders(output)]
