"""What "reads well on a phone" means, measured in a real page.

``problems(page, width)`` opens every ``<details>`` (folded numbers must fit too) and
returns one line per problem:

- the page scrolls sideways: ``documentElement.scrollWidth`` beyond the width asked
  for (with ``is_mobile`` the layout viewport grows to fit overflowing content, so
  ``innerWidth`` would hide it);
- text rendered smaller than 12 px: every text node, its computed font size times
  the scale of any SVG it sits in (a chart shrunk to fit counts at its shrunk size);
- text cut off at the side: outside the viewport and not inside a box that scrolls
  sideways on purpose (code blocks, wide Markdown tables);
- a price, total or power figure, or a chart value, that is clipped by a box or lies
  outside the screen: key numbers are read without scrolling sideways.
"""

from __future__ import annotations

MIN_TEXT_PX = 12
KEY_NUMBERS = (
    ".parts-table__price, .parts-table__sum, .bench-row__value, .bench-table td, .bench-axis text"
)

PROBE = r"""
([width, minPx, keySelector]) => {
  const out = [];
  const clip = (s) => s.replace(/\s+/g, ' ').trim().slice(0, 60);
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) out.push(`page is ${scrollWidth} px wide at ${width} px`);
  const scroller = (el) => {  // an ancestor that scrolls sideways on purpose
    for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if ((o === 'auto' || o === 'scroll') && a !== document.documentElement) return a;
    }
    return null;
  };
  const hidden = (el) => {  // visually hidden (1 px, clipped) text is for screen readers
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const r = a.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1 && getComputedStyle(a).overflow === 'hidden') return true;
    }
    return false;
  };
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE', 'DESC', 'TEMPLATE']);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || skip.has(el.tagName.toUpperCase())) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1);
    if (!rects.length || hidden(el)) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    if (size < minPx - 0.01)
      out.push(`text at ${size.toFixed(1)} px: "${clip(node.textContent)}" (<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}">)`);
    const cut = rects.some(r => r.left < -0.5 || r.right > width + 0.5);
    if (cut && !scroller(el))
      out.push(`text cut off at the side: "${clip(node.textContent)}"`);
  }
  for (const el of document.querySelectorAll(keySelector)) {
    const r = el.getBoundingClientRect();
    if (!r.width || hidden(el)) continue;
    let boxed = r.left >= -0.5 && r.right <= width + 0.5;
    for (let a = el.parentElement; a && boxed; a = a.parentElement) {
      if (getComputedStyle(a).overflowX === 'visible') continue;
      const b = a.getBoundingClientRect();
      boxed = r.left >= b.left - 0.5 && r.right <= b.right + 0.5;
    }
    if (!boxed) out.push(`key number not in view without scrolling sideways: "${clip(el.textContent)}"`);
  }
  return out;
}
"""


TOTALS = ".parts-table__total .parts-table__sum"

# After a resize: two animation frames (resize and media-query listeners have run), then
# the screen width, the probe and the number of parts totals, in one round trip to the
# page (each one costs ~20-50 ms of CPU across Python, Playwright and Chromium).
CHECK_WIDTH = f"""
async ([resized, width, minPx, keySelector, totals]) => {{
  if (resized) await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return {{
    screen: screen.width,
    problems: ({PROBE})([width, minPx, keySelector]),
    totals: document.querySelectorAll(totals).length,
  }};
}}
"""


def problems(page, width: int) -> list[str]:
    """Every problem on the page shown in ``page`` at ``width`` CSS pixels."""
    return page.evaluate(PROBE, [width, MIN_TEXT_PX, KEY_NUMBERS])


def check_width(page, width: int, resized: bool) -> dict:
    """``problems`` at ``width``, as ``{"screen": screen.width, "problems": [...],
    "totals": number of parts totals}``; after a resize, waits two frames first."""
    return page.evaluate(CHECK_WIDTH, [resized, width, MIN_TEXT_PX, KEY_NUMBERS, TOTALS])


def total_is_uncovered(page) -> list[str]:
    """Each parts table's total, scrolled into view, is the topmost element at its
    centre: nothing (a sticky cell, a shadow) lies over it."""
    found = []
    for total in page.locator(TOTALS).all():
        total.scroll_into_view_if_needed()
        hit = total.evaluate("""el => { const r = el.getBoundingClientRect();
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return el === top || el.contains(top); }""")
        if not hit:
            found.append(f"total covered by another element: {total.text_content()}")
    return found
