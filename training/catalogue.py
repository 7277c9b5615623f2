"""The seed course catalogue, read from data files under training/courses/ and checked before anything loads.

One folder per course (`NN-<slug>/`, NN gives the catalogue's order):
- `course.yaml`: what every language shares: slug, audience, level, and per lesson its minutes,
  video link and quiz pass mark;
- `<language>/course.yaml`: title and summary in that language;
- `<language>/lesson-NN.md`: the lesson in Markdown, after a front matter holding its title;
- `<language>/lesson-NN.quiz.yaml`: its questions, each with an explanation and choices (one `correct: true`).

English (`en`) is the original; every other language folder present must translate every lesson and
question, with the right choice at the same position. Plain data in, plain dicts out: no Django here, so a
migration, a command or a test can read the catalogue.
"""

from __future__ import annotations

from pathlib import Path

import yaml

CATALOGUE_DIR = Path(__file__).resolve().parent / "courses"
ORIGINAL = "en"
# Translations load in this order (then any other language folder, alphabetically).
TRANSLATION_ORDER = ("zh-hans", "fr")
FRONT_MATTER = "---\n"


class CatalogueError(ValueError):
    """A data file is missing or malformed; the message names the file."""


def _yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogueError(f"{path}: missing") from exc
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}: expected a mapping")
    return data


def _lesson_text(path: Path) -> tuple[str, str]:
    """(title, Markdown body) of a lesson file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogueError(f"{path}: missing") from exc
    if not text.startswith(FRONT_MATTER) or f"\n{FRONT_MATTER}" not in text[len(FRONT_MATTER) :]:
        raise CatalogueError(f"{path}: expected a front matter between two '---' lines")
    head, body = text[len(FRONT_MATTER) :].split(f"\n{FRONT_MATTER}", 1)
    meta = yaml.safe_load(head) or {}
    title = str(meta.get("title") or "").strip()
    if not title:
        raise CatalogueError(f"{path}: the front matter has no title")
    body = body.strip("\n")
    if not body:
        raise CatalogueError(f"{path}: the lesson is empty")
    return title, body


def _questions(path: Path) -> list[dict]:
    questions = _yaml(path).get("questions") or []
    for number, question in enumerate(questions, start=1):
        where = f"{path}: question {number}"
        if not str(question.get("text") or "").strip():
            raise CatalogueError(f"{where} has no text")
        choices = question.get("choices") or []
        if len(choices) < 2:
            raise CatalogueError(f"{where} needs at least two choices")
        if sum(1 for choice in choices if choice.get("correct") is True) != 1:
            raise CatalogueError(f"{where} must have exactly one choice with correct: true")
        if any(not str(choice.get("text") or "").strip() for choice in choices):
            raise CatalogueError(f"{where} has a choice without text")
    return [
        {
            "text": question["text"],
            "explanation": question.get("explanation") or "",
            "choices": [
                {"text": choice["text"], "correct": choice.get("correct") is True} for choice in question["choices"]
            ],
        }
        for question in questions
    ]


def course_folders(root: Path | None = None) -> list[Path]:
    return sorted(path for path in (root or CATALOGUE_DIR).iterdir() if (path / "course.yaml").is_file())


def languages(root: Path | None = None) -> list[str]:
    """English first, then every language a course folder holds, in a stable order."""
    found = {child.name for folder in course_folders(root) for child in folder.iterdir() if child.is_dir()}
    if ORIGINAL not in found:
        raise CatalogueError(f"{root or CATALOGUE_DIR}: no English ({ORIGINAL}) course")
    translations = found - {ORIGINAL}
    known = [language for language in TRANSLATION_ORDER if language in translations]
    return [ORIGINAL, *known, *sorted(translations - set(known))]


def _course(folder: Path, language: str) -> dict:
    shared = _yaml(folder / "course.yaml")
    texts = _yaml(folder / language / "course.yaml")
    for key in ("title", "summary"):
        if not str(texts.get(key) or "").strip():
            raise CatalogueError(f"{folder / language / 'course.yaml'}: no {key}")
    lessons = []
    for number, lesson in enumerate(shared.get("lessons") or [], start=1):
        stem = folder / language / f"lesson-{number:02d}"
        title, body = _lesson_text(stem.with_suffix(".md"))
        lessons.append(
            {
                "title": title,
                "minutes": lesson["minutes"],
                "video_url": lesson.get("video_url") or "",
                "body": body,
                "quiz": {"pass_mark": lesson["pass_mark"], "questions": _questions(Path(f"{stem}.quiz.yaml"))},
            }
        )
    if not lessons:
        raise CatalogueError(f"{folder / 'course.yaml'}: no lessons")
    extra = sorted(
        path.name for path in (folder / language).glob("lesson-*.md") if int(path.stem.split("-")[1]) > len(lessons)
    )
    if extra:
        raise CatalogueError(f"{folder / language}: {', '.join(extra)} not listed in {folder / 'course.yaml'}")
    return {
        "slug": shared["slug"],
        "title": texts["title"],
        "summary": texts["summary"],
        "audience": shared["audience"],
        "level": shared["level"],
        "language": language,
        "lessons": lessons,
    }


def _check_translation(original: dict, translation: dict, folder: Path, language: str) -> None:
    """Same questions, same number of choices, the right choice at the same position."""
    for number, (lesson, translated) in enumerate(
        zip(original["lessons"], translation["lessons"], strict=True), start=1
    ):
        shape = [[choice["correct"] for choice in q["choices"]] for q in lesson["quiz"]["questions"]]
        translated_shape = [[choice["correct"] for choice in q["choices"]] for q in translated["quiz"]["questions"]]
        if shape != translated_shape:
            raise CatalogueError(
                f"{folder / language / f'lesson-{number:02d}.quiz.yaml'}: its questions, choices or right answers "
                f"differ from the English quiz"
            )


def catalogue_read(root: Path | None = None) -> list[tuple[str, list[dict]]]:
    """Every language's courses as [(language, [course, ...])], English first; raises CatalogueError when
    a file is missing or wrong, so a broken catalogue never half-loads."""
    folders = course_folders(root)
    found = languages(root)
    catalogues: dict[str, list[dict]] = {language: [] for language in found}
    for folder in folders:
        original = _course(folder, ORIGINAL)
        catalogues[ORIGINAL].append(original)
        for language in found[1:]:
            if not (folder / language).is_dir():
                raise CatalogueError(f"{folder}: no {language} translation (other courses have one)")
            translation = _course(folder, language)
            _check_translation(original, translation, folder, language)
            catalogues[language].append(translation)
    return list(catalogues.items())
