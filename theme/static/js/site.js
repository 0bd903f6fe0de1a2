/* buildlog: progressive enhancements. Everything works without this file. */
(function () {
  "use strict";
  var root = document.documentElement;
  var toggle = document.querySelector(".theme-toggle");

  function systemTheme() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function currentTheme() { return root.dataset.theme || systemTheme(); }
  function showTheme() {
    var dark = currentTheme() === "dark";
    toggle.setAttribute("aria-pressed", dark ? "true" : "false");
  }
  if (toggle) {
    toggle.hidden = false;
    showTheme();
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("buildlog-theme", next); } catch (e) { /* private mode */ }
      showTheme();
    });
    if (window.matchMedia) {
      window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", showTheme);
    }
  }

  /* Table of contents: folded on narrow screens (open without JS), and the
     section being read marked in the sidebar on wide ones. */
  var toc = document.querySelector(".toc");
  if (toc) {
    var wide = window.matchMedia("(min-width: 72rem)");
    /* The first fold happens inline, right after the TOC (no layout shift). */
    wide.addEventListener("change", function () { toc.open = wide.matches; });
    var links = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
    var byId = {};
    links.forEach(function (a) { byId[decodeURIComponent(a.getAttribute("href").slice(1))] = a; });
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          links.forEach(function (a) { a.removeAttribute("aria-current"); });
          var link = byId[entry.target.id];
          if (link) link.setAttribute("aria-current", "true");
        });
      }, { rootMargin: "0px 0px -70% 0px" });
      Object.keys(byId).forEach(function (id) {
        var heading = document.getElementById(id);
        if (heading) observer.observe(heading);
      });
    }
    toc.addEventListener("click", function (event) {
      if (event.target.closest("a") && !wide.matches) toc.open = false;
    });
  }
})();
