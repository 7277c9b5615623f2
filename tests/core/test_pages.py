"""core.pages.report_domain_error: how a page answers a service's refusal."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.pages import report_domain_error


@pytest.fixture
def request_with_messages():
    request = RequestFactory().post("/anything/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_is_a_403_carrying_the_reason(request_with_messages):
    with pytest.raises(PermissionDenied, match="Only the buyer may do this."):
        report_domain_error(request_with_messages, NotPermitted("Only the buyer may do this."))
    assert list(get_messages(request_with_messages)) == []


def test_an_unknown_object_is_a_404(request_with_messages):
    with pytest.raises(Http404):
        report_domain_error(request_with_messages, NotFound())


@pytest.mark.parametrize("error", [Conflict("Sold out."), InvalidTransition("Shipped."), ValidationFailed("Bad.")])
def test_other_broken_rules_become_a_message(request_with_messages, error):
    report_domain_error(request_with_messages, error)
    assert [str(m) for m in get_messages(request_with_messages)] == [error.detail]


@pytest.mark.django_db
def test_an_unexpected_error_answers_json_under_the_api_and_a_page_elsewhere(client, monkeypatch, buyer):
    from django.utils import translation

    from accounts.api import MeView

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(MeView, "get", broken)
    client.raise_request_exception = False
    client.force_login(buyer)
    with translation.override("en"):  # the failed request leaves its language active: do not leak it
        response = client.get("/api/me/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error" and body["fields"] == {}
    assert "服务器" in body["detail"]  # in the request's language, like every API error
    from core.api import api_server_error

    page = api_server_error(RequestFactory().get("/shop/"))
    assert page.status_code == 500 and b"<html" in page.content
