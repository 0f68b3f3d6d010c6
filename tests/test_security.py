import re

import pytest

from app.models import Role
from tests.conftest import post_form


def test_every_page_carries_the_security_headers(client):
    for path in ("/", "/auth/login", "/auth/register", "/healthz", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_script_or_style(app):
    from pathlib import Path

    for template in Path(app.root_path, "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), f"inline script in {template}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"event handler attribute in {template}"
        assert not re.search(r"\sstyle\s*=|<style", text), f"inline style in {template}"


@pytest.mark.parametrize("status", [400, 403, 404, 405, 413, 429, 500])
def test_error_pages_are_friendly_and_show_no_internals(make_app, status):
    # As in production: an exception becomes the 500 page instead of reaching the test.
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        if status == 500:
            raise RuntimeError("secret internal detail")
        from flask import abort

        abort(status)

    response = app.test_client().get("/boom")
    assert response.status_code == status
    body = response.get_data(as_text=True)
    assert '<html lang="en"' in body
    assert "Traceback" not in body and "secret internal detail" not in body
    assert "Go to the home page" in body


def test_too_large_request_gets_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/auth/login", data={"email": "x" * 5000})
    assert response.status_code == 413


def test_secure_cookies_when_served_over_https(make_app):
    app = make_app(BASE_URL="https://learning.iom.example")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    response = app.test_client().get("/auth/login", base_url="https://learning.iom.example")
    assert "Secure" in response.headers["Set-Cookie"]


def test_csrf_token_from_another_session_is_refused(app, client, make_user):
    user = make_user()
    other = app.test_client()
    from tests.conftest import csrf_token

    foreign_token = csrf_token(other, "/auth/login")
    response = client.post("/auth/login", data={"email": user.email, "password": "x", "csrf_token": foreign_token})
    assert response.status_code == 400


def test_logout_needs_a_post_with_csrf(client, login_as):
    login_as()
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/auth/profile").status_code == 200
    post_form(client, "/auth/logout")
    assert client.get("/auth/profile").status_code == 302


def test_learner_reaching_admin_pages_gets_the_friendly_403(client, login_as):
    login_as()
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert "Not allowed" in response.get_data(as_text=True)


def test_logged_in_pages_are_not_stored_and_https_gets_hsts(make_app, client, login_as):
    assert "Cache-Control" not in client.get("/").headers or "no-store" not in client.get("/").headers["Cache-Control"]
    login_as()
    assert client.get("/auth/profile").headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = make_app(BASE_URL="https://learning.iom.example")
    response = secure.test_client().get("/", base_url="https://learning.iom.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_static_files_have_hashed_urls_and_long_caching(client):
    page = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/static/style\.css\?v=[0-9a-f]{10})"', page)
    assert css, "stylesheet link without a content hash"
    response = client.get(css.group(1))
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    response.close()


def test_unusual_http_errors_get_the_platform_page(app, client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "Method not allowed" in response.get_data(as_text=True)
    assert "Go to the home page" in response.get_data(as_text=True)


def test_no_two_elements_share_an_id(client, login_as):
    login_as(role=Role.ADMIN)
    for path in ("/", "/auth/profile", "/admin/users", "/admin/ministries", "/auth/register"):
        ids = re.findall(r'\sid="([^"]+)"', client.get(path).get_data(as_text=True))
        assert len(ids) == len(set(ids)), (path, sorted({i for i in ids if ids.count(i) > 1}))


def test_forms_work_behind_an_https_proxy(make_app, make_user):
    app = make_app(BASE_URL="https://learning.iom.example", PROXY_FIX_X_FOR=1)
    client = app.test_client()
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "learning.iom.example", "X-Forwarded-For": "203.0.113.9"}
    page = client.get("/auth/login", headers=proxy, base_url="http://127.0.0.1:8000").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    headers = proxy | {"Referer": "https://learning.iom.example/auth/login"}
    response = client.post(
        "/auth/login",
        data={"email": "nobody@gov.example", "password": "wrong-password-x", "csrf_token": token},
        headers=headers,
        base_url="http://127.0.0.1:8000",
    )
    assert response.status_code == 200  # the form was accepted (and the login refused), not a CSRF 400
    assert "not correct" in response.get_data(as_text=True)
