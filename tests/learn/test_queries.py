"""The learner's pages run a fixed number of SQL statements, however many courses and modules there are."""

import pytest

from tests.learn.conftest import MODULE_01, MODULE_02, SLUG, complete, course_copy, enrol, publish, statements


@pytest.fixture
def many_modules(app, client, learner, tmp_path):
    """A second course with ten modules (03..10 copies of module 02, each with its quiz), enrolled, one done."""
    slug = publish(app, course_copy(tmp_path, "sample-many", extra_modules=8))
    enrol(client, slug)
    complete(client, MODULE_01, slug)
    complete(client, MODULE_01)
    return slug


def test_the_long_course_has_ten_modules(client, many_modules):
    html = client.get(f"/learn/{many_modules}").get_data(as_text=True)
    assert html.count('class="module-row"') == 10
    assert html.count("with a quiz") == 9
    assert "10% complete" in html


def test_dashboard_statements_do_not_grow_with_courses(app, client, learner, tmp_path):
    complete(client, MODULE_01)
    one_course = statements(app, client, "/learn/dashboard")
    for slug in ("sample-two", "sample-three"):
        publish(app, course_copy(tmp_path, slug))
        enrol(client, slug)
        complete(client, MODULE_01, slug)
    html = client.get("/learn/dashboard").get_data(as_text=True)
    assert html.count("50% complete") == 3
    assert statements(app, client, "/learn/dashboard") == one_course


def test_catalog_statements_do_not_grow_with_courses(app, client, sample_course, tmp_path):
    one_course = statements(app, client, "/learn/")
    for slug in ("sample-two", "sample-three"):
        publish(app, course_copy(tmp_path, slug, extra_modules=3))
    assert statements(app, client, "/learn/") == one_course


def test_course_page_statements_do_not_grow_with_modules(app, client, many_modules):
    assert statements(app, client, f"/learn/{many_modules}") == statements(app, client, f"/learn/{SLUG}")


@pytest.mark.parametrize(
    ("short_course_module", "long_course_module"),
    [(MODULE_01, MODULE_01), (MODULE_02, MODULE_02), (MODULE_02, "warn-again-7"), (MODULE_02, "warn-again-10")],
)
def test_module_page_statements_do_not_grow_with_modules(
    app, client, many_modules, short_course_module, long_course_module
):
    short = statements(app, client, f"/learn/{SLUG}/{short_course_module}")
    assert statements(app, client, f"/learn/{many_modules}/{long_course_module}") == short
