from sqlalchemy import func, select

from app.extensions import db
from app.models import Ministry, Role, User


def test_users_create_reads_the_password_from_stdin(app, runner):
    result = runner.invoke(
        args=["users", "create", "Chief@IOM.example", "--role", "admin", "--name", "Claire Dubois"],
        input="amber-compass-meadow-58\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created admin chief@iom.example." in result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "chief@iom.example"))
        assert user.role == Role.ADMIN
        assert user.full_name == "Claire Dubois"


def test_users_create_refuses_a_weak_password_and_writes_nothing(app, runner):
    result = runner.invoke(args=["users", "create", "x@iom.example"], input="password\n")
    assert result.exit_code == 1
    assert "at least 10 characters" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_users_create_refuses_a_duplicate(app, runner, make_user):
    make_user(email="x@iom.example")
    result = runner.invoke(args=["users", "create", "x@iom.example"], input="amber-compass-meadow-58\n")
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_demo_builds_a_realistic_population_and_can_run_twice(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        learners = db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.LEARNER))
        countries = db.session.scalar(select(func.count(func.distinct(Ministry.country_code))))
        focal_points = list(db.session.scalars(select(User).where(User.role == Role.FOCAL_POINT)))
        names = set(db.session.scalars(select(User.full_name)))
    assert learners == 40
    assert countries >= 4
    assert focal_points
    assert all(fp.ministry_id for fp in focal_points)
    assert {"王芳", "Дилшод Каримов", "أحمد حسن"} <= names
    assert "shown once" in result.output
    again = runner.invoke(args=["demo"])
    assert "0 accounts created" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.LEARNER)) == 40


def test_setup_creates_starter_ministries_and_first_admin_once(app, runner):
    with app.app_context():
        db.drop_all()
    app.config.update(ADMIN_EMAIL="chief@iom.example", ADMIN_PASSWORD="")
    result = runner.invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    assert "Created the first administrator: chief@iom.example" in result.output
    assert "shown once" in result.output
    with app.app_context():
        pairs = {tuple(row) for row in db.session.execute(select(Ministry.country_code, Ministry.name))}
    assert ("UZ", "Ministry of Emergency Situations") in pairs
    assert ("CN", "Ministry of Civil Affairs") in pairs
    assert ("US", "Department of State") in pairs
    second = runner.invoke(args=["setup"])
    assert "Created the first administrator" not in second.output
    with app.app_context():
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()


def test_a_focal_point_needs_a_ministry(app, runner, make_ministry):
    refused = runner.invoke(
        args=["users", "create", "fp@gov.example", "--role", "focal_point"], input="amber-compass-meadow-58\n"
    )
    assert refused.exit_code == 1
    assert "must be bound to a ministry" in refused.output
    ministry = make_ministry("UZ", "Ministry of Emergency Situations")
    args = ["users", "create", "fp@gov.example", "--role", "focal_point", "--ministry", str(ministry.id)]
    created = runner.invoke(args=args, input="amber-compass-meadow-58\n")
    assert created.exit_code == 0, created.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "fp@gov.example"))
        assert (user.ministry_id, user.country_code) == (ministry.id, "UZ")


def test_the_database_refuses_a_focal_point_without_a_ministry(app):
    from sqlalchemy.exc import IntegrityError

    with app.app_context():
        db.session.add(User(email="x@gov.example", password_hash="x", full_name="X", role=Role.FOCAL_POINT))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
        else:
            raise AssertionError("a focal point without a ministry was stored")


def test_demo_refuses_a_database_with_real_accounts(app, runner, make_user):
    make_user(email="real.official@dfa.gov.example")
    refused = runner.invoke(args=["demo"])
    assert refused.exit_code == 1
    assert "real accounts" in refused.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1
