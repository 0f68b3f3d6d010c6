"""Outgoing e-mail over SMTP, when a mail server is configured."""

import smtplib
from email.message import EmailMessage


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
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
