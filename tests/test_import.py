"""Migration from an existing site: zwgk import-documents FILE.jsonl --org ORG."""

import json

import pytest
from django.core.management import CommandError, call_command

from zwgk.core.models import AuditEntry
from zwgk.publishing.models import DocStatus, Document


def write(tmp_path, rows):
    path = tmp_path / "old-site.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


GOOD = [
    {"title": "浮梁县人民政府办公室关于印发2024年浮梁县政务公开工作要点的通知", "body": "各乡（镇）人民政府：\n现印发给你们。",
     "issuer": "浮梁县人民政府办公室", "doc_number": "浮府办字〔2024〕35号", "index_no": "000014349/2024-00110",
     "written_date": "2024年7月16日", "publish_date": "2024年07月16日 16:40", "topic": "综合政务\\政务公开",
     "genre": "通知", "validity": "有效", "url": "https://www.fuliang.gov.cn/art/2024/7/16/art_1.html"},
    {"title": "关于公布2023年度行政规范性文件清理结果的通知", "body": "<p>清理结果如下。</p>", "written_date": "2024-01-05",
     "publish_date": "2024/1/8", "topic": "综合政务/政务公开", "genre": "通知", "validity": "有效"},
]


@pytest.mark.django_db
def test_import_keeps_index_numbers_and_logs_each_item(tmp_path, county, people):
    call_command("import-documents", str(write(tmp_path, GOOD)), "--org", county["office"].name)
    first = Document.objects.get(index_no="000014349/2024-00110")
    assert first.status == DocStatus.PUBLISHED and first.organization == county["office"]
    from django.utils import timezone

    assert timezone.localtime(first.published_at).isoformat().startswith("2024-07-16T16:40:00+08:00")
    assert first.written_date.isoformat() == "2024-07-16" and first.origin_url.endswith("art_1.html")
    assert first.body_html == "<p>各乡（镇）人民政府：</p><p>现印发给你们。</p>"
    second = Document.objects.exclude(pk=first.pk).get()
    assert second.index_no == f"{county['office'].code}/2024-00001" and second.topic == "综合政务\\政务公开"
    entries = AuditEntry.objects.filter(action="publishing.document.import")
    assert entries.count() == 2 and "原网址" in entries.get(object_id=str(first.pk)).summary


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_nothing_is_imported(tmp_path, county, people):
    rows = [
        GOOD[1],
        {"title": "", "written_date": "2024-01-01"},
        {"title": "日期错", "written_date": "2024年13月1日"},
        "{not json",
        {"title": "体裁错", "written_date": "2024-01-01", "genre": "随笔"},
        {**GOOD[0], "title": "索引号重复"},
        {**GOOD[0], "title": "又一个重复"},
    ]
    with pytest.raises(CommandError) as exc:
        call_command("import-documents", str(write(tmp_path, rows)), "--org", county["office"].code)
    message = str(exc.value)
    for expected in ("第 2 行：缺少标题", "第 3 行：成文日期“2024年13月1日”不是有效的日期", "第 4 行：不是有效的 JSON",
                     "第 5 行：体裁“随笔”", "第 7 行：索引号“000014349/2024-00110”重复"):
        assert expected in message, expected
    assert "第 1 行" not in message and "第 6 行" not in message
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_unknown_org_and_file(tmp_path, county, people):
    with pytest.raises(CommandError, match="找不到机构"):
        call_command("import-documents", str(write(tmp_path, GOOD)), "--org", "不存在的局")
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import-documents", str(tmp_path / "none.jsonl"), "--org", county["office"].code)


@pytest.mark.django_db
def test_catalog_and_terms_commands(tmp_path, people):
    from zwgk.publishing.models import CatalogItem
    from zwgk.screening.models import Term

    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        "\ufeff领域,公开事项（一级）,公开事项（二级）,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
        "就业,就业服务,招聘信息,岗位,,,县人社局,,全社会,主动,县级\n", encoding="utf-8")
    call_command("import-catalog", str(catalog))
    assert CatalogItem.objects.filter(level2="招生信息").count() == 0 and CatalogItem.objects.filter(level2="招聘信息").exists()
    terms = tmp_path / "terms.csv"
    terms.write_text("瓷都,中国瓷都,错误表述,提示,\n坏行,,错误表述,提示,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行"):
        call_command("import-terms", str(terms))
    assert not Term.objects.filter(wrong="瓷都").exists()
    (tmp_path / "gbk.csv").write_bytes("瓷都".encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8"):
        call_command("import-terms", str(tmp_path / "gbk.csv"))
