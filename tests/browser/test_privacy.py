"""Private: loading and using every page makes no request to any host but the one serving the site."""
from __future__ import annotations

from urllib.parse import urlsplit

from crawl import answer_some, site_pages


def test_every_page_requests_only_its_own_host(context, built_site, site_url):
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    own = urlsplit(site_url).netloc
    answered = 0
    for path in site_pages(built_site):
        page.goto(site_url + path, wait_until="networkidle")
        answered += answer_some(page)
        page.get_by_role("textbox", name="Search").fill("migrants")  # the search index is local too
        page.wait_for_timeout(150)
    assert answered > 50
    foreign = sorted({u for u in requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own})
    assert foreign == []
    assert len(requests) > len(site_pages(built_site))
