"""The Content Security Policy of a page: placed first in <head>, allowing exactly the page's own inline scripts."""
from __future__ import annotations

import re

import pytest

from handbook.csp import frame_script, iframe_worker_shim, policy_for, source_hash, with_policy
from support import ROOT

PAGE = """<!doctype html>
<html><head>
  <meta charset="utf-8">
  <title>T</title>
  <script>var a = 1</script>
  <script id="__config" type="application/json">{"search": "../worker.js"}</script>
  <script src="bundle.js"></script>
</head><body>
  <script type="module">import "./m.js"</script>
  <script type='text/javascript'>var a = 1</script>
</body></html>"""
# The hash Chromium itself names when it blocks this inline script.
CHROMIUM_HASH = "'sha256-/828jo0Q2yUwc7Cdg/Y3/aiDuLisECXh1o8ZlP4wV4w='"


def _directives(html: str) -> dict[str, list[str]]:
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1)
    return {name: values for name, *values in (part.split() for part in content.split(";"))}


def test_hash_is_the_one_chromium_expects():
    assert source_hash("window.__pwned = 1") == CHROMIUM_HASH


def test_policy_follows_meta_charset_before_anything_else():
    html = with_policy(PAGE)
    assert re.search(r'<head>\s*<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" ', html)
    assert html.index("Content-Security-Policy") < html.index("<script")
    assert with_policy("<html><head><title>T</title></head></html>").startswith(
        '<html><head><meta http-equiv="Content-Security-Policy" content="default-src')


def test_each_script_that_runs_is_hashed_once_and_data_is_not():
    scripts = _directives(with_policy(PAGE))["script-src"]
    assert scripts == ["'self'", source_hash("var a = 1"), source_hash('import "./m.js"')]
    assert "'unsafe-inline'" not in policy_for(PAGE)


def test_the_rest_of_the_policy_is_locked_down():
    directives = _directives(with_policy(PAGE))
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'none'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]


def test_a_page_without_head_is_refused():
    with pytest.raises(ValueError, match="no <head>"):
        with_policy("<p>fragment</p>")


def test_offline_search_frame_script_is_allowed_for_the_pages_worker():
    shim = (ROOT / "overrides" / "assets" / "vendor" / "iframe-worker" / "shim.js").read_text(encoding="utf-8")
    script = frame_script(shim, "../worker.js")
    assert script.startswith('postMessage=function c(s,n){parent.postMessage(s,n||"*")};importScripts=function d(')
    assert script.endswith('{filename:"../worker.js",error}))})')
    assert source_hash(script) in policy_for(PAGE, shim)
    assert source_hash(script) not in policy_for(PAGE)
    assert len(_directives(with_policy(PAGE.replace('"search"', '"other"'), shim))["script-src"]) == 3


def test_the_shim_is_read_from_the_theme_folder_or_named_when_it_cannot_be(tmp_path):
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "iframe-worker.js").write_text("function shim() {}", encoding="utf-8")
    assert iframe_worker_shim(str(tmp_path), ["vendor/iframe-worker.js", "other.js"]) == "function shim() {}"
    assert iframe_worker_shim(None, ["other.js"]) == ""  # no shim listed: nothing to read
    with pytest.raises(ValueError, match=r"vendor/iframe-worker/shim\.js is read from theme\.custom_dir"):
        iframe_worker_shim(None, ["vendor/iframe-worker/shim.js"])
    with pytest.raises(ValueError, match=r"iframe-worker-missing\.js is not a file"):
        iframe_worker_shim(str(tmp_path), ["vendor/iframe-worker-missing.js"])
