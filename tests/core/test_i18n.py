"""How names and places are written for a Chinese reader: family name first, addresses big to small,
the Chinese names of places on Chinese pages only."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.i18n import written_in_chinese
from tests.factories import FarmerFactory, VillageFactory


def test_written_in_chinese():
    assert written_in_chinese("李", "江苏省")
    assert not written_in_chinese("Jiangsu")
    assert not written_in_chinese("李", "")
    assert not written_in_chinese()


@pytest.mark.django_db
def test_a_chinese_name_is_written_family_name_first_without_a_space():
    assert FarmerFactory(first_name="芳", last_name="李").display_name == "李芳"
    assert FarmerFactory(first_name="Rui", last_name="Long").display_name == "Rui Long"


@pytest.mark.django_db
def test_a_place_is_written_big_to_small_in_chinese_and_small_to_big_elsewhere():
    village = VillageFactory(name="Baihe", name_zh="白鹤村")
    county = village.township.county
    county.name, county.name_zh = "Xiuwen", "修文县"
    county.save()
    template = Template("{% load villages_tags %}{{ village|address }}|{{ village.township.county|address }}")
    with translation.override("zh-hans"):
        assert template.render(Context({"village": village})) == "贵州省修文县白鹤村|贵州省修文县"
    with translation.override("fr"):
        assert template.render(Context({"village": village})) == "Baihe, Xiuwen, Guizhou|Xiuwen, Guizhou"
