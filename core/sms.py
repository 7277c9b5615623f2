"""SMS providers behind one interface: `send(phone=, text=, event=, params=, reference=) -> reference`.

They live in core (the ground floor) because two layers send text messages: accounts sends log-in codes
(accounts may import nothing above core), notifications sends everything else through its delivery queue.

- ConsoleProvider (the default, `make run`): writes the message to the log (a deploy check warns).
- MemoryProvider (tests, e2e): keeps each message in `core.sms.outbox`, like Django's locmem e-mail backend.
- AliyunProvider: Alibaba Cloud SMS (Dysmsapi SendSms) over HTTP, signed by hand with the RPC signature v1
  (HMAC-SHA1 of the canonicalised query, https://help.aliyun.com/document_detail/315526.html).

Errors say whether trying again may help: TransientSmsError (network, 5xx, throttling) is retried with
backoff, PermanentSmsError (bad number, bad signature, unknown template) gives up at once.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid

import phonenumbers
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    pass


class TransientSmsError(SmsError):
    pass


class PermanentSmsError(SmsError):
    pass


def phone_normalise(raw: str, *, region: str | None = None) -> str | None:
    """E.164 (+8613800138000) for a valid number, mainland China by default; None for anything else."""
    try:
        number = phonenumbers.parse((raw or "").strip(), region or settings.SMS_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_region(number: str) -> str:
    """The ISO region of an E.164 number ("CN", "GB"), "" when it has none."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(number, None)) or ""
    except phonenumbers.NumberParseException:
        return ""


def phone_display(value: str) -> str:
    """A stored number as its readers write it: "137 0013 7000" at home, "+33 6 12 34 56 78" from abroad;
    anything that is not a number (a masked one, "") unchanged."""
    try:
        number = phonenumbers.parse((value or "").strip(), settings.SMS_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    home = phonenumbers.region_code_for_number(number) == settings.SMS_DEFAULT_REGION
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.NATIONAL if home else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


class ConsoleProvider:
    """Logs the message (`make run`, tests); `check --deploy` warns when production still uses it."""

    name = "console"

    def __init__(self, **options):
        pass

    def send(self, *, phone: str, text: str, event: str, params: dict, reference: str) -> str:
        logger.info("SMS to %s [%s]: %s", phone, event, text)
        return f"console-{reference}"


def percent_encode(value: str) -> str:
    """Aliyun's percent-encoding: RFC 3986 unreserved characters kept, space as %20, '*' and '~' as the RFC says."""
    return urllib.parse.quote(str(value), safe="~")


def aliyun_signature(params: dict[str, str], *, secret: str, method: str = "GET") -> str:
    """RPC signature v1: HMAC-SHA1 over METHOD&%2F&encode(sorted, encoded query), key = secret + '&'."""
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))
    string_to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


# Aliyun codes that a later try may get past; anything else but OK is permanent.
ALIYUN_TRANSIENT_CODES = {"Throttling", "Throttling.User", "isv.BUSINESS_LIMIT_CONTROL", "ServiceUnavailable"}


class AliyunProvider:
    """Dysmsapi SendSms. The template (registered in the Aliyun console) is chosen per event
    (SMS_TEMPLATE_CODES) or falls back to SMS_DEFAULT_TEMPLATE_CODE; its variables are the event's parameters
    plus `content`, the whole message in the recipient's language."""

    name = "aliyun"

    def __init__(self, **options):
        self.endpoint = options.get("endpoint") or settings.SMS_ENDPOINT or "https://dysmsapi.aliyuncs.com/"
        self.access_key_id = options.get("access_key_id") or settings.SMS_ACCESS_KEY_ID
        self.access_key_secret = options.get("access_key_secret") or settings.SMS_ACCESS_KEY_SECRET
        self.sign_name = options.get("sign_name") or settings.SMS_SIGN_NAME
        self.template_codes = options.get("template_codes") or settings.SMS_TEMPLATE_CODES
        self.default_template = options.get("default_template") or settings.SMS_DEFAULT_TEMPLATE_CODE
        self.region = options.get("region") or settings.SMS_REGION
        self.timeout = options.get("timeout") or settings.SMS_TIMEOUT_SECONDS
        if not (self.access_key_id and self.access_key_secret and self.sign_name):
            raise ImproperlyConfigured("SMS_ACCESS_KEY_ID, SMS_ACCESS_KEY_SECRET and SMS_SIGN_NAME are required.")

    def request_params(self, *, phone: str, event: str, params: dict, text: str, reference: str) -> dict[str, str]:
        template = self.template_codes.get(event) or self.default_template
        if not template:
            raise PermanentSmsError(f"no SMS template code for {event}")
        national = phone[3:] if phone.startswith("+86") else phone.lstrip("+")  # Aliyun wants mainland numbers bare
        query = {
            "AccessKeyId": self.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "OutId": reference,
            "PhoneNumbers": national,
            "RegionId": self.region,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": template,
            "TemplateParam": json.dumps({**params, "content": text}, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        query["Signature"] = aliyun_signature(query, secret=self.access_key_secret)
        return query

    def send(self, *, phone: str, text: str, event: str, params: dict, reference: str) -> str:
        query = self.request_params(phone=phone, event=event, params=params, text=text, reference=reference)
        url = f"{self.endpoint}?{urllib.parse.urlencode(query, quote_via=urllib.parse.quote)}"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:  # noqa: S310 (https endpoint)
                body = response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read()
            if exc.code >= 500 or exc.code == 429:
                raise TransientSmsError(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise TransientSmsError(f"unreachable: {exc}") from exc
        try:
            answer = json.loads(body)
        except ValueError as exc:
            raise TransientSmsError("the gateway's answer is not JSON") from exc
        code = str(answer.get("Code", ""))
        if code == "OK":
            return str(answer.get("BizId") or answer.get("RequestId") or "")
        message = f"{code}: {answer.get('Message', '')}"[:300]
        if code in ALIYUN_TRANSIENT_CODES:
            raise TransientSmsError(message)
        raise PermanentSmsError(message)


class MemoryProvider:
    """Keeps each message in `outbox` (tests read the codes they were sent from there)."""

    name = "memory"

    def __init__(self, **options):
        pass

    def send(self, *, phone: str, text: str, event: str, params: dict, reference: str) -> str:
        outbox.append({"phone": phone, "text": text, "event": event, "params": dict(params), "reference": reference})
        return f"memory-{len(outbox)}"


outbox: list[dict] = []

PROVIDERS = {"console": ConsoleProvider, "aliyun": AliyunProvider, "memory": MemoryProvider}


def sms_provider():
    """The configured provider (SMS_PROVIDER: console, aliyun, memory, or a dotted path to a class)."""
    name = settings.SMS_PROVIDER
    provider_class = PROVIDERS.get(name) or import_string(name)
    return provider_class()
