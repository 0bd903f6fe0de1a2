"""fastpages' ``_includes`` as buildlog renders them (one include tag -> Markdown or HTML).

| include | becomes |
|---|---|
| ``image.html file= alt= caption= url=`` | ``![alt](file "caption")``: the photo pipeline's figure |
| ``youtube.html content=`` | a link that becomes a youtube-nocookie player on click |
| ``video.html url=`` | ``<video controls preload="none">`` (no request until play) |
| ``note/tip/warning/important/alert/info.html`` over several lines | a callout block |

Single-line callout includes are the quotes plugin's (it reads them itself).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from plugins._shared.context import PostContext
from plugins._shared.errors import ContentError
from plugins._shared.urls import content_relative, is_remote
from plugins.quotes.parse import INCLUDES, KINDS

from .liquid import parse_include, youtube_id


def render_include(
    text: str, line: int, *, multiline: bool, post: PostContext, state: dict
) -> str | Markup | None:
    """Markdown (a str) or HTML (Markup) for one include; None leaves it as written."""
    include = parse_include(text, line)
    if include is None:
        return None
    args, name = include.args, include.name
    if name == "image":
        return image_markdown(args, line)
    if name == "youtube":
        video, start = youtube_id(_required(args, "content", name, line), line)
        script = ""
        if not state["script"]:
            settings = post.build.settings
            script = f"{settings.get('SITEURL', '')}/{settings.get('THEME_STATIC_DIR', 'theme')}/js/embeds.js"
            state["script"] = True
        return post.templates.render("fastpages/youtube.html", id=video, start=start, script=script)
    if name == "video":
        return post.templates.render(
            "fastpages/video.html", url=video_url(_required(args, "url", name, line), line, post)
        )
    if name in INCLUDES and multiline:
        kind, param = INCLUDES[name]
        content = _required(args, param, name, line)
        block = post.templates.render(
            "fastpages/callout.md", kind=kind, title=KINDS[kind], content=Markup(content.strip())
        )
        return "\n" + str(block) + "\n"  # Markdown source (md_in_html), not stashed HTML
    return None


def _required(args: dict, key: str, name: str, line: int) -> str:
    value = (args.get(key) or "").strip()
    if not value:
        raise ContentError(f'{{% include {name}.html %}} needs {key}="..."', line=line)
    return value


def image_markdown(args: dict, line: int) -> str:
    """fastpages' image include as the Markdown image the photos plugin reads."""
    src = _required(args, "file", "image", line)
    alt = " ".join((args.get("alt") or "").split()).replace("]", "\\]")
    caption = " ".join((args.get("caption") or "").split()).replace('"', "\u201d")
    title = f' "{caption}"' if caption else ""
    image = f"![{alt}]({src.replace(' ', '%20')}{title})"
    url = (args.get("url") or "").strip()
    return f"[{image}]({url})" if url else image


def video_url(url: str, line: int, post: PostContext) -> str:
    """A remote address as written; a local file as its site URL (it must exist)."""
    if is_remote(url):
        return url
    rel = content_relative(url)
    content = post.build.settings.get("PATH")
    if content:
        post.depends_on(Path(content) / rel)
    if content and post.source_path is not None and not (Path(content) / rel).is_file():
        raise ContentError(f"video not found: {url} (looked for {Path(content) / rel})", line=line)
    return f"{post.build.settings.get('SITEURL', '')}/{rel}"
