"""Course authoring (lessons inline on a course, questions inline on a lesson, choices inline on a question),
certificates, the training target, and the station-operator qualification rule in the station admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from training import selectors, services
from training.models import (
    OPERATOR_COURSE_SLUG,
    Certificate,
    Choice,
    Course,
    Enrollment,
    Lesson,
    LessonImage,
    QualificationOverride,
    Question,
    TrainingTarget,
)
from villages.admin import ServiceStationAdmin
from villages.models import ServiceStation

# Video links typed without a scheme are taken as https (Django 6's default, without the warning).
URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0
    formfield_overrides = URL_HTTPS
    fields = [("position", "title"), "body", ("video_url", "minutes", "quiz_pass_mark")]
    show_change_link = True  # the lesson's own page has its quiz questions inline


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "audience", "level", "language", "is_published"]
    list_filter = ["is_published", "audience", "level", "language"]
    list_editable = ["is_published"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [LessonInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = [("position", "text"), "explanation"]
    show_change_link = True  # choices are edited inline on the question's page


class LessonImageInline(admin.TabularInline):
    model = LessonImage
    extra = 0


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "position", "minutes", "quiz_pass_mark"]
    list_filter = ["course"]
    list_select_related = ["course"]
    search_fields = ["title", "body", "course__title"]
    inlines = [QuestionInline, LessonImageInline]
    formfield_overrides = URL_HTTPS


class ChoiceFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if len(kept) < 2:
            raise ValidationError(_("A question needs at least two answer choices."))
        correct = sum(1 for form in kept if form.cleaned_data.get("is_correct"))
        if correct != 1:
            raise ValidationError(_("Mark exactly one choice as correct."))


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lesson", "position"]
    list_filter = ["lesson__course"]
    list_select_related = ["lesson"]
    search_fields = ["text", "lesson__title"]
    inlines = [ChoiceInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "status", "progress_percent", "enrolled_at", "completed_at"]
    list_filter = ["status", "course"]
    list_select_related = ["user", "course"]
    search_fields = ["user__username", "course__title"]
    readonly_fields = ["user", "course", "status", "progress_percent", "enrolled_at", "completed_at"]

    def has_add_permission(self, request):
        return False  # learners enrol themselves; progress comes from lessons and quizzes


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "user", "course", "issued_at"]
    list_filter = ["course"]
    list_select_related = ["user", "course"]
    search_fields = ["code", "user__username", "user__first_name", "user__last_name"]
    readonly_fields = ["code", "user", "course", "issued_at"]

    def has_add_permission(self, request):
        return False  # issued by certificate_issue() only, when the course is complete

    def has_delete_permission(self, request, obj=None):
        return False  # a certificate others may have checked never disappears


@admin.register(TrainingTarget)
class TrainingTargetAdmin(admin.ModelAdmin):
    list_display = ["label", "goal", "audience", "set_by", "set_at"]
    fields = ["label", "goal", "audience"]

    def save_model(self, request, obj, form, change):
        try:
            target = services.training_target_set(
                label=obj.label, goal=obj.goal, audience=obj.audience, set_by=request.user
            )
        except DomainError as error:
            messages.error(request, error.detail)
            return
        obj.pk, obj.set_by, obj.set_at = target.pk, target.set_by, target.set_at

    def has_change_permission(self, request, obj=None):
        return False  # a new target is a new row: the history stays


@admin.action(description=_("Revoke the selected overrides"))
def revoke_overrides(modeladmin, request, queryset):
    revoked = 0
    for override in queryset.filter(revoked_at__isnull=True):
        services.qualification_override_revoke(override=override, revoked_by=request.user)
        revoked += 1
    modeladmin.message_user(request, _("%(count)d override(s) revoked.") % {"count": revoked})


@admin.register(QualificationOverride)
class QualificationOverrideAdmin(admin.ModelAdmin):
    """The record of every override: granted on the station's page, revoked here, never edited or deleted."""

    list_display = ["station", "operator", "reason", "granted_by", "granted_at", "revoked_by", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["station", "operator", "granted_by", "revoked_by"]
    search_fields = ["station__name", "operator__username", "reason"]
    readonly_fields = list_display
    actions = [revoke_overrides]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- stations: an operator must be qualified, or an admin overrides with a reason


class QualifiedStationForm(forms.ModelForm):
    qualification_override_reason = forms.CharField(
        label=_("Qualification override: reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The operator must hold the certificate of the course “Running a village service station”. "
            "To appoint an operator without it, write why; the reason is kept with your name and the date."
        ),
    )

    class Meta:
        model = ServiceStation
        fields = ["village", "operator", "name", "address", "phone", "opened_on", "status"]

    def clean(self):
        cleaned = super().clean()
        operator = cleaned.get("operator")
        reason = (cleaned.get("qualification_override_reason") or "").strip()
        if operator is None:
            return cleaned
        if self.instance.pk and "operator" not in self.changed_data and not reason:
            # The rule bites where a station gets an operator; editing the address of a station whose operator
            # predates the rule is not refused (the list and the admin's warning show them).
            return cleaned
        qualification = selectors.station_operator_qualification(station=self.instance, operator=operator)
        if qualification.is_qualified:
            return cleaned
        if not reason:
            self.add_error(
                "operator",
                _(
                    "%(operator)s does not hold the certificate of “%(course)s”. Choose a qualified operator, "
                    "or give a reason for an override below."
                )
                % {"operator": operator, "course": Course.objects.filter(slug=OPERATOR_COURSE_SLUG).first() or ""},
            )
        elif len(reason) < 10:
            self.add_error("qualification_override_reason", _("Explain in a sentence (10 characters at least)."))
        return cleaned


class QualifiedServiceStationAdmin(ServiceStationAdmin):
    form = QualifiedStationForm
    list_display = [*ServiceStationAdmin.list_display, "operator_qualification"]

    def get_queryset(self, request):
        return selectors.station_qualification_list()

    @admin.display(description=_("operator qualification"))
    def operator_qualification(self, station):
        if station.operator_id is None:
            return "—"
        if station.has_certificate:
            return _("certificate")
        if station.has_override:
            return _("override")
        return _("NOT QUALIFIED")

    def get_fieldsets(self, request, obj=None):
        fields = [name for name in self.get_fields(request, obj) if name != "qualification_override_reason"]
        return [
            (None, {"fields": fields}),
            (_("Operator qualification"), {"fields": ["qualification_override_reason"]}),
        ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        reason = (form.cleaned_data.get("qualification_override_reason") or "").strip()
        if not obj.operator_id:
            return
        qualification = selectors.station_operator_qualification(station=obj)
        if qualification.is_qualified:
            return
        if reason:
            services.qualification_override_grant(station=obj, reason=reason, granted_by=request.user)
            messages.warning(request, _("%(operator)s runs the station on an override.") % {"operator": obj.operator})
        else:
            messages.warning(
                request,
                _("%(operator)s is still not qualified: they need the operator certificate or an override.")
                % {"operator": obj.operator},
            )


admin.site.unregister(ServiceStation)
admin.site.register(ServiceStation, QualifiedServiceStationAdmin)
