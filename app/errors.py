"""Error pages for 400/403/404/405/413/429/500, with no internals shown."""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back, reload the page and try again.")),
    403: (
        _l("Not allowed"),
        _l("Your account does not have access to this page. If you think it should, contact your administrator."),
    ),
    404: (
        _l("Page not found"),
        _l("There is no page at this address. Check the link, or start again from the home page."),
    ),
    405: (_l("Method not allowed"), _l("This page cannot be used that way.")),
    413: (_l("File too large"), _l("The file you sent is larger than the platform accepts.")),
    429: (_l("Too many attempts"), _l("Too many attempts in a short time. Wait a few minutes and try again.")),
    500: (
        _l("Something went wrong"),
        _l("The platform hit an error. It has been logged; please try again in a moment."),
    ),
}


GENERIC = (_l("Request not handled"), _l("The platform could not handle this request. Go back and try again."))


def render_error(status: int, detail: str | None = None):
    title, message = MESSAGES.get(status, GENERIC)
    if request.accept_mimetypes.best == "application/json":
        return {"error": str(title), "status": status}, status
    return render_template("errors/error.html", status=status, title=title, message=detail or message), status


def register_error_handlers(app) -> None:
    def handle_http(error):
        if error.code is None or error.code < 400:  # redirects raised by routing pass through
            return error
        return render_error(error.code)

    # Every HTTP error (415, 431...) gets the platform's page, not Werkzeug's.
    app.register_error_handler(HTTPException, handle_http)

    @app.errorhandler(CSRFError)
    def handle_csrf(_error):
        return render_error(
            400, str(_l("The form had expired or was sent from another site. Reload the page and try again."))
        )

    @app.errorhandler(500)
    def handle_server_error(_error):
        db.session.rollback()
        return render_error(500)
