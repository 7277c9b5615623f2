"""The Aliyun SMS provider against a fake gateway that checks signatures the way Aliyun documents them."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.sms import (
    AliyunProvider,
    ConsoleProvider,
    PermanentSmsError,
    TransientSmsError,
    aliyun_signature,
    phone_normalise,
)
from notifications.checks import sms_provider_real
from tests.notifications.gateway import expected_signature


def test_signature_matches_aliyun_documented_example():
    """Aliyun's own worked example (RPC signature v1, DescribeRegions, secret "testsecret")."""
    params = {
        "AccessKeyId": "testid",
        "Action": "DescribeRegions",
        "Format": "XML",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "SignatureVersion": "1.0",
        "Timestamp": "2016-02-23T12:46:24Z",
        "Version": "2014-05-26",
    }
    assert aliyun_signature(params, secret="testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
    assert expected_signature(params, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def send(provider, phone="+8613800138000", text="您的包裹已到站，取件码 123456"):
    return provider.send(phone=phone, text=text, event="parcel_arrived", params={"code": "123456"}, reference="t-1")


def test_a_message_reaches_the_gateway_signed(gateway):
    reference = send(AliyunProvider())
    assert reference == "biz-1" and gateway.rejected == []
    (message,) = gateway.received
    assert message["phone"] == "13800138000" and message["sign_name"] == "淘村"
    assert message["params"] == {"code": "123456", "content": "您的包裹已到站，取件码 123456"}
    assert message["out_id"] == "t-1"


def test_a_template_per_event(gateway, settings):
    settings.SMS_TEMPLATE_CODES = {"parcel_arrived": "SMS_PICKUP"}
    send(AliyunProvider())
    assert gateway.received[0]["template"] == "SMS_PICKUP"


def test_a_wrong_secret_is_refused_by_the_gateway_and_not_retried(gateway):
    with pytest.raises(PermanentSmsError, match="SignatureDoesNotMatch"):
        send(AliyunProvider(access_key_secret="not-the-secret"))
    assert gateway.received == [] and gateway.rejected == ["SignatureDoesNotMatch"]


@pytest.mark.parametrize(("mode", "error"), [("throttle", TransientSmsError), ("http500", TransientSmsError)])
def test_gateway_trouble_is_transient(gateway, mode, error):
    gateway.script = [mode]
    with pytest.raises(error):
        send(AliyunProvider())
    assert send(AliyunProvider()) == "biz-1"  # the next try goes through


def test_a_bad_number_is_permanent(gateway):
    gateway.script = ["bad_number"]
    with pytest.raises(PermanentSmsError, match="MOBILE_NUMBER_ILLEGAL"):
        send(AliyunProvider())


def test_an_unreachable_gateway_is_transient(settings):
    provider = AliyunProvider(
        endpoint="http://127.0.0.1:9/", access_key_id="k", access_key_secret="s", sign_name="x", default_template="T"
    )
    with pytest.raises(TransientSmsError):
        send(provider)


def test_the_provider_needs_its_keys(settings):
    settings.SMS_ACCESS_KEY_ID = ""
    with pytest.raises(ImproperlyConfigured):
        AliyunProvider()


def test_the_console_provider_logs_and_the_deploy_check_warns(settings, caplog):
    caplog.set_level("INFO", logger="core.sms")
    assert send(ConsoleProvider()) == "console-t-1"
    assert "取件码 123456" in caplog.text
    assert [w.id for w in sms_provider_real(None)] == ["notifications.W001"]
    settings.SMS_PROVIDER = "aliyun"
    assert sms_provider_real(None) == []


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("13800138000", "+8613800138000"),
        ("138 0013 8000", "+8613800138000"),
        ("+86 138-0013-8000", "+8613800138000"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("12345", None),
        ("", None),
        ("not a phone", None),
    ],
)
def test_phone_numbers_are_normalised(raw, normalised):
    assert phone_normalise(raw) == normalised


def test_numbers_are_shown_as_their_readers_write_them():
    from core.sms import phone_display

    assert phone_display("+8613700137000") == "137 0013 7000"
    assert phone_display("+33612345678") == "+33 6 12 34 56 78"
    assert phone_display("138****1111") == "138****1111"  # masked: unchanged
    assert phone_display("") == ""
