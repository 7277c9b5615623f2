"""The SMS providers moved down to `core.sms` (accounts sends log-in codes and may not import notifications);
this module keeps the names notifications and its callers used."""

from core.sms import (  # noqa: F401
    PROVIDERS,
    AliyunProvider,
    ConsoleProvider,
    MemoryProvider,
    PermanentSmsError,
    SmsError,
    TransientSmsError,
    aliyun_signature,
    percent_encode,
    phone_normalise,
    sms_provider,
)
