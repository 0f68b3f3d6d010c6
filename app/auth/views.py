"""Account pages: register, log in and out, profile, password change and reset."""

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth import forms, services
from app.auth.emails import email_reset_link
from app.auth.guards import acting_user, login_required
from app.auth.redirects import safe_next
from app.extensions import db, limiter
from app.mail import mail_configured
from app.ministries import MinistryError, ministry_groups

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _account_key() -> str:
    return "login-account:" + services.normalize_email(request.form.get("email", ""))[:254]


def _login_failed(_response) -> bool:
    return bool(g.get("login_failed"))


def _profile_from(form: forms.ProfileFields) -> services.Profile:
    ministry_id, other = form.ministry_choice()
    return services.Profile(
        full_name=form.full_name.data or "",
        country_code=form.country.data or "",
        ministry_id=ministry_id,
        ministry_other=other,
        position=form.position.data or "",
        preferred_language=form.preferred_language.data or "en",
    )


def _render_profile_form(template: str, form, pending_id=None, **context):
    return render_template(template, form=form, ministries=ministry_groups(str(get_locale()), pending_id), **context)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRATION_LIMIT"], methods=["POST"])
def register():
    """Create a learner account and log it in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = forms.RegistrationForm()
    form.fill_choices()
    if form.validate_on_submit():
        try:
            user = services.register_user(form.email.data, form.password.data, _profile_from(form))
        except (services.AccountError, MinistryError) as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            login_user(user)
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(url_for("main.home"))
    return _render_profile_form("auth/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_CLIENT"], methods=["POST"], deduct_when=_login_failed)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_account_key,
    methods=["POST"],
    deduct_when=_login_failed,
)
def login():
    """Log in with e-mail and password; the same message for every failure."""
    form = forms.LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None and user.active:
            services.record_login(user)
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), url_for("main.home")))
        g.login_failed = True
        db.session.rollback()
        if user is not None:
            flash(_("This account has been deactivated. Contact your administrator."), "error")
        else:
            flash(_("The e-mail address or password is not correct."), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Log out here and invalidate every copy of this session's cookies."""
    form = forms.LogoutForm()
    if form.validate_on_submit():
        services.log_out_everywhere(acting_user())
        db.session.commit()
        logout_user()
        flash(_("You have logged out."), "success")
    return redirect(url_for("main.home"))


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Edit one's own name, country, ministry, post and language."""
    user = acting_user()
    form = forms.ProfileForm(obj=user)
    form.fill_choices()
    if not form.is_submitted():
        # The form's names differ from the model's (country_code, ministry_id).
        form.country.data = user.country_code
        form.ministry.data = user.ministry_id or ""
    if form.validate_on_submit():
        try:
            services.update_profile(user, _profile_from(form))
        except (services.AccountError, MinistryError) as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            # The language just saved wins over an earlier choice made with the switcher.
            session["lang"] = user.preferred_language
            flash(_("Your profile has been saved."), "success")
            return redirect(url_for("auth.profile"))
    return _render_profile_form("auth/profile.html", form, pending_id=user.ministry_id, user=user)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's password; other devices are logged out."""
    user = acting_user()
    form = forms.PasswordChangeForm()
    if form.validate_on_submit():
        try:
            services.change_password(user, form.current_password.data, form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            # The session token changed: log this device in again (keeping "remember me") so only
            # the other devices are logged out.
            login_user(user, remember="remember_token" in request.cookies)
            flash(_("Your password has been changed. Other devices have been logged out."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/password.html", form=form)


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_REQUEST_LIMIT"], methods=["POST"])
def forgot_password():
    """Send a reset link by e-mail; the answer is the same whether the account exists or not."""
    form = forms.ForgotPasswordForm()
    if not mail_configured(current_app.config):
        return render_template("auth/forgot.html", form=None)
    if form.validate_on_submit():
        user = services.find_user_by_email(form.email.data)
        if user is not None and user.active:
            email_reset_link(user)
        flash(_("If an account exists for that address, a reset link is on its way."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password with a valid one-time link."""
    user = services.user_for_reset_token(token)
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.set_password(user, form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            logout_user()
            flash(_("Your new password is set. You can log in now."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)
