from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.models import PhoneCodePurpose, Role, User
from core.api import OptionalEmailField, label_of
from villages.models import Village


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    email = OptionalEmailField()
    home_village_name = label_of("home_village", default=None, allow_null=True)
    home_village_confirmed = serializers.BooleanField(
        read_only=True, help_text="Whether the station operator confirmed the home village chosen at sign-up."
    )
    phone_verified = serializers.SerializerMethodField(
        help_text="Whether the number was proven with an SMS code (then it logs in by code). Changing it unproves it."
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "home_village",
            "home_village_name",
            "home_village_confirmed",
            "phone",
            "phone_verified",
            "preferred_language",
        ]
        read_only_fields = ["id", "username", "role", "home_village", "home_village_name", "home_village_confirmed"]

    def get_phone_verified(self, user) -> bool:
        return user.phone_verified_at is not None

    def update(self, instance, validated_data):
        if "phone" in validated_data:
            validated_data["phone"] = services.phone_account_changed(user=instance, phone=validated_data["phone"])
        return super().update(instance, validated_data)


class TokenView(APIView):
    """Exchange a username and password for an API token. Repeated failures lock the account and the client."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer})
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["username"]
        # Counted before the password is checked: concurrent guesses past the limit are refused unchecked (429).
        attempt = services.login_attempt_count(username=username, client_ip=services.client_ip_of(request))
        user = authenticate(request, username=username, password=serializer.validated_data["password"])
        if user is None:
            return Response(
                {
                    "code": "invalid_credentials",
                    "detail": str(_("Unable to log in with these credentials.")),
                    "fields": {"non_field_errors": [str(_("Unable to log in with these credentials."))]},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        services.login_attempt_succeeded(attempt)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MeView(APIView):
    """The current user; PATCH updates the name, e-mail, phone and language."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = MeSerializer

    def get(self, request):
        return Response(MeSerializer(request.user).data)

    def patch(self, request):
        serializer = MeSerializer(request.user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = serializer.save()
        # A fresh, non-partial serializer: partial ones leave out read-only fields such as home_village_name.
        return Response(MeSerializer(user).data)


# --- log-in, sign-up and password reset by mobile number and SMS code (accounts.services; docs/accounts.md)


class PhoneCodeRequestSerializer(serializers.Serializer):
    phone = serializers.CharField(max_length=32, help_text="Mobile number; mainland China unless it starts with +.")
    purpose = serializers.ChoiceField(
        choices=[p for p in PhoneCodePurpose.values if p != PhoneCodePurpose.VERIFY],
        help_text="login, signup or reset (verify: POST /api/me/phone/code/).",
    )


class PhoneCodeSentSerializer(serializers.Serializer):
    detail = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds the code stays valid.")
    resend_in = serializers.IntegerField(help_text="Seconds before another code may be asked for.")


class PhoneLoginSerializer(serializers.Serializer):
    phone = serializers.CharField(max_length=32)
    code = serializers.CharField(max_length=6, min_length=6)


class PhoneSignUpSerializer(PhoneLoginSerializer):
    role = serializers.ChoiceField(choices=[Role.BUYER, Role.FARMER], default=Role.BUYER)
    home_village = serializers.PrimaryKeyRelatedField(queryset=Village.objects.all(), required=False, allow_null=True)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")

    def validate(self, data):
        if data.get("role") == Role.FARMER and not data.get("home_village"):
            raise serializers.ValidationError({"home_village": _("A farmer must choose their home village.")})
        return data


class PhoneSignUpResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    created = serializers.BooleanField(help_text="False when the number already had an account (now logged in).")


class PhonePasswordResetSerializer(PhoneLoginSerializer):
    new_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def _sent_reply(sent: services.PhoneCodeSent, message: str) -> Response:
    return Response(
        {"detail": message, "expires_in": sent.expires_in, "resend_in": sent.resend_in}, status=status.HTTP_202_ACCEPTED
    )


class PhoneCodeView(APIView):
    """Ask for a 6-digit code by SMS. Same answer whether the number has an account or not (log-in and reset
    codes only go to numbers that have one). One per number per minute; codes and guesses are limited per number
    and per client (429)."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=PhoneCodeRequestSerializer, responses={202: PhoneCodeSentSerializer})
    def post(self, request):
        serializer = PhoneCodeRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        purpose = serializer.validated_data["purpose"]
        sent = services.phone_code_send(
            phone=serializer.validated_data["phone"], purpose=purpose, client_ip=services.client_ip_of(request)
        )
        if purpose == PhoneCodePurpose.SIGN_UP:
            return _sent_reply(sent, str(_("A code is on its way to this number.")))
        return _sent_reply(sent, str(_("If this number has a Taocun account, a code is on its way.")))


class PhoneTokenView(APIView):
    """Exchange a mobile number and a log-in code for an API token."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=PhoneLoginSerializer, responses={200: TokenResponseSerializer})
    def post(self, request):
        serializer = PhoneLoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.phone_log_in(client_ip=services.client_ip_of(request), **serializer.validated_data)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class PhoneSignUpView(APIView):
    """Create an account from a mobile number and a sign-up code (no password); returns a token. A number that
    already has an account gets that account's token (created: false)."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=PhoneSignUpSerializer, responses={201: PhoneSignUpResponseSerializer})
    def post(self, request):
        serializer = PhoneSignUpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user, created = services.phone_sign_up(client_ip=services.client_ip_of(request), **serializer.validated_data)
        token, _created = Token.objects.get_or_create(user=user)
        return Response(
            {"token": token.key, "created": created}, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class PhonePasswordResetView(APIView):
    """Set a new password with a reset code sent to the account's mobile number (lifts a login lockout)."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=PhonePasswordResetSerializer, responses={200: DetailSerializer})
    def post(self, request):
        serializer = PhonePasswordResetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.phone_password_reset(
            phone=data["phone"],
            code=data["code"],
            password=data["new_password"],
            client_ip=services.client_ip_of(request),
        )
        return Response({"detail": str(_("Your password is set. You may log in with it."))})


class MePhoneCodeRequestSerializer(serializers.Serializer):
    phone = serializers.CharField(max_length=32)


class MePhoneCodeView(APIView):
    """Ask for a code to prove a mobile number for the signed-in account."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=MePhoneCodeRequestSerializer, responses={202: PhoneCodeSentSerializer})
    def post(self, request):
        serializer = MePhoneCodeRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent = services.phone_code_send(
            phone=serializer.validated_data["phone"],
            purpose=PhoneCodePurpose.VERIFY,
            client_ip=services.client_ip_of(request),
            user=request.user,
        )
        return _sent_reply(sent, str(_("A code is on its way to this number.")))


class MePhoneVerifyView(APIView):
    """Prove the number with the code: it goes on the account and logs in by SMS from then on."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=PhoneLoginSerializer, responses={200: MeSerializer})
    def post(self, request):
        serializer = PhoneLoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.phone_verify(
            user=request.user, client_ip=services.client_ip_of(request), **serializer.validated_data
        )
        return Response(MeSerializer(user).data)
