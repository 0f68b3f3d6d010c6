"""Admin pages: users (search, roles, activation, reset links) and ministries by country."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice

from app import ministries as ministry_service
from app.admin import forms, services
from app.auth.forms import country_select_choices
from app.auth.guards import acting_user, roles_required
from app.auth.services import reset_token_for
from app.extensions import db
from app.i18n import country_name, sort_key
from app.links import external_url
from app.models import Ministry, MinistryStatus, Role, User

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@roles_required(Role.ADMIN)
def _admins_only():
    """Every admin page is for administrators only."""


def _ministry_choices() -> list[SelectChoice]:
    locale = str(get_locale())
    ministries = list(db.session.scalars(select(Ministry).where(Ministry.status == MinistryStatus.APPROVED)))
    ministries.sort(key=lambda m: (sort_key(country_name(m.country_code, locale)), sort_key(m.name)))
    return [SelectChoice("", _("No ministry"))] + [
        SelectChoice(m.id, f"{country_name(m.country_code, locale)} — {m.name}") for m in ministries
    ]


def _render_user(user: User, reset_link: str | None = None):
    role_form = forms.RoleForm(role=user.role.value, ministry=user.ministry_id or "")
    role_form.ministry.choices = _ministry_choices()
    return render_template(
        "admin/user.html",
        user=user,
        role_form=role_form,
        active_form=forms.ActiveForm(),
        reset_form=forms.ResetLinkForm(),
        reset_link=reset_link,
    )


@bp.get("/")
def index():
    return redirect(url_for("admin.users"))


@bp.get("/users")
def users():
    """Search and page through accounts."""
    filters = forms.UserFilterForm(request.args)
    role = Role(filters.role.data) if filters.role.data in {r.value for r in Role} else None
    query = services.user_query(filters.q.data or "", role)
    page = db.paginate(query, per_page=current_app.config["ADMIN_PAGE_SIZE"], max_per_page=100, error_out=False)
    return render_template("admin/users.html", filters=filters, page=page)


@bp.get("/users/<int:user_id>")
def user_detail(user_id: int):
    """One account: role, ministry, activation and a reset link to hand over."""
    return _render_user(db.get_or_404(User, user_id))


@bp.post("/users/<int:user_id>/role")
def user_role(user_id: int):
    """Change a user's role (and ministry binding for a focal point)."""
    user = db.get_or_404(User, user_id)
    form = forms.RoleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        changed = services.change_role(acting_user(), user, Role(form.role.data), form.ministry.data)
    except services.AdminError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        if changed:
            flash(_("Role saved. The user's open sessions have been ended."), "success")
        else:
            flash(_("Saved."), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/active")
def user_active(user_id: int):
    """Deactivate or reactivate an account."""
    user = db.get_or_404(User, user_id)
    form = forms.ActiveForm()
    if not form.validate_on_submit() or form.active.data not in ("0", "1"):
        abort(400)
    try:
        services.set_active(acting_user(), user, form.active.data == "1")
    except services.AdminError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(
            _("Account reactivated.") if user.active else _("Account deactivated; the user has been logged out."),
            "success",
        )
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/reset-link")
def user_reset_link(user_id: int):
    """Show a one-time reset link to pass on to the user (when no mail server is set up)."""
    user = db.get_or_404(User, user_id)
    if not forms.ResetLinkForm().validate_on_submit() or not user.active:
        abort(400)
    return _render_user(user, reset_link=external_url("auth.reset_password", token=reset_token_for(user)))


@bp.get("/ministries")
def ministries():
    """Ministries grouped by country, pending "other" entries first."""
    add_form = forms.MinistryAddForm()
    add_form.country.choices = country_select_choices(str(get_locale()))
    return render_template(
        "admin/ministries.html",
        pending=ministry_service.pending_ministries(),
        groups=ministry_service.all_ministry_groups(str(get_locale())),
        members=ministry_service.member_counts(),
        add_form=add_form,
        rename_form=forms.MinistryRenameForm(),
        approve_form=forms.MinistryApproveForm(),
        merge_form=forms.MinistryMergeForm(),
    )


def _ministry_change(change, success_message):
    """Run one ministry change, commit it and say how it went; success_message may use its result."""
    try:
        result = change()
    except ministry_service.MinistryError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(success_message(result) if callable(success_message) else success_message, "success")
    return redirect(url_for("admin.ministries"))


@bp.post("/ministries")
def ministry_add():
    """Add an approved ministry to a country."""
    form = forms.MinistryAddForm()
    form.country.choices = country_select_choices(str(get_locale()))
    if not form.validate_on_submit():
        flash(_("Choose a country and type a name."), "error")
        return redirect(url_for("admin.ministries"))
    return _ministry_change(
        lambda: ministry_service.add_ministry(form.country.data, form.name.data), _("Ministry added.")
    )


@bp.post("/ministries/<int:ministry_id>/rename")
def ministry_rename(ministry_id: int):
    ministry = db.get_or_404(Ministry, ministry_id)
    form = forms.MinistryRenameForm()
    if not form.validate_on_submit():
        flash(_("Type a name."), "error")
        return redirect(url_for("admin.ministries"))
    return _ministry_change(lambda: ministry_service.rename_ministry(ministry, form.name.data), _("Ministry renamed."))


@bp.post("/ministries/<int:ministry_id>/approve")
def ministry_approve(ministry_id: int):
    """Approve a ministry typed in under "other", so others can pick it."""
    ministry = db.get_or_404(Ministry, ministry_id)
    if not forms.MinistryApproveForm().validate_on_submit():
        abort(400)
    return _ministry_change(lambda: ministry_service.approve_ministry(ministry), _("Ministry approved."))


@bp.post("/ministries/<int:ministry_id>/merge")
def ministry_merge(ministry_id: int):
    """Merge a duplicate into another ministry of the same country; its people move over."""
    duplicate = db.get_or_404(Ministry, ministry_id)
    form = forms.MinistryMergeForm()
    if not form.validate_on_submit():
        abort(400)
    if not form.confirm.data:
        flash(_("Tick the box to confirm: merging deletes the duplicate entry."), "error")
        return redirect(url_for("admin.ministries"))
    keep = db.get_or_404(Ministry, form.keep.data)
    return _ministry_change(
        lambda: ministry_service.merge_ministries(duplicate, keep),
        lambda moved: ngettext(
            "Ministries merged; %(num)d person moved to %(name)s.",
            "Ministries merged; %(num)d people moved to %(name)s.",
            moved,
            name=keep.name,
        ),
    )
