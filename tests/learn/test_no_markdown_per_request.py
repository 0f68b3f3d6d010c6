"""A lesson page serves the HTML stored at publication: no Markdown runs per request."""

import markdown

from tests.learn.conftest import MODULE_01, MODULE_02, SLUG


def test_module_pages_never_run_markdown(client, learner, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("Markdown ran during a page request")

    monkeypatch.setattr(markdown.Markdown, "convert", refuse)
    monkeypatch.setattr("app.content.render.render_markdown", refuse)
    for path in (f"/learn/{SLUG}", f"/learn/{SLUG}/{MODULE_01}", f"/learn/{SLUG}/{MODULE_02}", "/learn/dashboard"):
        response = client.get(path)
        assert response.status_code == 200, path
    page = client.get(f"/learn/{SLUG}/{MODULE_01}").get_data(as_text=True)
    assert '<aside class="callout callout-key-point" role="note">' in page
