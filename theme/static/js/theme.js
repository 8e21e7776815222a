/* Light or dark: follows the system until the reader chooses, and the choice is remembered.
   Loaded in <head> so the saved theme applies before the first paint (no flash). The choice is kept in
   localStorage; where that is unavailable (some browsers on file://, private windows) the toggle still
   works for the page being read. */
(function () {
  "use strict";
  var KEY = "quietpress-theme";
  var root = document.documentElement;

  function readChoice() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function saveChoice(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* not stored: lasts for this page */ }
  }
  function systemDark() {
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : systemDark();
  }

  var saved = readChoice();
  if (saved === "light" || saved === "dark") {
    root.setAttribute("data-theme", saved);
  }

  function connect() {
    var button = document.getElementById("theme-toggle");
    if (!button) { return; }
    var label = button.querySelector(".theme-toggle-label");
    // The button says what a click does: the theme it switches to, not the one shown (a toggle
    // reading "Dark theme" on a dark page was read as a state, and clicked to get dark).
    var show = function () {
      var next = isDark() ? "light" : "dark";
      button.setAttribute("data-next", next);
      if (label) { label.textContent = next === "dark" ? "Dark theme" : "Light theme"; }
    };
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      saveChoice(next);
      show();
    });
    if (window.matchMedia) {
      var query = window.matchMedia("(prefers-color-scheme: dark)");
      if (query.addEventListener) { query.addEventListener("change", show); }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", connect);
  } else {
    connect();
  }
}());
