"""Course texts are data files (training/courses/): they load exactly what the Python literals they replaced
loaded, and a broken file is refused with its name before anything is written."""

import hashlib
import json
import re
import shutil

import pytest
import yaml

from training import services
from training.catalogue import CATALOGUE_DIR, CatalogueError, catalogue_read
from training.models import Choice, Course

pytestmark = pytest.mark.django_db

# sha256 of every loaded course, lesson, question and choice (digest below), taken from the database loaded by
# the Python seed catalogues (training/seed_catalogue*.py) just before they became these data files.
LOADED_BEFORE = "6b5cfb4a0229df5cee0301086b745a1257159f213f84a42c7c27b91156173f93"


def _digest() -> str:
    rows = []
    for course in Course.objects.select_related("translation_of").order_by("slug"):
        rows.append(
            [
                course.slug,
                course.title,
                course.summary,
                course.audience,
                course.level,
                course.language,
                course.translation_of.slug if course.translation_of else None,
                course.is_published,
            ]
        )
        for lesson in course.lessons.order_by("position"):
            rows.append([lesson.position, lesson.title, lesson.body, lesson.video_url, lesson.minutes])
            rows.append([lesson.quiz_pass_mark])
            for question in lesson.questions.order_by("position"):
                rows.append([question.position, question.text, question.explanation])
                rows += [
                    [choice.position, choice.text, choice.is_correct]
                    for choice in Choice.objects.filter(question=question).order_by("position")
                ]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def test_data_files_load_what_the_python_catalogues_loaded():
    services.catalogue_load_all()
    assert _digest() == LOADED_BEFORE


@pytest.fixture
def catalogue(tmp_path):
    """A copy of the catalogue to break."""
    root = tmp_path / "courses"
    shutil.copytree(CATALOGUE_DIR, root)
    return root


def _first(root, *parts):
    return next(iter(sorted(root.iterdir()))).joinpath(*parts)


def test_a_lesson_is_edited_in_its_markdown_file(catalogue):
    lesson = _first(catalogue, "en", "lesson-01.md")
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("daylight", "soft daylight", 1), encoding="utf-8")
    courses = dict(catalogue_read(catalogue))["en"]
    assert "soft daylight" in courses[0]["lessons"][0]["body"]
    services.catalogue_load(courses=courses)
    assert "soft daylight" in Course.objects.get(slug=courses[0]["slug"]).lessons.get(position=1).body


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda root: _first(root, "fr", "lesson-02.md").unlink(), "lesson-02.md: missing"),
        (lambda root: _first(root, "zh-hans", "lesson-01.md").write_text("no front matter"), "front matter"),
        (
            lambda root: _first(root, "en", "lesson-01.quiz.yaml").write_text(
                _first(root, "en", "lesson-01.quiz.yaml")
                .read_text(encoding="utf-8")
                .replace("correct: false", "correct: true", 1),
                encoding="utf-8",
            ),
            "exactly one choice",
        ),
        (
            # A translation whose right answer moved: the same question, another answer.
            lambda root: _swap_first_two_choices(_first(root, "fr", "lesson-01.quiz.yaml")),
            "differ from the English quiz",
        ),
        (lambda root: shutil.rmtree(_first(root, "fr")), "no fr translation"),
        (lambda root: _first(root, "course.yaml").write_text("slug: [unclosed"), "not valid YAML"),
    ],
)
def test_a_broken_file_is_refused_with_its_name_and_nothing_loads(catalogue, break_it, message):
    break_it(catalogue)
    with pytest.raises(CatalogueError, match=re.escape(message)):
        catalogue_read(catalogue)


def _swap_first_two_choices(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    choices = data["questions"][0]["choices"]
    choices[0], choices[1] = choices[1], choices[0]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_load_courses_refuses_a_broken_catalogue_before_writing(catalogue, monkeypatch):
    _first(catalogue, "zh-hans", "lesson-03.quiz.yaml").unlink()
    monkeypatch.setattr("training.catalogue.CATALOGUE_DIR", catalogue)
    with pytest.raises(CatalogueError):
        services.catalogue_load_all()
    assert not Course.objects.exists()
