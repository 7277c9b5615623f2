from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.models import User
from core.api import OptionalEmailField, label_of


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
            "preferred_language",
        ]
        read_only_fields = ["id", "username", "role", "home_village", "home_village_name", "home_village_confirmed"]


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
