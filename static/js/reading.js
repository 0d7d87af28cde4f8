// bitext reading modes: side by side, one language, or paragraph by paragraph.
// Loaded in <head> without defer so the chosen mode applies before the first paint; the
// rest waits for the document. Without this script every page shows both languages.
(function () {
  "use strict";
  var KEY = "bitext-reading";
  var MODES = ["both", "primary", "secondary", "interleaved"];
  var root = document.documentElement;
  var primary = root.getAttribute("data-primary");
  var secondary = root.getAttribute("data-secondary");

  // ?read=zh-Hans, ?read=en, ?read=both or ?read=interleaved: a link can choose the mode.
  function modeFromAddress() {
    var wanted = new URLSearchParams(window.location.search).get("read");
    if (!wanted) return null;
    if (wanted.toLowerCase() === (primary || "").toLowerCase()) return "primary";
    if (wanted.toLowerCase() === (secondary || "").toLowerCase()) return "secondary";
    return MODES.indexOf(wanted) >= 0 ? wanted : null;
  }

  function stored() {
    try {
      var mode = window.localStorage.getItem(KEY);
      return MODES.indexOf(mode) >= 0 ? mode : null;
    } catch (error) {
      return null; // storage blocked: the choice lasts for this page only
    }
  }

  function store(mode) {
    try { window.localStorage.setItem(KEY, mode); } catch (error) { /* see stored() */ }
  }

  function defaultMode() {
    return window.matchMedia("(min-width: 48rem)").matches ? "both" : "interleaved";
  }

  var fromAddress = modeFromAddress();
  if (fromAddress) store(fromAddress);
  root.setAttribute("data-reading", fromAddress || stored() || defaultMode());

  // Interface strings follow the reading language: in the secondary language when only
  // that language is shown. Each carries its other form in data-alt.
  function translateInterface(mode) {
    var toSecondary = mode === "secondary";
    document.querySelectorAll("[data-alt]").forEach(function (element) {
      if (!element.hasAttribute("data-orig")) {
        element.setAttribute("data-orig", element.textContent);
      }
      element.textContent = element.getAttribute(toSecondary ? "data-alt" : "data-orig");
      if (toSecondary) {
        element.setAttribute("lang", element.getAttribute("data-alt-lang"));
        if (element.hasAttribute("data-alt-dir")) {
          element.setAttribute("dir", element.getAttribute("data-alt-dir"));
        }
      } else {
        element.removeAttribute("lang");
        element.removeAttribute("dir");
      }
    });
    document.querySelectorAll("[data-alt-label]").forEach(function (element) {
      if (!element.hasAttribute("data-orig-label")) {
        element.setAttribute("data-orig-label", element.getAttribute("aria-label"));
      }
      element.setAttribute("aria-label", element.getAttribute(
        toSecondary ? "data-alt-label" : "data-orig-label"));
    });
  }

  function apply(mode) {
    root.setAttribute("data-reading", mode);
    document.querySelectorAll(".reading-modes [data-mode]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-mode") === mode));
    });
    translateInterface(mode);
  }

  // Paragraph by paragraph: a copy of the aligned blocks in pairs (the two sections stay
  // in the page for the other modes and for readers without this script).
  function buildInterleaved(abstracts) {
    var sections = abstracts.querySelectorAll(":scope > .abstract");
    if (sections.length !== 2) return;
    var pairs = [sections[0].querySelectorAll(".block"), sections[1].querySelectorAll(".block")];
    var woven = document.createElement("div");
    woven.className = "interleaved";
    if (pairs[0].length !== pairs[1].length) {
      pairs = [[sections[0]], [sections[1]]]; // not aligned: one language after the other
    } else {
      // The notes on the translation (machine-made, made from an earlier text) head the
      // pairs: they are in the translation's heading, which the pairs leave out.
      sections[1].querySelectorAll(".translation-note").forEach(function (note) {
        var copy = note.cloneNode(true);
        copy.setAttribute("lang", sections[1].getAttribute("lang"));
        copy.setAttribute("dir", sections[1].getAttribute("dir"));
        woven.appendChild(copy);
      });
    }
    for (var index = 0; index < pairs[0].length; index++) {
      for (var side = 0; side < 2; side++) {
        var copy = pairs[side][index].cloneNode(true);
        copy.removeAttribute("id");
        copy.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
        copy.setAttribute("lang", sections[side].getAttribute("lang"));
        copy.setAttribute("dir", sections[side].getAttribute("dir"));
        copy.classList.add(side === 0 ? "in-primary" : "in-secondary");
        if (copy.tagName === "SECTION") copy.removeAttribute("aria-labelledby");
        woven.appendChild(copy);
      }
    }
    abstracts.appendChild(woven);
  }

  // Pointing at or focusing a paragraph highlights its counterpart in the other language.
  function pairHighlights(abstracts) {
    abstracts.querySelectorAll(".block").forEach(function (block) {
      block.setAttribute("tabindex", "0");
      var number = block.getAttribute("data-block");
      function mark(on) {
        abstracts.querySelectorAll('.block[data-block="' + number + '"]').forEach(function (b) {
          b.classList.toggle("paired", on);
        });
      }
      block.addEventListener("mouseenter", function () { mark(true); });
      block.addEventListener("mouseleave", function () { mark(false); });
      block.addEventListener("focus", function () { mark(true); });
      block.addEventListener("blur", function () { mark(false); });
    });
  }

  // Buttons that act on the text of another element (data-copy / data-download name
  // it); they stay hidden where the browser cannot do what they offer. Downloading makes
  // the BibTeX on the page a file here, rather than publishing one more file per paper
  // (half the files of a large site); without JavaScript the text stays to select.
  function textButtons(attribute, supported, act) {
    document.querySelectorAll("[" + attribute + "]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute(attribute));
      if (!source || !supported) return;
      button.hidden = false;
      button.addEventListener("click", function () { act(button, source.textContent); });
    });
  }

  function copy(button, text) {
    navigator.clipboard.writeText(text).then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-done");
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  }

  function download(button, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/x-bibtex" }));
    link.download = button.getAttribute("data-filename");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // ← and → follow the older and newer paper links, unless the reader is typing or is
  // using a modifier (so browser shortcuts keep working).
  function keyboardNavigation() {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var target = event.target;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      var shortcut = document.querySelector('[aria-keyshortcuts="' + event.key + '"]');
      if (shortcut) shortcut.click();
    });
  }

  // On a phone the modes are one row that scrolls sideways, and the phone's default,
  // paragraph by paragraph, is the last: the pressed mode is scrolled into sight.
  function revealPressed(controls) {
    var pressed = controls.querySelector('[aria-pressed="true"]');
    if (!pressed) return;
    var row = controls.getBoundingClientRect();
    var button = pressed.getBoundingClientRect();
    // (whole pixels, as the row scrolls: a button that ends in a fraction of one, as with
    // a phone's Chinese font, stayed that fraction outside; see the row's CSS)
    var offset = button.right > row.right ? Math.ceil(button.right - row.right)
      : button.left < row.left ? Math.floor(button.left - row.left) : 0;
    if (offset) controls.scrollBy({ left: offset });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var controls = document.querySelector(".reading-modes");
    if (controls) {
      controls.hidden = false;
      controls.addEventListener("click", function (event) {
        var button = event.target.closest("[data-mode]");
        if (!button) return;
        var mode = button.getAttribute("data-mode");
        store(mode);
        apply(mode);
        revealPressed(controls);
      });
    }
    document.querySelectorAll(".abstracts").forEach(function (abstracts) {
      buildInterleaved(abstracts);
      abstracts.classList.add("has-interleaved");
      if (abstracts.hasAttribute("data-aligned")) pairHighlights(abstracts);
    });
    textButtons("data-copy", !!navigator.clipboard, copy);
    textButtons("data-download", !!(window.Blob && window.URL), download);
    keyboardNavigation();
    apply(root.getAttribute("data-reading"));
    if (controls) revealPressed(controls);
  });
})();
