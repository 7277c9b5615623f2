"""Factories for training: a course with lessons, each with a quiz of questions with one right choice."""

import factory

from training.models import Choice, Course, Lesson, Question


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    slug = factory.Sequence(lambda n: f"course-{n}")
    title = factory.Sequence(lambda n: f"Selling pickled cabbage online {n}")
    summary = "How to sell what the village makes."
    audience = "rural_youth"
    level = "beginner"
    language = "en"
    is_published = True


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "Use **daylight**.\n\n- a clean board\n- a steady phone"
    minutes = 10
    quiz_pass_mark = 60


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    lesson = factory.SubFactory(LessonFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Question {n}?")
    explanation = "Because buyers trust honest photos."


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Answer {n}")
    is_correct = False


def make_course(*, lessons: int = 2, questions: int = 3, pass_mark: int = 60, **course_fields) -> Course:
    """A published course; every question has three choices, the first one right."""
    course = CourseFactory(**course_fields)
    for lesson_position in range(1, lessons + 1):
        lesson = LessonFactory(course=course, position=lesson_position, quiz_pass_mark=pass_mark)
        for question_position in range(1, questions + 1):
            question = QuestionFactory(lesson=lesson, position=question_position)
            for choice_position in range(1, 4):
                ChoiceFactory(question=question, position=choice_position, is_correct=choice_position == 1)
    return course


def right_answers(lesson: Lesson) -> dict[int, int]:
    return {q.pk: q.choices.get(is_correct=True).pk for q in lesson.questions.all()}


def wrong_answers(lesson: Lesson) -> dict[int, int]:
    return {q.pk: q.choices.filter(is_correct=False).first().pk for q in lesson.questions.all()}


def finish_course(*, user, course: Course) -> None:
    from training.services import enrol, lesson_complete, quiz_submit

    enrol(user=user, course=course)
    for lesson in course.lessons.order_by("position"):
        lesson_complete(user=user, lesson=lesson)
        if lesson.questions.exists():
            quiz_submit(user=user, lesson=lesson, answers=right_answers(lesson))
