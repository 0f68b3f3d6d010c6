from sqlalchemy import func, select

from app.extensions import db
from app.models import Ministry, MinistryStatus, Role, User
from tests.conftest import post_form

STRONG = "quiet-river-lantern-42"


def registration(**overrides):
    data = {
        "email": "ana.reyes@dfa.gov.example",
        "password": STRONG,
        "confirm": STRONG,
        "full_name": "Ana Reyes",
        "country": "PH",
        "ministry": "",
        "ministry_other": "",
        "position": "Vice Consul",
        "preferred_language": "es",
    }
    data.update(overrides)
    return data


def register(client, **overrides):
    return post_form(client, "/auth/register", registration(**overrides), token_from="/auth/register")


def count_users(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_registration_creates_a_logged_in_learner(app, client, make_ministry):
    dfa = make_ministry("PH", "Department of Foreign Affairs")
    response = register(client, ministry=str(dfa.id))
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    # The learner chose Spanish: the welcome is in Spanish, the name kept as typed.
    assert '<html lang="es"' in page
    assert "<bdi>Ana Reyes</bdi>" in page
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "ana.reyes@dfa.gov.example"
        assert user.role == Role.LEARNER
        assert user.ministry_id == dfa.id
        assert user.country_code == "PH"
        assert user.preferred_language == "es"
        assert user.password_hash.startswith("$argon2id$")
        assert STRONG not in user.password_hash


def test_names_in_any_script_are_kept_exactly(app, client, make_ministry):
    mfa = make_ministry("CN", "Ministry of Foreign Affairs")
    for n, name in enumerate(["王芳", "Дилшод Каримов", "ليلى منصور", "José Müller-Ñúñez"]):
        client = app.test_client()
        assert (
            register(client, email=f"p{n}@gov.example", full_name=name, country="CN", ministry=str(mfa.id)).status_code
            == 302
        )
    with app.app_context():
        names = set(db.session.scalars(select(User.full_name)))
    assert names == {"王芳", "Дилшод Каримов", "ليلى منصور", "José Müller-Ñúñez"}


def test_bidi_override_characters_are_removed_from_names(app, client, make_ministry):
    ministry = make_ministry("EG")
    register(client, full_name="\u202eAhmed\u202c  Hassan\u200f", country="EG", ministry=str(ministry.id))
    with app.app_context():
        assert db.session.scalar(select(User.full_name)) == "Ahmed Hassan"


def test_duplicate_email_is_refused_and_nothing_written(app, client, make_user, make_ministry):
    make_user(email="ana.reyes@dfa.gov.example")
    ministry = make_ministry("PH")
    response = register(client, email="ANA.REYES@dfa.gov.example", ministry=str(ministry.id))
    assert response.status_code == 200
    assert "already exists" in response.get_data(as_text=True)
    assert count_users(app) == 1


def test_weak_or_short_passwords_are_refused(app, client, make_ministry):
    ministry = make_ministry("PH")
    for weak, message in [
        ("short1", "at least 10 characters"),
        ("password123", "too common"),
        ("qwertyuiop", "too common"),
        ("ana.reyes@dfa", "name or e-mail address"),
        ("Reyes-Ana-2026x", "name or e-mail address"),
    ]:
        response = register(client, password=weak, confirm=weak, ministry=str(ministry.id))
        assert message in response.get_data(as_text=True), weak
    assert count_users(app) == 0


def test_mismatched_confirmation_is_refused(app, client, make_ministry):
    ministry = make_ministry("PH")
    response = register(client, confirm="something-else-entirely-9", ministry=str(ministry.id))
    assert "The two passwords differ." in response.get_data(as_text=True)
    assert count_users(app) == 0


def test_ministry_of_another_country_is_refused(app, client, make_ministry):
    chinese = make_ministry("CN", "Ministry of Civil Affairs")
    response = register(client, country="PH", ministry=str(chinese.id))
    assert "Choose a ministry of the selected country." in response.get_data(as_text=True)
    assert count_users(app) == 0


def test_unknown_country_is_refused(app, client, make_ministry):
    response = register(client, country="XX", ministry="other", ministry_other="Ministry of Truth")
    assert response.status_code == 200
    assert count_users(app) == 0


def test_other_ministry_is_kept_pending_for_an_admin(app, client):
    response = register(client, ministry="other", ministry_other="  Office of   Migrant Affairs ")
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.ministry.name == "Office of Migrant Affairs"
        assert user.ministry.status == MinistryStatus.PENDING
        assert user.ministry.country_code == "PH"


def test_other_ministry_matching_an_existing_one_reuses_it(app, client, make_ministry):
    dfa = make_ministry("PH", "Department of Foreign Affairs")
    register(client, ministry="other", ministry_other="department of foreign affairs")
    with app.app_context():
        assert db.session.scalar(select(User.ministry_id)) == dfa.id
        assert db.session.scalar(select(func.count()).select_from(Ministry)) == 1


def test_other_without_a_name_is_refused(app, client):
    response = register(client, ministry="other", ministry_other="")
    assert "Type the name of your ministry" in response.get_data(as_text=True)
    assert count_users(app) == 0


def test_pending_ministries_are_not_offered_to_others(app, client, make_ministry):
    make_ministry("PH", "Typo Departmnet", status=MinistryStatus.PENDING)
    make_ministry("PH", "Department of Foreign Affairs")
    page = client.get("/auth/register").get_data(as_text=True)
    assert "Department of Foreign Affairs" in page
    assert "Typo Departmnet" not in page


def test_country_names_come_from_babel_in_the_page_language(client):
    english = client.get("/auth/register").get_data(as_text=True)
    assert ">Philippines</option>" in english
    assert ">Uzbekistan</option>" in english
    french = client.get("/auth/register", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert ">Ouzbékistan</option>" in french
    assert ">European Union<" not in english


def test_missing_csrf_token_is_refused_and_nothing_written(app, client):
    response = client.post("/auth/register", data=registration(ministry="other", ministry_other="X"))
    assert response.status_code == 400
    assert "expired or was sent from another site" in response.get_data(as_text=True)
    assert count_users(app) == 0


def test_logged_in_user_is_sent_home_from_register(client, login_as):
    login_as()
    response = client.get("/auth/register")
    assert response.status_code == 302


def test_rejected_form_lists_its_problems_at_the_top_with_links(client):
    page = register(client, email="not-an-email", full_name="").get_data(as_text=True)
    summary = page[page.index('class="error-summary"') : page.index("</ul>", page.index('class="error-summary"'))]
    assert 'role="alert"' in page
    assert 'href="#email"' in summary
    assert 'href="#full_name"' in summary
    assert "csrf" not in summary


def test_someone_elses_pending_ministry_cannot_be_chosen(app, client, make_ministry):
    pending = make_ministry("PH", "Office typed by someone else", status=MinistryStatus.PENDING)
    response = register(client, ministry=str(pending.id))
    assert "Choose a ministry of the selected country." in response.get_data(as_text=True)
    assert count_users(app) == 0
