/* buildlog photos: a lightbox for galleries and a before/after slider.
   Progressive enhancement: without this file, thumbnails link to the full photo and
   before/after pairs show side by side. No dependencies. */
(function () {
  "use strict";

  /* ---- Before/after slider: a transparent range input over the stacked photos, so
     mouse (drag, click), touch and keys (arrows, Home/End, Page Up/Down) all work
     natively and assistive technology gets a real slider with a name and value. */
  function enhanceCompare(box) {
    var title = box.getAttribute("data-title");
    var range = document.createElement("input");
    range.type = "range"; range.min = "0"; range.max = "100"; range.step = "1"; range.value = "50";
    range.className = "compare__range";
    range.setAttribute("aria-label", "Before and after" + (title ? ": " + title : ""));
    var handle = document.createElement("span");
    handle.className = "compare__handle";
    handle.setAttribute("aria-hidden", "true");
    var captions = [];
    box.querySelectorAll(".compare__side").forEach(function (side) {
      var label = side.querySelector(".compare__label");
      var caption = side.querySelector(".compare__caption");
      if (caption) captions.push(label.textContent + ": " + caption.textContent);
    });
    function show() {
      var v = Number(range.value);
      box.style.setProperty("--pos", v + "%");
      range.setAttribute("aria-valuetext", "Before " + v + "%, after " + (100 - v) + "%");
    }
    range.addEventListener("input", show);
    box.classList.add("compare--slider");
    box.appendChild(range);
    box.appendChild(handle);
    if (captions.length) {
      var line = document.createElement("p");
      line.className = "compare__captions";
      line.textContent = captions.join(" \u00b7 ");
      box.insertAdjacentElement("afterend", line);
    }
    show();
  }

  /* ---- Lightbox: one <dialog> for the page; arrows, Esc, swipe; focus returns to
     the thumbnail that opened it. */
  var dialog, frame, caption, count, links = [], current = -1, opener = null;

  function button(cls, label, text, onClick) {
    var b = document.createElement("button");
    b.type = "button"; b.className = cls; b.setAttribute("aria-label", label); b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function buildDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", "Photo viewer");
    var figure = document.createElement("figure");
    figure.className = "lightbox__figure";
    frame = document.createElement("div");
    frame.className = "lightbox__frame";
    caption = document.createElement("figcaption");
    caption.className = "lightbox__caption";
    count = document.createElement("p");
    count.className = "lightbox__count";
    count.setAttribute("aria-live", "polite");
    figure.appendChild(frame); figure.appendChild(caption);
    dialog.appendChild(figure); dialog.appendChild(count);
    dialog.appendChild(button("lightbox__prev", "Previous photo", "\u2039", function () { step(-1); }));
    dialog.appendChild(button("lightbox__next", "Next photo", "\u203a", function () { step(1); }));
    dialog.appendChild(button("lightbox__close", "Close", "\u00d7", function () { dialog.close(); }));
    dialog.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight") { step(1); e.preventDefault(); }
      else if (e.key === "ArrowLeft") { step(-1); e.preventDefault(); }
    });
    dialog.addEventListener("close", function () {
      frame.textContent = "";
      if (opener) opener.focus();
    });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
    var startX = null;
    dialog.addEventListener("pointerdown", function (e) { startX = e.clientX; });
    dialog.addEventListener("pointerup", function (e) {
      if (startX === null) return;
      var dx = e.clientX - startX; startX = null;
      if (Math.abs(dx) > 50) step(dx < 0 ? 1 : -1);
    });
    document.body.appendChild(dialog);
  }

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var picture = link.querySelector("picture, img").cloneNode(true);
    picture.querySelectorAll("source, img").forEach(function (node) {
      node.setAttribute("sizes", "100vw");
      node.removeAttribute("loading");
    });
    if (picture.tagName === "IMG") picture.removeAttribute("loading");
    frame.textContent = "";
    frame.appendChild(picture);
    var text = link.closest("figure").querySelector("figcaption");
    caption.textContent = text ? text.textContent : "";
    count.textContent = (current + 1) + " / " + links.length;
  }

  function step(delta) { show(current + delta); }

  function open(link, e) {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; /* new tab still works */
    e.preventDefault();
    if (!dialog) buildDialog();
    links = Array.prototype.slice.call(link.closest("[data-gallery]").querySelectorAll(".gallery__link"));
    opener = link;
    show(links.indexOf(link));
    dialog.showModal();
    dialog.querySelector(".lightbox__close").focus();
  }

  document.querySelectorAll("[data-compare]").forEach(enhanceCompare);
  if (typeof HTMLDialogElement === "function") {
    document.querySelectorAll("[data-gallery] .gallery__link").forEach(function (link) {
      link.addEventListener("click", function (e) { open(link, e); });
    });
  }
})();
