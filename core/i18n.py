"""Language helpers shared by every app: is the page Chinese, is a text written in Chinese characters."""

import re

from django.utils.translation import get_language

# Chinese characters (CJK unified ideographs and extension A).
CJK = re.compile(r"[\u3400-\u9fff]")


def chinese_page() -> bool:
    """True while the active language is Chinese (zh-hans)."""
    return (get_language() or "").lower().startswith("zh")


def written_in_chinese(*texts: str) -> bool:
    """True when every text holds Chinese characters: "李", "江苏省"; not "Rui", "" or "Jiangsu"."""
    return bool(texts) and all(text and CJK.search(text) for text in texts)
