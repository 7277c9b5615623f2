"""Deploy check: the console SMS provider only writes to the log; production needs a real gateway."""

from django.conf import settings
from django.core import checks


@checks.register(deploy=True)
def sms_provider_real(app_configs, **kwargs):
    if settings.SMS_PROVIDER == "console":
        return [
            checks.Warning(
                "SMS_PROVIDER is 'console': text messages (pickup codes, loan reminders) are only logged.",
                hint="Set SMS_PROVIDER=aliyun and its SMS_* variables (docs/notifications.md).",
                id="notifications.W001",
            )
        ]
    return []
