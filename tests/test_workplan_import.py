"""Importing work-points documents: the 2024 seed gives 13 tasks with exactly the units it names; the
（牵头单位：…；责任单位：…） layout with nested levels imports too; bad files change nothing."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from docx import Document as Docx

from tests.factories import UserFactory
from tests.workplan_data import EXPECTED_2024, SECOND, SEED, TOWNSHIPS, build_tree, expand
from zwgk.core.demo import ORGANIZATIONS
from zwgk.core.models import Role
from zwgk.workplan import parsing, reading, services
from zwgk.workplan.models import Plan, Task, UnitAlias, UnmatchedUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def gkb(tree):
    return UserFactory(username="gkb", organization=tree["县政府办公室"], roles=[Role.COUNTY_OFFICE])


def _names(shorts, tree):
    return [tree[s].name for s in shorts]


def test_seed_gives_13_tasks_with_exactly_the_units_it_names(tree, gkb):
    plan = services.import_plan(gkb, SEED, "2024-fuliang-work-points.txt", 2024)
    tasks = list(plan.tasks.order_by("position"))
    assert [t.number for t in tasks] == list(EXPECTED_2024)
    assert tasks[0].title == "聚焦决策部署强化信息公开"
    assert tasks[12].title == "聚焦工作落实凝聚工作合力"
    for t in tasks:
        lead, co, unmatched = EXPECTED_2024[t.number]
        assert (t.lead.short_name if t.lead else None) == lead, t.number
        assert sorted(link.organization.short_name for link in t.unit_links.all()) == sorted(expand(co)), t.number
        assert [u.name for u in t.unmatched.all()] == unmatched, t.number
        assert "〔" not in t.text and t.text  # the unit annotation is taken out of the text, the text kept
        assert t.due_on == dt.date(2024, 12, 31)
    assert "抄送" not in tasks[12].text
    # 八's first unit (市政府办公室) is not in the tree: the lead's place waits for a person
    assert UnmatchedUnit.objects.get(task=tasks[7]).lead_slot is True
    assert UnmatchedUnit.objects.get(task=tasks[3]).lead_slot is False


def test_seed_through_the_command_prints_the_json(tree, capsys, tmp_path):
    path = tmp_path / "yaodian.txt"
    path.write_bytes(SEED)
    call_command("workplan", "import", str(path), "--year", "2024", "--json")
    out = json.loads(capsys.readouterr().out)
    assert len(out["tasks"]) == 13
    by_number = {t["number"]: t for t in out["tasks"]}
    for number, (lead, co, _unmatched) in EXPECTED_2024.items():
        t = by_number[number]
        assert t["lead"] == (tree[lead].name if lead else None)
        assert sorted(t["units"]) == sorted(_names(expand(co), tree))
        assert t["children"] == []
    assert out["unmatched"] == ["县直相关单位", "县直有关部门", "市政府办公室", "县直有关单位"]
    assert Plan.objects.get(year=2024).tasks.count() == 13
    with pytest.raises(CommandError, match="已经导入"):
        call_command("workplan", "import", str(path), "--year", "2024")


def test_responsibility_layout_with_nested_levels(tree, gkb):
    plan = services.import_plan(gkb, SECOND.encode("gb18030"), "2025.txt", 2025)
    rows = {t.path_number: t for t in plan.tasks.all()}
    assert list(rows) == ["一", "一（一）", "一（二）", "二", "二1.", "二2.", "三"]
    one = rows["一（一）"]
    assert one.parent == rows["一"] and one.level == 2 and one.title == "落实“三同步”"
    assert one.lead.short_name == "县政府办公室"
    departments = sorted(s for s, _, kind, _, _ in ORGANIZATIONS if kind == "department")
    assert sorted(link.organization.short_name for link in one.unit_links.all()) == departments  # 县直各部门
    assert one.due_on == dt.date(2025, 6, 30)
    assert one.text == "部门起草的行政规范性文件随文报送解读材料。"
    two = rows["一（二）"]
    assert two.lead.short_name == "县教体局" and [u.organization.short_name for u in two.unit_links.all()] == ["县卫健委"]
    assert two.due_on == dt.date(2025, 12, 31)
    b = rows["二"]
    assert b.lead.short_name == "县住建局"  # 县住房和城乡建设局: the full name without the county
    assert sorted(u.organization.short_name for u in b.unit_links.all()) == sorted(TOWNSHIPS + ["县自然资源规划局"])
    assert rows["二1."].lead == b.lead and rows["二1."].unit_links.count() == b.unit_links.count()  # names nobody: inherits
    assert rows["二2."].lead.short_name == "浮梁镇" and [u.organization.short_name for u in rows["二2."].unit_links.all()] == ["鹅湖镇"]
    assert rows["二2."].due_on == dt.date(2025, 9, 30)
    c = rows["三"]
    assert c.lead.short_name == "县政府办公室"  # 县政府办: a unique prefix
    assert [u.organization.short_name for u in c.unit_links.all()] == ["县教体局"]  # 县教育体育局
    assert rows["一"].lead is None and not UnmatchedUnit.objects.filter(task__plan=plan).exists()


def test_docx_imports_the_same_as_text(tree, gkb):
    doc = Docx()
    for line in SECOND.splitlines():
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    preview = reading.preview(buf.getvalue(), "2025.docx", 2025)
    assert preview == reading.preview(SECOND.encode(), "2025.txt", 2025)
    assert [t["number"] for t in preview["tasks"]] == ["一", "二", "三"]
    assert [c["number"] for c in preview["tasks"][1]["children"]] == ["1.", "2."]


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是纯文本或 Word 文档"),
    ("关于做好政务公开工作的通知\n请各单位认真落实。".encode(), "没有找到编号的工作要点"),
    (b"PK\x03\x04broken", "已损坏"),
])
def test_bad_files_change_nothing(tree, gkb, data, message):
    with pytest.raises(ValidationError, match=message):
        services.import_plan(gkb, data, "x.txt", 2024)
    assert not Plan.objects.exists() and not Task.objects.exists()


def test_only_the_county_office_imports(tree):
    editor = UserFactory(organization=tree["县教体局"], roles=[Role.EDITOR])
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.import_plan(editor, SEED, "x.txt", 2024)
    assert not Plan.objects.exists()


def test_resolving_a_name_covers_the_plan_and_is_remembered(tree, gkb):
    plan = services.import_plan(gkb, SEED, "x.txt", 2024)
    item = UnmatchedUnit.objects.filter(task__plan=plan, name="县直有关部门").first()
    chosen = [tree["县财政局"], tree["县卫健委"]]
    assert services.resolve_unmatched(gkb, item, chosen) == 5  # 五 六 七 十 十二
    five = plan.tasks.get(number="五")
    assert five.lead is None  # two units for the lead's place: the office picks the lead itself
    assert sorted(u.organization.short_name for u in five.unit_links.all()) == ["县卫健委", "县财政局"]
    assert not UnmatchedUnit.objects.filter(task__plan=plan, name="县直有关部门", resolved_at=None).exists()
    with pytest.raises(ValidationError):
        services.resolve_unmatched(gkb, item, chosen)
    city = UnmatchedUnit.objects.get(task__plan=plan, name="市政府办公室")
    with pytest.raises(ValidationError, match="理由"):
        services.resolve_unmatched(gkb, city, [])
    services.resolve_unmatched(gkb, city, [tree["县政府办公室"]], remember=False)
    assert plan.tasks.get(number="八").lead.short_name == "县政府办公室"  # it held the lead's place
    assert list(UnitAlias.objects.values_list("name", flat=True)) == ["县直有关部门"]
    # the next year's import uses the alias
    out = reading.preview(SEED, "x.txt", 2025)
    five = next(t for t in out["tasks"] if t["number"] == "五")
    assert five["unmatched"] == [] and sorted(five["units"]) == sorted([tree["县财政局"].name, tree["县卫健委"].name])
    assert "县直有关部门" not in out["unmatched"]


def test_names_are_split_only_where_both_halves_are_units(tree):
    from zwgk.workplan.matching import Matcher

    m = Matcher()
    whole = m.resolve(parsing.UnitName("浮梁县发展和改革委员会"))
    assert [r.organizations[0].short_name for r in whole] == ["县发改委"]
    both = m.resolve(parsing.UnitName("县直有关部门和各乡（镇）人民政府"))
    assert [r.name for r in both] == ["县直有关部门", "各乡（镇）人民政府"]
    assert both[0].organizations == [] and len(both[1].organizations) == len(TOWNSHIPS)
    assert m.resolve(parsing.UnitName("县工信局"))[0].organizations[0].short_name == "县工信局（县科技局）"
    assert m.resolve(parsing.UnitName("县局"))[0].organizations == []  # too short to be a prefix


@pytest.mark.parametrize("text, number", [("十三", 13), ("二十", 20), ("九", 9), ("一百零一", 101), ("12", 12)])
def test_chinese_numbers(text, number):
    assert parsing.chinese_number(text) == number


def test_a_zip_bomb_disguised_as_docx_is_refused_before_unpacking():
    import io
    import zipfile

    from zwgk.workplan import parsing

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/image1.png", b"\0" * (80 * 1024 * 1024))  # 80 MB of zeros, about 80 KB packed
    with pytest.raises(parsing.ParseError, match="解压后超过"):
        parsing.read_text(buf.getvalue(), "要点.docx")
