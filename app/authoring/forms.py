"""Authoring forms: course and file uploads, the file editor, GIFT import, rollback."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from app.content.sources import MAX_FILE_BYTES

EDITOR_ACTIONS = ("preview", "save", "publish", "discard")


class ZipUploadForm(FlaskForm):
    archive = FileField(_l("Course zip file"), validators=[FileRequired(_l("Choose a zip file."))])
    note = StringField(_l("What changed"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Upload and publish"))


class FileUploadForm(FlaskForm):
    file = FileField(_l("Module, quiz or translation file (.md)"), validators=[FileRequired(_l("Choose a file."))])
    note = StringField(_l("What changed"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Upload and publish"))


class GiftImportForm(FlaskForm):
    module = SelectField(_l("Module"), validators=[DataRequired()])
    gift = FileField(_l("GIFT file exported from Moodle"), validators=[FileRequired(_l("Choose a GIFT file."))])
    submit = SubmitField(_l("Import as a draft"))


class EditorForm(FlaskForm):
    text = TextAreaField(_l("Text of the file"), validators=[Length(max=MAX_FILE_BYTES)])
    note = StringField(_l("What changed"), validators=[Optional(), Length(max=500)])
    # The published file's hash when the editor was opened: publishing refuses if it has changed since.
    base = HiddenField()
    # Set by whichever of the form's buttons was pressed (they all have name="action").
    action = HiddenField(validators=[AnyOf(EDITOR_ACTIONS)])


class PreviewForm(FlaskForm):
    text = TextAreaField(validators=[Length(max=MAX_FILE_BYTES)])
    path = HiddenField(validators=[DataRequired()])


class RollbackForm(FlaskForm):
    submit = SubmitField(_l("Roll back to this version"))
