/* Handbook client, core: the namespace HB the scripts share, and the binding of components to the page (how the
 * client fits together: README.md, "The client"). */
(function (HB) {
  "use strict";

  var modules = {};
  var loading = {}; /* scripts asked for by name, loaded once */
  var here = document.currentScript ? document.currentScript.src : "";
  HB.FORMAT = "hb1";
  HB.ctx = null;        /* {pub, page} of a publication's page, {pub: null} elsewhere */
  HB.components = [];   /* the bound components of the page shown */

  /* Register the component factory for roots with data-module="name". */
  HB.module = function (name, init) { modules[name] = init; };

  HB.log = function (where, e) { if (window.console) console.error(where, e); };

  /* Run every bound component's hook of this name (update, beforePrint), each on its own. */
  HB.each = function (hook) {
    for (var i = 0; i < HB.components.length; i++) {
      var c = HB.components[i];
      if (c[hook]) try { c[hook](); } catch (e) { HB.log(hook, e); }
    }
  };

  HB.updateAll = function () { HB.each("update"); };

  /* Read the page's answers again (or only key's). */
  HB.restoreAll = function (key) {
    for (var i = 0; i < HB.components.length; i++) {
      var c = HB.components[i];
      if (c.restore && (!key || c.key === key)) c.restore();
    }
    HB.updateAll();
  };

  /* A component of a few pages only has its own script, named by its root's data-hb-script, beside this one. */
  function beside(file) { return here.slice(0, here.lastIndexOf("/") + 1) + file; }

  function need(name, done) {
    if (!name || loading[name] || !/^[a-z-]+$/.test(name)) return;
    var script = loading[name] = document.createElement("script");
    script.src = beside(name + ".js");
    script.onload = done || function () { HB.initAll(); };
    document.body.appendChild(script);
  }

  /* The stylesheet of such a script, name.css beside it; done() once it applies (or failed to load). */
  HB.style = function (name, done) {
    var link = loading[name + ".css"];
    if (!link || !link.isConnected) {
      link = loading[name + ".css"] = document.createElement("link");
      link.rel = "stylesheet";
      link.href = beside(name + ".css");
      document.head.appendChild(link);
    }
    if (link.sheet) done();
    else { link.addEventListener("load", done); link.addEventListener("error", done); }
  };

  /* Bind the page's components: on load, and after each instant navigation. */
  HB.initAll = function () {
    var el = document.querySelector("[data-hb-publication]");
    HB.ctx = el ? { pub: el.getAttribute("data-hb-publication"), page: el.getAttribute("data-hb-page") }
      : { pub: null, page: null };
    HB.components = HB.components.filter(function (c) { return c.root.isConnected; });
    if (HB.storage) HB.storage.reprobe();
    document.documentElement.classList.add("hb-js");
    var roots = document.querySelectorAll("[data-module^='hb-']");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i], name = root.getAttribute("data-module");
      if (!modules[name]) { need(root.getAttribute("data-hb-script")); continue; }
      if (root.hasAttribute("data-" + name + "-init")) continue;
      root.setAttribute("data-" + name + "-init", "");
      try {
        var component = modules[name](root);
        component.root = root;
        HB.components.push(component);
      } catch (e) { HB.log(name, e); }
    }
    HB.updateAll(); /* counts include the answers just restored */
    HB.each("beforePrint");
    if (HB.status) HB.status.render();
  };

  /* Storage failed: the message that says so (status.js) is loaded only then. */
  HB.problem = function (kind) {
    if (HB.status) { HB.status.report(kind); return; }
    (HB.pending = HB.pending || []).push(kind);
    need("status");
  };

  /* Offer text as a file to save. */
  HB.offer = function (text, name, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  };

  /* "1 note", "2 notes"; "" for none. */
  HB.plural = function (n, word) { return n ? n + " " + word + (n === 1 ? "" : "s") : ""; };

  /* ---- the window's events, bound once (component listeners sit on their roots) ---- */

  /* Another tab changed an answer (restore that one), changed assessments (not this tab's active one), or
     cleared storage. */
  window.addEventListener("storage", function (e) {
    if (e.key !== null && e.key.indexOf(HB.FORMAT + "|") === 0) { HB.restoreAll(e.key); return; }
    if (e.key === null || e.key.indexOf(HB.assessments.RECORD) === 0) {
      HB.assessments.forget();
      HB.restoreAll();
    }
  });

  window.addEventListener("beforeprint", function () { HB.each("beforePrint"); });

  /* Back to a page (back-forward cache, refilled form): answers may have changed since, read them again. */
  window.addEventListener("pageshow", function () {
    HB.assessments.forget();
    HB.restoreAll();
  });

  /* Bound once the document is ready, then on every page instant navigation shows (document$ replays). */
  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(HB.initAll);
    else HB.initAll();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  /* A web app build (manifest linked), online: offline.js registers the worker after load. */
  if (/^http/.test(location.protocol) && document.querySelector("link[rel=manifest]"))
    window.addEventListener("load", function () { need("offline", function () {}); });
})(window.HB = window.HB || {});
