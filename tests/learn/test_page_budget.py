"""A module page reaches a slow connection small: gzip-compressed page and stylesheet within 30 kB, no script needed."""

import gzip
import re

import pytest

from tests.learn.conftest import MODULE_01, MODULE_02, SLUG

BUDGET = 30 * 1024
GZIP = {"Accept-Encoding": "gzip"}
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')


def fetch(client, url):
    """The response as a gzip-accepting client receives it (read and closed: static files are streamed)."""
    with client.get(url, headers=GZIP) as response:
        assert response.status_code == 200, url
        assert "Accept-Encoding" in response.headers["Vary"]
        response.get_data()
    return response


def stylesheet_url(client) -> str:
    return STYLESHEET.search(client.get("/").get_data(as_text=True)).group(1)


@pytest.mark.parametrize("module_key", [MODULE_01, MODULE_02])
def test_module_page_and_stylesheet_fit_in_30_kb(client, learner, module_key):
    page = fetch(client, f"/learn/{SLUG}/{module_key}")
    assert page.headers["Content-Encoding"] == "gzip"
    assert "<h1>" in gzip.decompress(page.data).decode()
    # Measured as sent: compressed when the server compresses it (see the test below), else whole.
    stylesheet = fetch(client, stylesheet_url(client))
    assert len(page.data) + len(stylesheet.data) <= BUDGET, (len(page.data), len(stylesheet.data))


def test_stylesheet_is_gzip_compressed(client):
    stylesheet = fetch(client, stylesheet_url(client))
    assert stylesheet.headers.get("Content-Encoding") == "gzip"
    assert b"{" in gzip.decompress(stylesheet.data)


def test_module_page_needs_no_script_to_be_read(client, learner):
    html = client.get(f"/learn/{SLUG}/{MODULE_01}").get_data(as_text=True)
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert len(scripts) == 1
    assert re.fullmatch(r'<script src="/static/app\.js\?v=[0-9a-f]+" defer>', scripts[0]), scripts
    assert "</script>" in html and re.search(r"<script\b[^>]*>\s*</script>", html)  # nothing inline
    assert not re.search(r"<[^>]*\son\w+\s*=", html)  # no onclick= and the like
    assert "Why it matters" in html
