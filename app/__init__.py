"""The application factory: the one place where the platform is wired together."""

import os
from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from app import config as settings
from app.database import configure_engine, database_uri
from app.extensions import babel, compress, csrf, db, limiter, login_manager, migrate
from app.security import add_security_headers, instance_secret_key


def create_app(test_config: dict | None = None) -> Flask:
    """Defaults, then instance/config.py, then the environment (or, in tests, the test mapping)."""
    # Where config.py, the secret key and the SQLite file live (default: instance/ beside app/).
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("MICIC_INSTANCE_PATH")
    if instance_path:
        instance_path = os.path.abspath(instance_path)
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_object(settings.DefaultConfig)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(settings.from_environment())
    else:
        app.config.update(test_config)
    _derive_settings(app)

    _init_extensions(app)
    _register_blueprints(app)
    _register_hooks(app)
    return app


def _derive_settings(app: Flask) -> None:
    config = app.config
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    config.setdefault("SQLALCHEMY_DATABASE_URI", database_uri(config["DATABASE_URL"], app.instance_path))
    config.setdefault("RATELIMIT_STORAGE_URI", config["REDIS_URL"] or "memory://")
    if config["BASE_URL"].startswith("https://"):
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
        config["PREFERRED_URL_SCHEME"] = "https"
    if config["PROXY_FIX_X_FOR"]:
        hops = config["PROXY_FIX_X_FOR"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        database_file = Path(config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
        if database_file.parent.is_dir() and not database_file.exists():
            # It holds password hashes: readable by the server's account only.
            os.close(os.open(database_file, os.O_CREAT | os.O_WRONLY, 0o600))


def _init_extensions(app: Flask) -> None:
    from app.auth.guards import load_user
    from app.i18n import select_locale

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    migrate.init_app(app, db, directory=str(settings.REPO_ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)


def _register_blueprints(app: Flask) -> None:
    from app.admin.views import bp as admin_bp
    from app.auth.views import bp as auth_bp
    from app.authoring.views import bp as authoring_bp
    from app.learn.views import bp as learn_bp
    from app.main.views import bp as main_bp
    from app.quiz.views import bp as quiz_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(authoring_bp)
    app.register_blueprint(learn_bp)
    app.register_blueprint(quiz_bp)


def _register_hooks(app: Flask) -> None:
    from app.cli import register_commands
    from app.errors import register_error_handlers
    from app.templating import register_template_helpers

    register_error_handlers(app)
    register_template_helpers(app)
    register_commands(app)
    app.after_request(add_security_headers)
