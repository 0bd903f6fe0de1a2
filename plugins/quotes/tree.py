"""Tree processors: attributed quotes become figures, the opening quote an epigraph,
admonition-shaped divs become accessible callouts, and raw HTML inside quotes and
callouts that is not harmless inline markup is shown as text (see ``sanitize``)."""

from __future__ import annotations

import hashlib
import html
import xml.etree.ElementTree as etree

from markdown import util
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.treeprocessors import Treeprocessor

from plugins._shared.context import post_of

from .parse import KIND_ALIASES, KINDS, split_attribution
from .render import render_icon
from .sanitize import harmless

RAW_HTML = "buildlog_raw_html"  # on the Markdown: stash indices of the author's raw HTML


def take_attribution(quote: etree.Element) -> str | None:
    """Remove and return the raw Markdown of ``quote``'s attribution line, if its last
    paragraph ends with one and something is left to be quoted."""
    last = quote[-1] if len(quote) else None
    if last is None or last.tag != "p" or len(last) or not last.text:
        return None
    split = split_attribution(last.text)
    if split is None:
        return None
    rest, who = split
    if rest:
        last.text = rest
    elif len(quote) > 1:
        quote.remove(last)
    else:
        return None
    return who


def _replace(parent: etree.Element, old: etree.Element, new: etree.Element) -> None:
    parent.insert(list(parent).index(old), new)
    parent.remove(old)
    new.tail, old.tail = old.tail, None


class QuoteTreeprocessor(Treeprocessor):
    """Before inline parsing, while paragraph text is still raw Markdown:

        <blockquote><p>“Q.”\\n― Ada</p></blockquote>
    ->  <figure class="quote"><blockquote><p>“Q.”</p></blockquote>
          <figcaption>— <cite>Ada</cite></figcaption></figure>
    """

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for quote in list(root.iter("blockquote")):
            who = take_attribution(quote)
            if who is None:
                continue
            figure = etree.Element("figure", {"class": "quote"})
            _replace(parents[quote], quote, figure)
            figure.append(quote)
            caption = etree.SubElement(figure, "figcaption")
            caption.text = "\u2014 "
            etree.SubElement(caption, "cite").text = who
        self.mark_epigraph(root)

    @staticmethod
    def mark_epigraph(root: etree.Element) -> None:
        """A quote before any other body content is the post's epigraph."""
        if not len(root) or (root.text or "").strip():
            return
        first = root[0]
        if first.tag == "blockquote" or (first.tag == "figure" and first.get("class") == "quote"):
            first.set("class", " ".join(filter(None, [first.get("class"), "epigraph"])))


class CalloutTreeprocessor(Treeprocessor):
    """markdown-callouts' and our label processor's output, made accessible:

    <div class="admonition note">         <aside class="callout note" role="note"
      <p class="admonition-title">Note</p>  ->   aria-labelledby="callout-1a2b3c">
      <p>Body</p>                            <p class="callout__title" id="callout-1a2b3c"><svg/>Note</p>
    </div>                                 <p>Body</p></aside>
    """

    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        for div in root.iter("div"):
            classes = (div.get("class") or "").split()
            if len(classes) != 2 or classes[0] != "admonition" or classes[1] not in KIND_ALIASES:
                continue
            if not len(div) or div[0].get("class") != "admonition-title":
                continue
            kind = KIND_ALIASES[classes[1]]
            title = div[0]
            label = "".join(title.itertext()).strip() or KINDS[kind]
            ident = self.unique_id(kind, "".join(div.itertext()), seen)
            div.tag = "aside"
            div.attrib = {"class": f"callout {kind}", "role": "note", "aria-labelledby": ident}
            title.attrib = {"class": "callout__title", "id": ident}
            title[:] = []
            icons = post_of(self.md).build.memo("callout-icons")  # kind -> SVG
            icon = icons.get(kind) or icons.setdefault(
                kind, render_icon(kind, post_of(self.md).templates)
            )
            title.text = util.AtomicString(self.md.htmlStash.store(icon) + label)

    @staticmethod
    def unique_id(kind: str, text: str, seen: set[str]) -> str:
        """An id from the callout's own text, so it stays the same between builds and
        differs between posts shown on one listing page."""
        base = "callout-" + hashlib.sha1(f"{kind}\0{text}".encode()).hexdigest()[:8]
        ident, n = base, 1
        while ident in seen:
            n += 1
            ident = f"{base}-{n}"
        seen.add(ident)
        return ident


class RawHtmlInlineProcessor(HtmlInlineProcessor):
    """Python-Markdown's raw inline HTML, remembering which stash entries are the
    author's (our own plugins stash HTML too: icons, pictures)."""

    def handleMatch(self, m, data):
        placeholder, start, end = super().handleMatch(m, data)
        raw_html_of(self.md).add(self.md.htmlStash.html_counter - 1)
        return placeholder, start, end


def raw_html_of(md) -> set[int]:
    found = getattr(md, RAW_HTML, None)
    if found is None:
        found = set()
        setattr(md, RAW_HTML, found)
    return found


class UnsafeTagTreeprocessor(Treeprocessor):
    """After inline parsing: raw HTML the author wrote inside a quote or callout is
    stashed by now; unless it is harmless, it is shown as text instead of running.

        > a <script>x</script> b    ->   <blockquote><p>a &lt;script&gt;x&lt;/script&gt; b
    """

    def run(self, root: etree.Element) -> None:
        authored = raw_html_of(self.md)
        blocks = self.md.htmlStash.rawHtmlBlocks
        for node in root.iter():
            if node.tag not in ("blockquote", "figure", "aside"):
                continue
            for element in node.iter():
                for text in (element.text, element.tail):
                    for m in util.HTML_PLACEHOLDER_RE.finditer(text or ""):
                        index = int(m[1])
                        raw = blocks[index] if index < len(blocks) else None
                        if index in authored and isinstance(raw, str) and not harmless(raw):
                            blocks[index] = html.escape(raw)
        authored.clear()  # this conversion is done; the next one records its own
