"""A terminal progress bar for long management commands (tqdm), quiet when not a TTY in tests."""

from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], *, desc: str, total: int | None = None, disable: bool = False) -> Iterator[T]:
    return iter(tqdm(items, desc=desc, total=total, unit="", dynamic_ncols=True, disable=disable))
