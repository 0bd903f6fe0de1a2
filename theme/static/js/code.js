/* buildlog: a Copy button on every code block. It copies the code without its line
   numbers, says "Copied" on the button and to screen readers (a polite live region),
   and does not exist without JavaScript: nothing to press that cannot work. */
(function () {
  "use strict";
  var blocks = document.querySelectorAll(".post-body .highlight");
  if (!blocks.length) return;

  var status = document.createElement("div");
  status.className = "visually-hidden code-copy-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function announce(text) {
    status.textContent = "";
    /* A fresh change each time, so a second "Copied" is announced too. */
    window.setTimeout(function () { status.textContent = text; }, 60);
  }

  function codeText(block) {
    var code = block.querySelector("pre code") || block.querySelector("pre");
    var copy = code.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".linenos"), function (n) { n.remove(); });
    return copy.textContent.replace(/\n$/, "");
  }

  /* http:// on another machine (a LAN preview) has no Clipboard API: select and copy. */
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  function makeButton(block) {
    var button = document.createElement("button");
    var label = document.createElement("span");
    var hidden = document.createElement("span");
    button.type = "button";
    button.className = "code-copy";
    label.textContent = "Copy";
    hidden.className = "visually-hidden";
    hidden.textContent = " code";
    button.append(label, hidden);
    var timer = null;
    function show(text, state) {
      label.textContent = text;
      hidden.textContent = "";
      button.dataset.state = state;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        label.textContent = "Copy";
        hidden.textContent = " code";
        delete button.dataset.state;
      }, 2000);
    }
    button.addEventListener("click", function () {
      copyText(codeText(block)).then(function () {
        show("Copied", "done");
        announce("Copied");
      }, function () {
        show("Copy failed", "failed");
        announce("Copy failed: select the code and copy it with the keyboard");
      });
    });
    return button;
  }

  Array.prototype.forEach.call(blocks, function (block) {
    block.classList.add("highlight--copy");
    /* First in the block: keyboard users meet the button before the code it copies. */
    block.insertBefore(makeButton(block), block.firstChild);
  });
})();
