"""Absolute links for e-mails and hand-outs, built from BASE_URL, never from the request's Host."""

from flask import current_app, url_for


def external_url(endpoint: str, **values) -> str:
    # A forged Host header must not be able to point a password-reset e-mail at another site.
    return current_app.config["BASE_URL"].rstrip("/") + url_for(endpoint, **values)
