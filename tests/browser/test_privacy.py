"""Private: loading and using every page makes no request to any host but the one serving the site."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from crawl import answer_some, search, site_pages


def test_every_page_requests_only_its_own_host(context, built_site, site_url):
    requests, pending = [], []
    context.on("request", lambda r: (requests.append(r.url), pending.append(r)))
    page = context.new_page()
    own = urlsplit(site_url).netloc
    answered = 0
    for path in site_pages(built_site):
        page.goto(site_url + path, wait_until="networkidle")
        answered += answer_some(page)
        expect(search(page, "migrants")).to_contain_text(re.compile(r"\d+ matching document"))  # a local index
        while pending:  # every request the page started has ended (Request.response() waits for it)
            pending.pop().response()
    assert answered > 50
    foreign = sorted({u for u in requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own})
    assert foreign == []
    assert len(requests) > len(site_pages(built_site))
