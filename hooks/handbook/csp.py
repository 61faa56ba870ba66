"""Content Security Policy of a built page: the site's own scripts and the inline scripts it was built with, no more.

Answers live in the site's localStorage, so a script injected into a page could read them. The policy goes into
the page itself as a ``<meta http-equiv>`` (a static host may send no headers), computed from the final HTML.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",  # and the hash of each inline script of the page
    "style-src": "'self'",
    "img-src": "'self' data:",  # Material's icons are data: SVGs in its stylesheet
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",  # no form of the site is ever sent anywhere
}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# Types a browser runs; data such as Material's __config (application/json) is never run and needs no hash.
_RUNS = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}
_CONFIG = re.compile(r"<script\b[^>]*\bid=\"__config\"[^>]*>(.*?)</script\s*>", re.S)
# Only <meta charset>, which must come early, may stay before the policy.
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset\s*=[^>]*>)?", re.I)


def iframe_worker_shim(custom_dir: str | None, polyfills: list[str]) -> str:
    """Return iframe-worker's shim listed in ``polyfills`` (under ``custom_dir``) or ""; ValueError if unreadable."""
    shims = [p for p in polyfills if "iframe-worker" in p]
    if shims and not custom_dir:
        raise ValueError(f"extra.polyfills: {shims[0]} is read from theme.custom_dir, which is not set; set it")
    source = []
    for shim in shims:
        path = Path(custom_dir, shim)
        if not path.is_file():
            raise ValueError(f"extra.polyfills: {path} is not a file; put iframe-worker's shim.js there")
        source.append(path.read_text(encoding="utf-8"))
    return "".join(source)


def inline_scripts(html: str) -> list[str]:
    """Return the text of every inline script of ``html`` that a browser would run, in page order."""
    found = []
    for attrs, text in _SCRIPT.findall(html):
        kind = _TYPE.search(attrs)
        kind = next(g for g in kind.groups() if g is not None) if kind else ""
        if not _SRC.search(attrs) and kind.strip().lower() in _RUNS:
            found.append(text)
    return found


def source_hash(text: str) -> str:
    """Return the source expression ``'sha256-…'`` that allows an inline script of exactly this text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def frame_script(shim: str, worker_url: str) -> str:
    """Return the inline script iframe-worker's ``shim`` writes into the hidden frame that runs ``worker_url``.

    The shim builds it from a template: each ``${name}`` is one of the shim's own functions (put in as its source
    text) or the worker's URL as the page gave it.
    """
    template = re.search(r"<script>(.*?)<\\/script>", shim).group(1)
    return re.sub(r"\$\{(\w+)\}", lambda m: _function_source(shim, m.group(1)) or worker_url, template)


def _function_source(js: str, name: str) -> str:
    start = js.find(f"function {name}(")
    if start < 0:
        return ""
    depth = 0
    for end in range(js.index("{", start), len(js)):
        depth += {"{": 1, "}": -1}.get(js[end], 0)
        if depth == 0:
            return js[start:end + 1]
    raise ValueError(f"function {name} of iframe-worker's shim has no end")


def policy_for(html: str, shim: str = "") -> str:
    """Return the policy of a page: POLICY with the hashes of the page's inline scripts added to script-src.

    With ``shim`` (the source of iframe-worker, which runs search in a frame under file://), the script it
    writes into that frame is allowed too: the frame inherits the page's policy.
    """
    scripts = inline_scripts(html)
    config = _CONFIG.search(html)
    worker = json.loads(config.group(1)).get("search") if config else None
    if shim and worker:
        scripts.append(frame_script(shim, worker))
    hashes = dict.fromkeys(source_hash(text) for text in scripts)
    directives = dict(POLICY, **{"script-src": " ".join([POLICY["script-src"], *hashes])})
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(html: str, shim: str = "") -> str:
    """Return ``html`` with its policy as a meta tag opening its <head>; raise ValueError if it has no <head>."""
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("the page has no <head> to put its Content Security Policy in")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, shim)}">'
    return html[:head.end()] + meta + html[head.end():]
