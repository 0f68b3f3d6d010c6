"""Who may use the authoring pages: trainers and administrators; everyone else is refused and changes nothing."""

import pytest

from app.models import Role
from tests.authoring.conftest import MODULE_02, QUIZ_02, SLUG, sample_files, snapshot, upload
from tests.conftest import post_form

GET_URLS = [
    "/authoring/",
    f"/authoring/{SLUG}",
    f"/authoring/{SLUG}/download",
    f"/authoring/{SLUG}/diff",
    f"/authoring/{SLUG}/edit?path={MODULE_02}",
    f"/authoring/{SLUG}/gift-export?path={QUIZ_02}",
]
GIFT = b"::q1:: Migrants should be included in contingency planning. {T}\n"


def post_requests():
    """(url, form data) for every form; built per call because file fields are read once."""
    return [
        ("/authoring/", {"archive": upload(b"not a zip", "course.zip")}),
        (f"/authoring/{SLUG}/rollback/1", {}),
        (f"/authoring/{SLUG}/edit?path={MODULE_02}", {"text": "---\nid: x\n---\n", "action": "save"}),
        (f"/authoring/{SLUG}/preview", {"text": "# Hi", "path": MODULE_02}),
        (f"/authoring/{SLUG}/upload", {"file": upload(sample_files()[MODULE_02] + b"\nMore.\n", MODULE_02)}),
        (f"/authoring/{SLUG}/gift-import", {"module": "warn-in-languages", "gift": upload(GIFT, "bank.gift")}),
    ]


def test_every_authoring_route_is_in_this_file(app):
    """A new authoring page must be added to the lists above, so its access is checked too."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("authoring."):
            path = rule.rule.replace("<slug>", SLUG).replace("<int:number>", "1")
            routes.update((method, path) for method in rule.methods - {"HEAD", "OPTIONS"})
    checked = {("GET", url.split("?")[0]) for url in GET_URLS} | {("POST", u.split("?")[0]) for u, _ in post_requests()}
    assert routes == checked


def test_anonymous_visitor_is_sent_to_log_in(app, client, sample_course):
    before = snapshot(app)
    for url in GET_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/auth/login"), url
    for url, data in post_requests():
        response = post_form(client, url, data)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/auth/login"), url
    assert snapshot(app) == before


@pytest.mark.parametrize("role", [Role.LEARNER, Role.FOCAL_POINT])
def test_learners_and_focal_points_get_403_and_change_nothing(app, client, login_as, sample_course, role):
    login_as(role)
    before = snapshot(app)
    for url in GET_URLS:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Not allowed" in response.get_data(as_text=True), url
    for url, data in post_requests():
        assert post_form(client, url, data).status_code == 403, url
    assert snapshot(app) == before
    assert "/authoring/" not in client.get("/").get_data(as_text=True)  # no menu link either


@pytest.mark.parametrize("role", [Role.TRAINER, Role.ADMIN])
def test_trainers_and_admins_open_every_page(client, login_as, sample_course, role):
    login_as(role)
    assert 'href="/authoring/"' in client.get("/").get_data(as_text=True)  # the "Authoring" menu link
    for url in GET_URLS:
        assert client.get(url).status_code == 200, url


def test_post_without_csrf_token_is_refused_and_writes_nothing(app, client, trainer, sample_course):
    before = snapshot(app)
    for url, data in post_requests():
        response = client.post(url, data=data)
        assert response.status_code == 400, url
        assert "The form had expired" in response.get_data(as_text=True), url
    assert snapshot(app) == before


def test_unknown_course_or_version_is_404(client, trainer, sample_course):
    assert client.get("/authoring/no-such-course").status_code == 404
    assert client.get(f"/authoring/{SLUG}/download?version=9").status_code == 404
    assert client.get(f"/authoring/{SLUG}/diff?from=1&to=9").status_code == 404
    assert post_form(client, f"/authoring/{SLUG}/rollback/9").status_code == 404
    assert client.get(f"/authoring/{SLUG}/gift-export?path=final.quiz.fr.md").status_code == 404
