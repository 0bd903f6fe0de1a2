/* buildlog: site search. The header holds a link to the archive; when Pagefind's
   Component UI loads (the index exists, JavaScript runs), the link becomes a search
   button that opens Pagefind's dialog (also on "/"). If anything fails, the link stays. */
(function () {
  "use strict";
  var box = document.querySelector(".site-search");
  var template = box && box.querySelector("template");
  if (!box || !template || !("customElements" in window) || !("content" in template)) return;

  var bundle = new URL(box.dataset.bundle, document.baseURI).href;
  var root = new URL(box.dataset.root, document.baseURI).pathname;

  var sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = bundle + "pagefind-component-ui.css";
  var script = document.createElement("script");
  script.src = bundle + "pagefind-component-ui.js";
  script.async = true;

  function enhance(merge) {
    var components = window.PagefindComponents;
    if (!components || typeof components.configureInstance !== "function") return;
    /* Result links get the site's path (a project site lives under /<repository>/). */
    components.configureInstance("default", {
      bundlePath: bundle, baseUrl: root, excerptLength: 24,
      mergeIndex: merge.map(function (part) {
        return { bundlePath: new URL(part, bundle).href, baseUrl: root, excerptLength: 24 };
      })
    });
    var ui = template.content.cloneNode(true);
    var fallback = box.querySelector(".site-search__fallback");
    box.appendChild(ui);
    if (fallback) fallback.remove();
    box.classList.add("site-search--ready");
  }

  /* A large site's index comes in parts (plugins/search/index.py): the first is the
     bundle itself, the others are listed in buildlog-shards.json and merged into it. */
  var parts = fetch(bundle + "buildlog-shards.json")
    .then(function (response) { return response.ok ? response.json() : { merge: [] }; })
    .then(function (data) { return Array.isArray(data.merge) ? data.merge : []; })
    .catch(function () { return []; });

  script.addEventListener("load", function () {
    Promise.all([parts, customElements.whenDefined("pagefind-modal-trigger")]).then(
      function (results) { enhance(results[0]); }
    );
  });
  script.addEventListener("error", function () { sheet.remove(); });
  document.head.appendChild(sheet);
  document.head.appendChild(script);
})();
