/* buildlog: comments load only when the reader asks. Until the button is pressed no
   request leaves for the comment service; then its script is added with the
   attributes the site configured, in the theme the reader sees. */
(function () {
  "use strict";
  var section = document.querySelector(".comments");
  var button = section && section.querySelector(".comments__load");
  var thread = section && section.querySelector(".comments__thread");
  if (!button || !thread) return;

  function dark() {
    var chosen = document.documentElement.dataset.theme;
    if (chosen) return chosen === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  var themes = { giscus: ["light", "dark"], utterances: ["github-light", "github-dark"] };
  function themeFor(provider) { return themes[provider][dark() ? 1 : 0]; }

  function load() {
    var provider = thread.dataset.provider;
    var attrs = JSON.parse(thread.dataset.attrs);
    var script = document.createElement("script");
    Object.keys(attrs).forEach(function (name) { script.setAttribute(name, attrs[name]); });
    script.setAttribute(provider === "giscus" ? "data-theme" : "theme", themeFor(provider));
    script.setAttribute("crossorigin", "anonymous");
    script.async = true;
    script.src = thread.dataset.src;
    thread.hidden = false;
    thread.appendChild(script);
    button.hidden = true;
    thread.focus();
    if (provider === "giscus") followTheme();
  }

  /* giscus can change theme in place when the reader flips the site's toggle. */
  function followTheme() {
    new MutationObserver(function () {
      var frame = thread.querySelector("iframe.giscus-frame");
      if (!frame) return;
      frame.contentWindow.postMessage({ giscus: { setConfig: { theme: themeFor("giscus") } } }, "https://giscus.app");
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  button.hidden = false;
  button.addEventListener("click", load, { once: true });
})();
