from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts import services
from accounts.forms import LoginForm, SignUpForm
from accounts.models import Role

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
        """Without a ?next=, each role lands where its work is: operators on their station, farmers on their
        shops, admins on certification (url names only: accounts imports no higher app)."""
        user = self.request.user
        landing = "certification:dashboard" if user.is_admin else ROLE_LANDING.get(user.role)
        return reverse(landing) if landing else super().get_default_redirect_url()

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
        return response
