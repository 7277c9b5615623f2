"""A fake Aliyun SMS gateway (Dysmsapi SendSms) on a local port, for the provider's tests and a real worker.

It checks what the real gateway checks: the access key, a signature recomputed here from the raw query
(written from Aliyun's documentation, independently of core/sms.py), a fresh timestamp, a nonce never
seen before; then answers as Aliyun does. `script` makes it fail on purpose: a list of answers to give first
("throttle", "http500", "bad_number"). Every accepted message is kept in `received`.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCESS_KEY_ID = "LTAI-test-key"
ACCESS_KEY_SECRET = "test-secret-够长"


def _encode(value: str) -> str:
    # Aliyun: URL-encode in UTF-8 per RFC 3986, then '+' -> %20, '*' -> %2A, %7E -> '~'.
    return urllib.parse.quote_plus(value, encoding="utf-8").replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


def expected_signature(query: dict[str, str], secret: str, method: str = "GET") -> str:
    pairs = sorted((k, v) for k, v in query.items() if k != "Signature")
    canonical = "&".join(_encode(k) + "=" + _encode(v) for k, v in pairs)
    to_sign = method + "&" + _encode("/") + "&" + _encode(canonical)
    return base64.b64encode(hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


class FakeGateway:
    def __init__(self):
        self.received: list[dict] = []
        self.rejected: list[str] = []
        self.script: list[str] = []
        self.nonces: set[str] = set()
        self.lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                gateway.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, handler, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def handle(self, handler) -> None:
        raw = urllib.parse.urlsplit(handler.path).query
        query = dict(urllib.parse.parse_qsl(raw, keep_blank_values=True, strict_parsing=True))
        with self.lock:
            error = self._check(query)
            if error:
                self.rejected.append(error)
                return self._answer(handler, 400 if error != "SignatureDoesNotMatch" else 400, {"Code": error})
            if self.script:
                mode = self.script.pop(0)
                if mode == "http500":
                    return self._answer(handler, 500, {"Code": "InternalError", "Message": "boom"})
                if mode == "throttle":
                    return self._answer(handler, 200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "limit"})
                if mode == "bad_number":
                    return self._answer(handler, 200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "bad"})
            self.received.append(
                {
                    "phone": query["PhoneNumbers"],
                    "template": query["TemplateCode"],
                    "sign_name": query["SignName"],
                    "params": json.loads(query["TemplateParam"]),
                    "out_id": query.get("OutId", ""),
                }
            )
            biz_id = f"biz-{len(self.received)}"
        self._answer(handler, 200, {"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": "r"})

    def _check(self, query: dict[str, str]) -> str | None:
        required = {"AccessKeyId", "Action", "PhoneNumbers", "SignName", "TemplateCode", "Signature", "Timestamp"}
        if not required <= query.keys():
            return "MissingParameter"
        if query["AccessKeyId"] != ACCESS_KEY_ID:
            return "InvalidAccessKeyId.NotFound"
        if query.get("SignatureMethod") != "HMAC-SHA1" or query.get("SignatureVersion") != "1.0":
            return "InvalidSignatureMethod"
        if not hmac.compare_digest(query["Signature"], expected_signature(query, ACCESS_KEY_SECRET)):
            return "SignatureDoesNotMatch"
        stamp = datetime.datetime.strptime(query["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
        if abs((datetime.datetime.now(datetime.UTC) - stamp).total_seconds()) > 900:
            return "InvalidTimeStamp.Expired"
        nonce = query.get("SignatureNonce", "")
        if not nonce or nonce in self.nonces:
            return "SignatureNonceUsed"
        self.nonces.add(nonce)
        if query["Action"] != "SendSms" or query.get("Version") != "2017-05-25":
            return "InvalidAction"
        return None


def provider_settings(gateway: FakeGateway) -> dict:
    """The settings (or environment variables) that point the Aliyun provider at this gateway."""
    return {
        "SMS_PROVIDER": "aliyun",
        "SMS_ENDPOINT": gateway.url,
        "SMS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "SMS_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET,
        "SMS_SIGN_NAME": "淘村",
        "SMS_DEFAULT_TEMPLATE_CODE": "SMS_000001",
    }
