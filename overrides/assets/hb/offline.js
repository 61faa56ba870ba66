/* Handbook client, offline: registers the edition's service worker (sw.js at the edition's root, written by the
 * build: hooks/handbook/offline_app.py), so that the whole edition works with the network gone. Loaded by core.js
 * once a page served over http(s) has loaded; never from file://. A newer edition is offered by Material's notice
 * on an earlier edition (overrides/main.html, block outdated), with a link to the same page in the newest. */
(function (HB) {
  "use strict";

  /* This script is assets/hb/offline.js: the edition's root is two folders up (/ in a plain build, /2023/ under
     mike), and so is the worker, whose scope is then the edition. */
  var root = new URL("../../", document.currentScript.src).href;

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).catch(function (e) { HB.log("offline", e); });
  }
})(window.HB = window.HB || {});
