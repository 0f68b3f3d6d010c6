"""Account forms; choices that depend on the reader's language are filled in by fill_choices."""

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.i18n import country_choices, language_choices

OTHER_MINISTRY = "other"


def country_select_choices(locale_code: str) -> list[SelectChoice]:
    """ "Choose a country", then every country named and sorted in the reader's language."""
    countries = [SelectChoice(code, name) for code, name in country_choices(locale_code)]
    return [SelectChoice("", _l("Choose a country")), *countries]


def _ministry_id(value):
    if value in (None, "", OTHER_MINISTRY):
        return value or ""
    try:
        return int(value)
    except (TypeError, ValueError):
        return ""


class NewAccountFields(FlaskForm):
    # Declared before ProfileFields: WTForms orders fields by creation, and e-mail comes first.
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class ProfileFields(FlaskForm):
    full_name = StringField(
        _l("Full name, as it should appear on your certificate"),
        validators=[DataRequired(), Length(max=200)],
    )
    country = SelectField(_l("Country"), validators=[DataRequired()])
    ministry = SelectField(_l("Ministry or organisation"), coerce=_ministry_id, validate_choice=False)
    ministry_other = StringField(
        _l("Name of your ministry or organisation, if not listed"), validators=[Optional(), Length(max=200)]
    )
    position = StringField(_l("Position or post"), validators=[Optional(), Length(max=200)])
    preferred_language = SelectField(_l("Preferred language"), validators=[DataRequired()])

    def fill_choices(self) -> None:
        locale = str(get_locale())
        self.country.choices = country_select_choices(locale)
        languages = language_choices(current_app.config["LANGUAGES"])
        self.preferred_language.choices = [SelectChoice(code, name) for code, name in languages]

    def validate_ministry(self, field):
        if field.data == "":
            raise ValidationError(_l('Choose your ministry or organisation, or "Other" and type its name.'))

    def ministry_choice(self) -> tuple[int | None, str]:
        """(ministry id, typed name): the id when one was picked, the name when "other"."""
        if self.ministry.data == OTHER_MINISTRY:
            return None, self.ministry_other.data or ""
        return self.ministry.data, ""


class RegistrationForm(NewAccountFields, ProfileFields):
    submit = SubmitField(_l("Create account"))


class ProfileForm(ProfileFields):
    submit = SubmitField(_l("Save profile"))


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])
    remember = BooleanField(_l("Keep me logged in on this device"))
    submit = SubmitField(_l("Log in"))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=128)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    submit = SubmitField(_l("Send reset link"))


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=128)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )
    submit = SubmitField(_l("Set new password"))


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("Log out"))
