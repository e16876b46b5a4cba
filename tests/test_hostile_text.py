"""Control characters and formula prefixes in what people type: cleaned at the boundary, never stored, and every
Word and Excel file still opens with old data that holds them; staff can correct an applicant's details."""

import ast
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document as Docx
from openpyxl import load_workbook

from zwgk.applications import services
from zwgk.applications.models import Application
from zwgk.core import audit, exports, text
from zwgk.core.models import AuditEntry

from .test_applications import applicant
from .test_applications_views import form_data

ESC = "\x1b"
FORMULA = '=HYPERLINK("http://127.0.0.1/x","点击")'


def _sheet_rows(content: bytes) -> list[tuple]:
    return [tuple(c for c in row) for row in load_workbook(io.BytesIO(content)).active.iter_rows()]


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Docx(io.BytesIO(content)).paragraphs)


def _reply(client, app: Application) -> None:
    today = timezone.localdate().isoformat()
    response = client.post(f"/staff/applications/{app.pk}/reply/", {
        "reply-reply_type": "disclose", "reply-on": today, "reply-text": "文件一份，见附件", "reply-version": app.version})
    assert response.status_code == 302, response.content.decode()[:2000]


def _exports_open(client, people, apps: list[Application]) -> dict:
    """The ledger, the audit log and each application's Word notice download and open; their texts."""
    client.force_login(people["jiaoti_editor"])
    ledger = client.get("/staff/applications/ledger/", {"format": "xlsx"})
    assert ledger.status_code == 200
    notices = {}
    for app in apps:
        _reply(client, app)
        response = client.get(f"/staff/applications/{app.pk}/notice/")
        assert response.status_code == 200
        notices[app.pk] = _docx_text(b"".join(response.streaming_content))
    client.force_login(people["gkb"])
    log = client.get("/staff/audit/export.xlsx")
    assert log.status_code == 200
    csv = client.get("/staff/audit/export.csv")
    assert csv.status_code == 200
    return {"ledger": _sheet_rows(ledger.content), "log": _sheet_rows(log.content), "notices": notices, "csv": csv.content.decode()}


def test_public_form_stores_clean_text_and_every_export_opens(client, county, people):
    client.post("/zfxxgk/apply/form/", form_data(county, name=f"张{ESC}三\x00", description=f"划片范围{ESC}的依据\r\n文件"))
    client.post("/zfxxgk/apply/form/", form_data(county, name=FORMULA, description="另一份政府信息的名称"))
    esc, formula = Application.objects.order_by("pk")
    assert (esc.name, esc.description) == ("张三", "划片范围的依据\n文件")
    assert formula.name == FORMULA  # a name is kept as typed: it is made harmless where it is written out
    assert not any(ESC in e.object_repr + e.summary for e in AuditEntry.objects.all())

    out = _exports_open(client, people, [esc, formula])
    ledger_names = {row[2].value: row[2] for row in out["ledger"][1:]}
    assert set(ledger_names) == {"张三", "'" + FORMULA}
    assert all(cell.data_type != "f" for row in out["ledger"] for cell in row)  # the formula is text, not a formula
    assert all(cell.data_type != "f" for row in out["log"] for cell in row)
    assert any("张三" in str(cell.value) for row in out["log"] for cell in row)
    assert out["notices"][esc.pk].startswith("政府信息公开申请答复告知书") and "张三：" in out["notices"][esc.pk]
    assert FORMULA + "：" in out["notices"][formula.pk]
    assert ",=HYPERLINK" not in out["csv"].replace('"', "")


def test_old_rows_with_control_characters_still_export(client, county, people):
    app = services.register(people["jiaoti_editor"], applicant(), county["jiaoti"], "in_person", timezone.localdate())
    with audit.allow_direct_writes():  # data stored before the text was cleaned (update() and bulk_create skip save())
        Application.objects.filter(pk=app.pk).update(name=f"张{ESC}三\x08", description=f"依据文件{ESC}\x07一份")
        AuditEntry.objects.bulk_create([AuditEntry(actor_name=f"旧{ESC}系统", action="core.account.login", action_label="登录",
                                                   summary=f"=1+1{ESC}", object_repr="\x0b")])
    app.refresh_from_db()
    assert ESC in app.name

    out = _exports_open(client, people, [app])
    assert out["ledger"][1][2].value == "张三" and out["ledger"][1][8].value == "依据文件一份"
    assert ("旧系统", "'=1+1") in {(r[1].value, r[7].value) for r in out["log"]}
    assert all(cell.data_type != "f" for row in out["log"] for cell in row)
    assert "张三：" in out["notices"][app.pk]


def test_every_module_writer_survives_hostile_strings():
    """The shared writers: characters XML cannot hold are dropped, formula prefixes quoted, numbers kept."""
    book = exports.Book()
    ws = book.sheet(f"表{ESC}")
    ws.append([f"a{ESC}b", "=SUM(A1)", "+1", "-2", "@x", "\tx", 3, None, dt.date(2025, 1, 2), "\ud800"])
    ws.cell(2, 1, "=1")
    cells = list(load_workbook(io.BytesIO(book.bytes())).active.iter_rows(values_only=True))
    assert cells[0][:8] == ("ab", "'=SUM(A1)", "'+1", "'-2", "'@x", "'\tx", 3, None)
    assert cells[1][0] == "'=1"
    doc = exports.word_document(12)
    doc.add_paragraph(f"正文{ESC}\x00", bold=True, size=14)
    doc.add_heading(f"标题{ESC}", level=2)
    table = doc.add_table(rows=1, cols=2)
    exports.set_text(table.rows[0].cells[0], f"格{ESC}")
    doc.add_row(table, [f"行{ESC}", 5])
    opened = Docx(io.BytesIO(doc.bytes()))
    assert [p.text for p in opened.paragraphs] == ["正文", "标题"]
    assert [c.text for r in opened.tables[0].rows for c in r.cells] == ["格", "", "行", "5"]


SRC = Path(__file__).resolve().parent.parent / "src" / "zwgk"
READERS = {"workplan/parsing.py", "screening/extract.py"}  # they open uploaded files, they write none


def test_no_module_writes_spreadsheet_cells_or_word_text_itself():
    """Every .xlsx and .docx is written through zwgk.core.exports: no other module makes a workbook or document,
    adds runs or assigns a cell's text or value."""
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel == "core/exports.py" or "/migrations/" in rel:
            continue
        tree = ast.parse(path.read_text())
        writes_office = False
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("openpyxl", "docx") and rel not in READERS:
                offenders += [f"{rel}: from {node.module} import {a.name}" for a in node.names if a.name in ("Workbook", "Document")]
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                writes_office |= any(n.split(".")[0] in ("openpyxl", "docx") or n == "zwgk.core.exports" for n in names)
            if isinstance(node, ast.Attribute) and node.attr in ("add_run", "create_sheet"):
                offenders.append(f"{rel}:{node.lineno}: .{node.attr}")
        for node in ast.walk(tree):
            if writes_office and isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    for el in (t.elts if isinstance(t, ast.Tuple) else [t]):
                        if isinstance(el, ast.Attribute) and el.attr in ("text", "value"):
                            offenders.append(f"{rel}:{node.lineno}: .{el.attr} =")
    assert offenders == []


def test_text_clean():
    assert text.clean(f"a{ESC}b\x00c\x7f\x85d\te\r\nf\rg") == "ab" + "cd\te\nf\ng"
    assert text.clean("e\u0301") == "\u00e9"  # NFC
    assert text.clean("") == ""


def test_query_strings_are_cleaned_and_passwords_are_not(rf):
    from zwgk.core.middleware import CleanTextMiddleware

    seen = {}

    def view(request):
        seen.update(q=request.GET["q"], name=request.POST["name"], password=request.POST["password"])
        return None

    request = rf.post(f"/x/?q=a{ESC}b", {"name": f"张{ESC}三", "password": f"p{ESC}w"})
    CleanTextMiddleware(view)(request)
    assert seen == {"q": "ab", "name": "张三", "password": f"p{ESC}w"}


def test_models_never_store_unclean_text(people, county):
    from zwgk.core.services import orgs

    orgs.update_organization(people["admin"], county["jiaoti"], address=f"浮梁镇{ESC}朝阳路\r\n1号")
    county["jiaoti"].refresh_from_db()
    assert county["jiaoti"].address == "浮梁镇朝阳路\n1号"


def test_imports_clean_their_text():
    from zwgk.publishing.importing import parse_row
    from zwgk.workplan.parsing import read_text

    row = parse_row('{"title": "关于\\u001b印发的通知", "body": "正文", "publish_date": "2024-07-16"}')
    assert row["content"]["title"] == "关于印发的通知"
    assert read_text("一、总体要求\x1b\r\n".encode()) == "一、总体要求\n"


class TestCorrectApplicant:
    @pytest.fixture
    def app(self, people, county):
        return services.register(people["jiaoti_editor"], applicant(name=f"张{ESC}叁"), county["jiaoti"], "in_person", dt.date(2025, 9, 26))

    def test_staff_correct_the_name_on_the_detail_page_and_it_is_logged(self, client, people, app):
        client.force_login(people["jiaoti_editor"])
        page = client.get(f"/staff/applications/{app.pk}/").content.decode()
        assert "更正申请人信息" in page and app.id_number not in page  # the form does not show the full numbers
        fields = {"applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": "", "phone": "13907985678",
                  "email": "zhangsan@example.com", "reason": "申请人来电更正姓名"}
        response = client.post(f"/staff/applications/{app.pk}/applicant/", {f"applicant-{k}": v for k, v in fields.items()})
        assert response.status_code == 302
        before_id = app.id_number
        app.refresh_from_db()
        assert (app.name, app.phone, app.id_number, app.version) == ("张三", "13907985678", before_id, 2)
        entry = AuditEntry.objects.get(action="applications.correct_applicant")
        assert entry.actor == people["jiaoti_editor"]
        assert "申请人姓名/名称：张叁 → 张三" in entry.summary and "139****1234 → 139****5678" in entry.summary
        assert "13907985678" not in entry.summary + str(entry.changes) and "申请人来电更正姓名" in entry.summary

    def test_bad_values_are_refused_in_chinese_and_change_nothing(self, client, people, app):
        client.force_login(people["jiaoti_editor"])
        fields = {"applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": "360222198001011230",
                  "phone": "", "email": "zhangsan@example.com", "reason": "更正证件号码"}
        page = client.post(f"/staff/applications/{app.pk}/applicant/", {f"applicant-{k}": v for k, v in fields.items()})
        assert page.status_code == 200 and "身份证号码校验位不符" in page.content.decode()
        app.refresh_from_db()
        assert app.name == "张叁" and app.version == 1
        with pytest.raises(ValidationError, match="更正的原因"):
            services.correct_applicant(people["jiaoti_editor"], app, name="张三", reason=" ")
        with pytest.raises(ValidationError, match="没有需要更正的内容"):
            services.correct_applicant(people["jiaoti_editor"], app, name="张叁", reason="无变化")
        assert not AuditEntry.objects.filter(action="applications.correct_applicant").exists()

    def test_other_units_cannot_correct(self, client, people, app):
        from django.core.exceptions import PermissionDenied

        client.force_login(people["weijian_reviewer"])
        assert client.post(f"/staff/applications/{app.pk}/applicant/", {"applicant-name": "李四"}).status_code == 404
        with pytest.raises(PermissionDenied):
            services.correct_applicant(people["weijian_reviewer"], app, name="李四", reason="越权")
        app.refresh_from_db()
        assert app.name == "张叁"
