"""Admin forms for accounts and ministries."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app.auth.roles import ROLE_LABELS


def _optional_int(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()])
    ministry = SelectField(_l("Ministry (for a focal point)"), coerce=_optional_int, validate_choice=False)
    submit = SubmitField(_l("Save role"))


class ActiveForm(FlaskForm):
    active = HiddenField(validators=[InputRequired()])
    submit = SubmitField()


class ResetLinkForm(FlaskForm):
    submit = SubmitField(_l("Make a one-time password reset link"))


class MinistryAddForm(FlaskForm):
    country = SelectField(_l("Country"), validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Add ministry"))


class MinistryRenameForm(FlaskForm):
    name = StringField(_l("New name"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Rename"))


class MinistryApproveForm(FlaskForm):
    submit = SubmitField(_l("Approve"))


class MinistryMergeForm(FlaskForm):
    keep = IntegerField(_l("Merge into"), validators=[InputRequired()])
    # Merging deletes an entry: the admin ticks a box to say so.
    confirm = BooleanField(_l("Delete this entry and move its people"))
    submit = SubmitField(_l("Merge"))


class UserFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search name or e-mail"), validators=[Optional(), Length(max=200)])
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice("", _l("All roles"))]
        + [SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()],
        validators=[Optional()],
    )
    submit = SubmitField(_l("Search"))
