"""Browser forms for freight templates: the template, its rows (a formset) and the products that use it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from logistics.models import FreightBasis
from villages.models import Province

ROW_FORMS_EXTRA = 3


class FreightTemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=64)
    basis = forms.ChoiceField(label=_("Charged"), choices=FreightBasis.choices)
    is_default = forms.BooleanField(
        label=_("Shop default"), required=False, help_text=_("Products without a template of their own use this one.")
    )
    first_unit = forms.DecimalField(label=_("First unit (kg or pieces)"), max_digits=10, decimal_places=3)
    first_price = forms.DecimalField(label=_("First unit price"), max_digits=14, decimal_places=2, min_value=0)
    extra_unit = forms.DecimalField(label=_("Each additional (kg or pieces)"), max_digits=10, decimal_places=3)
    extra_price = forms.DecimalField(label=_("Additional unit price"), max_digits=14, decimal_places=2, min_value=0)
    free_over_amount = forms.DecimalField(
        label=_("Free shipping from (yuan)"), max_digits=14, decimal_places=2, required=False, min_value=0
    )
    free_over_weight = forms.DecimalField(
        label=_("Free shipping from (kg)"), max_digits=10, decimal_places=3, required=False, min_value=0
    )
    excluded_provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces not delivered to"),
        queryset=Province.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "province-checks"}),
    )
    products = forms.MultipleChoiceField(
        label=_("Products shipped with this template"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Unticked products use the shop default."),
    )

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].choices = [(str(p.pk), p.name) for p in products]
        self.fields["excluded_provinces"].label_from_instance = lambda province: province.label
        for name in ("first_unit", "first_price", "extra_unit", "extra_price", "free_over_amount", "free_over_weight"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "min": "0"})


class FreightRowForm(forms.Form):
    """A row for one province; a row without a province is ignored (the default row is on the template form)."""

    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.order_by("code"), required=False)
    first_unit = forms.DecimalField(label=_("First unit"), max_digits=10, decimal_places=3, required=False)
    first_price = forms.DecimalField(label=_("First price"), max_digits=14, decimal_places=2, required=False)
    extra_unit = forms.DecimalField(label=_("Each additional"), max_digits=10, decimal_places=3, required=False)
    extra_price = forms.DecimalField(label=_("Additional price"), max_digits=14, decimal_places=2, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].label_from_instance = lambda province: province.label
        for name in ("first_unit", "first_price", "extra_unit", "extra_price"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "min": "0", "size": "5"})


FreightRowFormSet = forms.formset_factory(FreightRowForm, extra=ROW_FORMS_EXTRA, max_num=40, absolute_max=40)
