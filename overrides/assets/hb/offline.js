/* Handbook client, offline: registers the edition's service worker (sw.js at the edition's root, written by the
 * build: hooks/handbook/offline_app.py), so that the whole edition works with the network gone, and says when a
 * newer edition is published. Loaded by core.js once a page served over http(s) has loaded; never from file://. */
(function (HB) {
  "use strict";

  /* This script is assets/hb/offline.js: the edition's root is two folders up (/ in a plain build, /2023/ under
     mike), and so is the worker, whose scope is then the edition. */
  var root = new URL("../../", document.currentScript.src).href;

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).catch(function (e) { HB.log("offline", e); });
  }

  /* The edition's folder ("2023"), "" at the site's root (a plain build). */
  var here = decodeURIComponent(new URL(root).pathname.replace(/\/$/, "").split("/").pop());

  /* mike lists the published editions, newest first, in versions.json beside them. */
  function newer(versions) {
    var at = -1;
    for (var i = 0; i < versions.length; i++) if (versions[i].version === here) at = i;
    return at > 0 ? versions[0] : null;
  }

  function offer(edition) {
    var article = document.querySelector("article") || document.body;
    var box = document.createElement("div");
    box.className = "admonition info hb-newer";
    box.setAttribute("role", "status");
    article.insertBefore(box, article.firstChild);
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "New edition";
    var text = document.createElement("p");
    var link = document.createElement("a");
    link.href = new URL("../" + encodeURIComponent(edition.version) + "/", root).href;
    link.textContent = "A newer edition of the handbook, " + (edition.title || edition.version) + ", is published.";
    text.appendChild(link);
    box.appendChild(title);
    box.appendChild(text);
  }

  if (here && navigator.onLine !== false && window.fetch) {
    fetch(new URL("../versions.json", root).href, { cache: "no-cache" }).then(function (response) {
      return response.ok ? response.json() : [];
    }).then(function (versions) {
      var edition = Array.isArray(versions) && newer(versions);
      if (edition) offer(edition);
    }).catch(function () { /* no list (a plain build) or no network: nothing to offer */ });
  }
})(window.HB = window.HB || {});
