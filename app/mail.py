"""Outgoing e-mail over SMTP (verified TLS), sent from a small background pool so no request waits."""

import logging
import smtplib
import ssl
from concurrent.futures import Future, ThreadPoolExecutor, wait
from email.message import EmailMessage

log = logging.getLogger(__name__)
_pool: ThreadPoolExecutor | None = None
_pending: set[Future] = set()


def mail_configured(config) -> bool:
    return bool(config.get("MAIL_SERVER"))


def send_mail(config, to: str, subject: str, body: str) -> None:
    """Send a plain-text message; raises OSError/SMTPException when the server refuses it."""
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def send_in_background(config, to: str, subject: str, body: str) -> None:
    """Queue a message: the request answers at once, whether or not an e-mail goes out (no enumeration)."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mail")
    settings = {key: config[key] for key in config if key.startswith("MAIL_")}
    future = _pool.submit(_send_logged, settings, to, subject, body)
    _pending.add(future)
    future.add_done_callback(_pending.discard)


def _send_logged(settings, to, subject, body) -> None:
    try:
        send_mail(settings, to, subject, body)
    except Exception:  # a background thread has nobody to raise to: log every failure
        log.exception("e-mail to a user at %s could not be sent", to.split("@")[-1])


def wait_for_outbox(timeout: float = 10) -> None:
    """Block until queued messages are sent (for tests and orderly shutdown)."""
    wait(list(_pending), timeout=timeout)
