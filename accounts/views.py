from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts import services
from accounts.auth import phone_backend_path
from accounts.forms import LoginForm, PhoneCodeForm, PhonePasswordResetForm, PhoneSignUpForm, SignUpForm
from accounts.models import PhoneCodePurpose, Role
from core.errors import DomainError

ROLE_LANDING = {Role.STATION_OPERATOR: "villages:my_station", Role.FARMER: "shops:my_shops"}


def sign_up(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_sign_up(
                username=data["username"],
                password=data["password1"],
                role=data["role"],
                email=data["email"],
                home_village=data["home_village"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])  # the password backend
            messages.success(request, _("Welcome to Taocun, %(name)s!") % {"name": user.username})
            return redirect("home")
    return render(request, "accounts/sign_up.html", {"form": form})


def landing_url(user) -> str:
    """Without a ?next=, each role lands where its work is: operators on their station, farmers on their
    shops, admins on certification (url names only: accounts imports no higher app)."""
    landing = "certification:dashboard" if user.is_admin else ROLE_LANDING.get(user.role)
    return reverse(landing) if landing else ""


class LoginView(auth_views.LoginView):
    """Django's login with a lockout after repeated failures (accounts.services: account, account and address,
    address)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        try:
            # Counted before the password is checked: concurrent guesses past the limit are refused unchecked.
            self.attempt = services.login_attempt_count(username=username, client_ip=services.client_ip_of(request))
        except services.LoginLocked as locked:
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, locked.detail)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return landing_url(self.request.user) or super().get_default_redirect_url()

    def form_valid(self, form):
        services.login_attempt_succeeded(self.attempt)
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response


@require_POST
def language_switch(request):
    """Switch the interface language; remembered on the account when logged in."""
    response = set_language(request)
    if request.user.is_authenticated:
        services.user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


def profile(request):
    return render(request, "accounts/profile.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the e-mailed link also lifts a login lockout: the owner's way back in."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_lockout_clear(user=form.user)
        services.api_tokens_revoke(user=form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """A new password also revokes the API token: whoever else held it is out (this session stays)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.api_tokens_revoke(user=form.user)
        return response


# --- by mobile number and SMS code: one page per use, two buttons (ask for a code, use it), no JavaScript needed


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def _phone_page(request, *, form_class, purpose: str, template: str, use):
    """Render a phone-code page; on `send`, ask for a code; otherwise let `use(form)` spend it (it returns the
    response, or raises a DomainError / ValidationError shown on the form)."""
    sending = request.POST.get("action") == "send"
    form = form_class(request.POST or None, sending=sending, initial={"phone": request.GET.get("phone", "")})
    status, sent = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            if sending:
                sent = services.phone_code_send(
                    phone=form.cleaned_data["phone"],
                    purpose=purpose,
                    client_ip=services.client_ip_of(request),
                    user=request.user if purpose == PhoneCodePurpose.VERIFY else None,
                )
            else:
                return use(form)
        except DomainError as error:
            status = error.status_code if error.status_code in (429, 503) else 200
            for field, errors in error.fields.items():
                form.add_error(field if field in form.fields else None, errors)
            if not error.fields:
                form.add_error("code" if isinstance(error, services.PhoneCodeInvalid) else None, error.detail)
        except ValidationError as error:
            errors_by_field = error.message_dict if hasattr(error, "error_dict") else {"password1": error.messages}
            for field, errors in errors_by_field.items():
                form.add_error(field if field in form.fields else None, errors)
    context = {"form": form, "sent": sent, "next": _next_url(request)}
    return render(request, template, context, status=status)


def _logged_in(request, user, *, message: str = ""):
    login(request, user, backend=phone_backend_path())
    if message:
        messages.success(request, message)
    response = redirect(_next_url(request) or landing_url(user) or settings.LOGIN_REDIRECT_URL)
    if user.preferred_language:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax")
    return response


def phone_login(request):
    """Log in with a mobile number and a code sent to it."""
    if request.user.is_authenticated:
        return redirect("home")

    def use(form):
        user = services.phone_log_in(
            phone=form.cleaned_data["phone"], code=form.cleaned_data["code"], client_ip=services.client_ip_of(request)
        )
        return _logged_in(request, user)

    return _phone_page(
        request, form_class=PhoneCodeForm, purpose=PhoneCodePurpose.LOGIN, template="accounts/phone_login.html", use=use
    )


def phone_sign_up(request):
    """Sign up with a mobile number and a code sent to it (no password needed)."""
    if request.user.is_authenticated:
        return redirect("home")

    def use(form):
        data = form.cleaned_data
        user, created = services.phone_sign_up(
            phone=data["phone"],
            code=data["code"],
            client_ip=services.client_ip_of(request),
            role=data["role"],
            home_village=data["home_village"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        if created:
            message = _("Welcome to Taocun, %(name)s!") % {"name": user.display_name}
        else:
            message = _("This number already had an account: you are logged in to it.")
        return _logged_in(request, user, message=message)

    return _phone_page(
        request,
        form_class=PhoneSignUpForm,
        purpose=PhoneCodePurpose.SIGN_UP,
        template="accounts/phone_sign_up.html",
        use=use,
    )


def phone_password_reset(request):
    """Choose a new password with a code sent to the account's mobile number."""

    def use(form):
        services.phone_password_reset(
            phone=form.cleaned_data["phone"],
            code=form.cleaned_data["code"],
            client_ip=services.client_ip_of(request),
            password=form.cleaned_data["password1"],
        )
        messages.success(request, _("Your password is set. You may log in with it."))
        return redirect("accounts:login")

    return _phone_page(
        request,
        form_class=PhonePasswordResetForm,
        purpose=PhoneCodePurpose.RESET,
        template="accounts/phone_password_reset.html",
        use=use,
    )


def phone_verify(request):
    """Prove the mobile number of the signed-in account (then it also logs in by SMS)."""

    def use(form):
        services.phone_verify(
            user=request.user,
            phone=form.cleaned_data["phone"],
            code=form.cleaned_data["code"],
            client_ip=services.client_ip_of(request),
        )
        messages.success(request, _("Your mobile number is confirmed."))
        return redirect("accounts:profile")

    return _phone_page(
        request,
        form_class=PhoneCodeForm,
        purpose=PhoneCodePurpose.VERIFY,
        template="accounts/phone_verify.html",
        use=use,
    )
