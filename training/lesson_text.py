"""Lesson text to HTML: escape everything first, then a tiny markdown (paragraphs, lists, **bold**).

Authors write plain text in the admin; no raw HTML they type can reach a page.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", escape(text))


def _paragraph(lines: list[str]) -> str:
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def _list(tag: str, items: list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + f"</{tag}>"


def render_lesson_text(text: str) -> SafeString:
    """Blocks are separated by blank lines; inside a block, "- " and "1. " lines form lists."""
    html: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        paragraph: list[str] = []
        items: list[str] = []
        list_tag = ""
        for line in block.split("\n"):
            if not line.strip():
                continue
            bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
            match, tag = (bullet, "ul") if bullet else (numbered, "ol")
            if match:
                if paragraph:
                    html.append(_paragraph(paragraph))
                    paragraph = []
                if items and list_tag != tag:
                    html.append(_list(list_tag, items))
                    items = []
                list_tag = tag
                items.append(match.group(1))
            elif items and line.startswith((" ", "\t")):
                items[-1] += " " + line.strip()  # a list item continued on the next line
            else:
                if items:
                    html.append(_list(list_tag, items))
                    items = []
                paragraph.append(line.strip())
        if paragraph:
            html.append(_paragraph(paragraph))
        if items:
            html.append(_list(list_tag, items))
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text went through escape()
