"""Screening rules against a planted corpus: every planted item is found, masked forms and look-alikes are not."""

from __future__ import annotations

import io
import json
import random
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk.core.codes import id_check_char
from zwgk.core.models import AuditEntry
from zwgk.screening import docnumber, engine, extract
from zwgk.screening.models import Term
from zwgk.screening.rules import luhn_ok
from zwgk.screening.services import import_terms, save_term


def make_id(prefix="360222", birth="19900307", seq="123"):
    body = prefix + birth + seq
    return body + id_check_char(body)


def make_card(prefix="622202", length=19):
    body = prefix + "".join(random.Random(length).choice("0123456789") for _ in range(length - len(prefix) - 1))
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError


ID = make_id()
ID_X = next(make_id(seq=f"{n:03d}") for n in range(1000) if make_id(seq=f"{n:03d}").endswith("X"))
CARD = make_card()
CARD16 = make_card("621700", 16)

POSITIVES = {
    "id_number": [ID, ID_X, ID_X[:-1] + "x", "360222900307123", ID[:-1] + ("0" if ID[-1] != "0" else "1"),
                  "３６０２２２１９９００３０７１２３７", "360222 19900307 1237", "360222 1990 0307 1234"],
    "mobile": ["13812345678", "139-1234-5678", "+8615012345678", "150 1234 5678"],
    "bank_card": [CARD, CARD16, " ".join([CARD16[i : i + 4] for i in range(0, 16, 4)]), "6222 0212 3456 7890 128",
                  "6222 0212 3456 7890 123"],
    "secrecy_mark": ["秘密★1年", "机密★长期", "绝密★", "内部资料，注意保存", "此件不宜公开", "内部资料 注意保存", "密级：机密"],
    "term": ["党史教育", "一带一路战略"],
}

NEGATIVES = [
    "360222********1234",  # masked ID
    "3602221990******12",  # masked ID (publishing.md form)
    "360222199013071234",  # impossible month
    "138****5678",  # masked mobile
    "0798-2621000",  # landline
    "12345678901",  # 11 digits not starting 13-19
    CARD[:-1] + str((int(CARD[-1]) + 1) % 10),  # fails Luhn
    "6222 **** **** 1234",  # masked card
    "依法保护国家秘密、商业秘密和个人隐私",  # legal phrase, not a marking
    "加强内部控制和内部审计",  # 内部 in ordinary words
    "党史学习教育",  # the right form contains no wrong one
    "浮府办发〔2024〕12号",  # valid document number
    "索引号 11360222MB0000011W/2024-00012",  # not an ID or card
    "索引号：014349/2023-09665",  # an index number
    "索引号：000014349/2017-00110",
    "成文日期：2023年3月7日，20230307，2023-03-07",  # dates
    "咨询电话：0798-2621000，0798 2622001",  # landlines
    "浮府办发〔2023〕15号、浮府字〔2024〕3号",  # document numbers
    "依法不宜公开的政府信息",  # the wording of the law and of disclosure guides, not a marking
    "对依法不宜公开的，应当说明理由",
    "确保国家机密安全",
    "保守国家秘密",
    "国家秘密的密级分为绝密、机密、秘密三级",  # 保守国家秘密法 on 密级
]


@pytest.fixture
def terms(db):
    for wrong, right in (("党史教育", "党史学习教育"), ("一带一路战略", "“一带一路”倡议"), ("学习教育", "党史学习教育")):
        save_term(None, wrong=wrong, right=right, kind="wrong", severity="warn", note="", is_active=True)


def corpus() -> tuple[str, list[tuple[str, int, int]]]:
    """A county-style text with every positive planted once between sentences, and every negative too."""
    rng = random.Random(42)
    filler = ["浮梁县人民政府办公室关于做好2024年政务公开工作的通知。", "各乡（镇）人民政府，县政府有关部门：", "现将有关事项通知如下。"]
    parts, planted, pos = [], [], 0
    items = [(rule, value) for rule, values in POSITIVES.items() for value in values]
    rng.shuffle(items)
    for rule, value in items:
        for chunk in (rng.choice(filler), "联系人：", value, "。\n" if rule == "secrecy_mark" else "。"):
            if chunk is value:
                planted.append((rule, pos, pos + len(value)))
            parts.append(chunk)
            pos += len(chunk)
    for value in NEGATIVES:
        chunk = f"{rng.choice(filler)}{value}。"
        parts.append(chunk)
        pos += len(chunk)
    return "".join(parts), planted


def test_every_planted_item_is_found_and_nothing_else(terms):
    text, planted = corpus()
    findings = engine.screen_text(text)
    found = {(f.rule, f.start, f.end) for f in findings}
    for rule, start, end in planted:
        assert (rule, start, end) in found, f"missed {rule} {text[start:end]!r}"
    extra = found - {(r, s, e) for r, s, e in planted}
    assert extra == set(), [(r, text[s:e]) for r, s, e in extra]


@pytest.mark.parametrize("value", NEGATIVES)
def test_negatives_alone_are_clean(terms, value):
    assert engine.screen_text(value) == []


def test_personal_data_and_marks_block_terms_warn(terms):
    findings = engine.screen_text(f"身份证 {ID}，党史教育。")
    assert {(f.rule, f.severity) for f in findings} == {("id_number", "block"), ("term", "warn")}
    assert engine.has_blocking(findings)
    term = next(f for f in findings if f.rule == "term")
    assert term.message == "“党史教育”应为“党史学习教育”"


@given(st.dates().filter(lambda d: 1950 <= d.year <= 2020), st.integers(0, 999))
def test_any_valid_id_is_found(birth, seq):
    number = make_id(birth=birth.strftime("%Y%m%d"), seq=f"{seq:03d}")
    from zwgk.screening.rules import IdNumberRule, Subject

    assert [f.text for f in IdNumberRule().scan(Subject(text=f"号码{number}。"))] == [number]


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.text) for f in engine.screen_text(text)]


class TestIdNumberWorkedExamples:
    """GB 11643-1999 on 360222 (浮梁县) 19900307 123, by hand:
    digits   3  6  0  2  2  2  1  9  9  0  0  3  0  7  1  2  3
    weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    products 21 54 0 10 16  8  2  9 54  0  0 27  0 35  8  8  6   sum 258
    258 mod 11 = 5, and the check characters 1 0 X 9 8 7 6 5 4 3 2 give 7: 360222199003071237."""

    VALID = "360222199003071237"

    def test_the_hand_computed_check_digit(self):
        assert id_check_char(self.VALID[:17]) == "7"

    def test_valid_blocks_in_every_written_form(self, db):
        for written in (self.VALID, "３６０２２２１９９００３０７１２３７", "360222 19900307 1237", "360222\u300019900307\u30001237",
                        "360222 1990 0307 1237", "360222-19900307-1237"):
            assert found(f"申请人身份证号{written}。") == [("id_number", "block", written)], written

    def test_wrong_check_digit_is_a_warning(self, db):
        # the same number ending in 4 (the check character should be 7), as the issue writes it
        for written in ("360222199003071234", "３６０２２２１９９００３０７１２３４", "360222 19900307 1234"):
            [(rule, severity, text)] = found(f"身份证号{written}。")
            assert (rule, severity, text) == ("id_number", "warn", written)
        message = engine.screen_text("360222199003071234")[0].message
        assert message.startswith("可能为身份证号，校验位不符") and "应为“7”" in message

    def test_region_and_birth_date_must_be_possible(self, db):
        from zwgk.screening.rules import IdNumberRule, Subject, region_ok

        # 99 is no province: 99022219900307123 has check digit 4 by the same sum (63 81 0 10 16 8 2 9 54 0 0 27 0 35 8 8 6
        # = 327, 327 mod 11 = 8, character 4), and is still no ID number.
        assert id_check_char("99022219900307123") == "4"
        assert list(IdNumberRule().scan(Subject("990222199003071234"))) == []
        assert region_ok("360222") and region_ok("441900") and region_ok("469001") and region_ok("810000")
        assert not region_ok("360022") and not region_ok("368022") and not region_ok("710000")
        # 1990-13-07 is no date: nothing, whatever the last digit
        assert [f for f in engine.screen_text("360222199013071234") if f.rule == "id_number"] == []

    def test_no_false_positives_on_official_numbers(self, db):
        text = ("索引号：014349/2023-09665 浮府办发〔2023〕15号 成文日期：2023年3月7日 20230307 "
                "联系电话：0798-2621000 统一社会信用代码：11360222MB0000011W")
        assert found(text) == []


class TestBankCardWorkedExamples:
    """Luhn (ISO/IEC 7812-1) on 622202 123456789012, by hand: from the right of these 18 digits double every
    other digit starting with the last: 2→4, 0→0, 8→16→7, 6→12→3, 4→8, 2→4, 2→4, 2→4, 2→4 (sum 38); the others
    1 9 7 5 3 1 0 2 6 (sum 34); 38 + 34 = 72, so the check digit is 8: 6222 0212 3456 7890 128."""

    def test_the_hand_computed_check_digit(self):
        assert luhn_ok("6222021234567890128") and not luhn_ok("6222021234567890123")

    def test_grouped_four_by_four_and_full_width(self, db):
        for written in ("6222021234567890128", "6222 0212 3456 7890 128", "6222-0212-3456-7890-128", "６２２２ ０２１２ ３４５６ ７８９０ １２８"):
            assert found(f"收款账号{written}。") == [("bank_card", "block", written)], written

    def test_grouped_but_failing_luhn_is_a_warning(self, db):
        # the example: ...123 sums to 75, not a multiple of 10
        assert found("账号 6222 0212 3456 7890 123。") == [("bank_card", "warn", "6222 0212 3456 7890 123")]
        assert found("编号6222021234567890123。") == []  # a plain run of digits failing Luhn is nothing

    def test_five_groups_of_four_are_not_a_card(self, db):
        assert [f for f in engine.screen_text("6222 0212 3456 7890 1284") if f.rule == "bank_card"] == []


class TestSecrecyWorkedExamples:
    """GB/T 9704-2012 §7.2.2: 密级和保密期限 at the top left, e.g. 机密★1年; with 份号 above and 紧急程度 below."""

    @pytest.mark.parametrize(
        "text",
        ["依法不宜公开的政府信息", "行政机关不得公开涉及国家秘密的政府信息。对依法不宜公开的，应当告知申请人并说明理由。",
         "确保国家机密安全", "保守国家秘密", "各单位要严格遵守保密纪律，保守国家秘密和工作秘密",
         "国家秘密的密级分为绝密、机密、秘密三级", "绝密级国家秘密", "加强内部管理", "（此件公开发布）"],
    )
    def test_statutory_and_ordinary_wording_is_no_finding(self, db, text):
        assert found(text) == []

    @pytest.mark.parametrize(
        ("text", "marked"),
        [
            ("000123\n机密★1年\n特急\n浮梁县人民政府关于……", "机密★1年"),
            ("秘密★6个月\n正文", "秘密★6个月"),
            ("绝密\n关于……的通知", "绝密"),
            ("机密级\n关于……的通知", "机密级"),
            ("密级：秘密\n", "密级：秘密"),
            ("内部资料 注意保存\n", "内部资料 注意保存"),
            ("内部资料，不得外传", "内部资料，不得外传"),
            ("（此件不公开）", "此件不公开"),
            ("不宜公开\n关于……", "不宜公开"),
        ],
    )
    def test_marks_block(self, db, text, marked):
        assert found(text) == [("secrecy_mark", "block", marked)]

    def test_loose_words_outside_the_law_warn(self, db):
        assert found("该材料属于机密，请勿转发。") == [("secrecy_mark", "warn", "机密")]


class TestDocNumber:
    def test_valid(self):
        docnumber.validate_doc_number("浮府办发〔2024〕12号")

    @pytest.mark.parametrize(
        ("bad", "says", "fixed"),
        [
            ("浮府办发[2024]12号", "六角括号", "浮府办发〔2024〕12号"),
            ("浮府办发(2024)12号", "六角括号", "浮府办发〔2024〕12号"),
            ("浮府办发【2024】12号", "六角括号", "浮府办发〔2024〕12号"),
            ("浮府办发〔24〕12号", "四位", "浮府办发〔2024〕12号"),
            ("浮府办发〔2024〕第12号", "不加“第”", "浮府办发〔2024〕12号"),
            ("浮府办发〔2024〕012号", "不编虚位", "浮府办发〔2024〕12号"),
        ],
    )
    def test_errors_say_what_is_wrong_and_the_right_form(self, bad, says, fixed):
        with pytest.raises(ValidationError) as exc:
            docnumber.validate_doc_number(bad)
        message = exc.value.messages[0]
        assert says in message and f"应写作“{fixed}”" in message

    def test_found_in_text(self, db):
        findings = engine.screen_text("根据浮府办发[2024]12号文件精神。", )
        assert [(f.rule, f.text) for f in findings] == [("doc_number_format", "浮府办发[2024]12号")]
        assert "应为“浮府办发〔2024〕12号”" in findings[0].message


class TestFiles:
    def test_sniff_by_content_not_name(self, tmp_path):
        import docx

        doc = docx.Document()
        doc.add_paragraph("测试")
        buf = io.BytesIO()
        doc.save(buf)
        assert extract.sniff(buf.getvalue()) == "docx"
        assert extract.sniff(b"%PDF-1.4\n") == "pdf"
        assert extract.sniff(b"MZ\x90\x00\x03" + b"\x00" * 100) is None  # an executable named .pdf stays unknown
        assert extract.sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100) == "ole"

    def test_command_on_docx(self, terms, tmp_path, capsys):
        import docx

        doc = docx.Document()
        doc.add_paragraph("秘密★1年")
        doc.add_paragraph(f"经办人手机 13812345678，身份证 {ID}。")
        table = doc.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "党史教育"
        path = tmp_path / "通知.docx"
        doc.save(path)
        call_command("screen", str(path), "--json")
        payload = json.loads(capsys.readouterr().out)
        assert {f["rule"] for f in payload["findings"]} == {"secrecy_mark", "mobile", "id_number", "term"}
        assert all(set(f) == {"rule", "severity", "start", "end", "text", "message"} for f in payload["findings"])

    def test_command_on_pdf(self, db, tmp_path, capsys):
        path = tmp_path / "a.pdf"
        path.write_bytes(minimal_pdf(f"Contact 13812345678 ID {ID}"))
        call_command("screen", str(path), "--json")
        rules = sorted(f["rule"] for f in json.loads(capsys.readouterr().out)["findings"])
        assert rules == ["id_number", "mobile"]

    def test_command_refuses_unknown_files(self, db, tmp_path):
        from django.core.management import CommandError

        path = tmp_path / "fake.pdf"
        path.write_bytes(b"MZ\x90\x00" * 10)
        with pytest.raises(CommandError, match="无法识别"):
            call_command("screen", str(path))
        with pytest.raises(CommandError, match="找不到文件"):
            call_command("screen", str(tmp_path / "none.txt"))



def zip_of(members: dict[str, bytes | list[bytes]]) -> bytes:
    """A deflated ZIP; a member given as a list of chunks is written chunk by chunk (a 100 MB member costs no 100 MB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            with zf.open(name, "w") as fh:
                for chunk in content if isinstance(content, list) else [content]:
                    fh.write(chunk)
    return buf.getvalue()


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """The archive with ``name``'s uncompressed size rewritten to ``size`` in its local header and central directory."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info, start_dir = zf.getinfo(name), zf.start_dir
    assert info.flag_bits & 0x08 == 0 and info.file_size < 0xFFFFFFFF  # sizes in the header, not in a data descriptor or ZIP64
    struct.pack_into("<I", out, info.header_offset + 22, size)
    pos = start_dir
    while out[pos : pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack_from("<HHH", out, pos + 28)
        if out[pos + 46 : pos + 46 + n].decode() == name:
            struct.pack_into("<I", out, pos + 24, size)
        pos += 46 + n + m + k
    return bytes(out)


PHONE_LINE = "联系人手机 13912345678\n".encode()
FILLER = ("公开信息。\n" * 65_536).encode()  # 1 MB (16-byte lines) that deflates over 1000:1


class TestBombs:
    """Extraction is bounded by bytes actually unpacked, by total, per member, by ratio, members and nesting."""

    def test_zip_bomb_is_cut_at_the_limits(self):
        bomb = zip_of({"名单.txt": PHONE_LINE, **{f"第{i}部分.txt": [FILLER] * 10 for i in range(10)}})
        assert len(bomb) < 300 * 1024  # some 100 MB inside
        assert len(extract.extract_text(bomb)) <= 2_000_000  # unbounded, it was all 100 MB
        result = extract.extract(bomb)
        assert extract.TOO_BIG in result.problems
        assert len(result.text) <= extract.MAX_TEXT_CHARS
        assert "13912345678" in result.text  # what was read before the limit is kept

    def test_member_longer_than_its_declared_size(self):
        data = declare_size(zip_of({"名单.txt": PHONE_LINE, "大.txt": [FILLER] * 5}), "大.txt", 1000)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.getinfo("大.txt").file_size == 1000
        result = extract.extract(data)
        assert extract.DAMAGED in result.problems
        assert "13912345678" in result.text
        assert len(result.text) < 1000  # only the declared 1000 bytes came out; the rest was never decompressed

    def test_docx_bomb_keeps_the_words_read(self, db):
        import docx

        d = docx.Document()
        d.add_paragraph("联系人手机 13912345678")
        buf = io.BytesIO()
        d.save(buf)
        with zipfile.ZipFile(buf) as zf:
            parts = {n: zf.read(n) for n in zf.namelist()}
        body = parts["word/document.xml"]
        cut = body.index(b"<w:sectPr")
        filler = b"<w:p><w:r><w:t>" + FILLER + b"</w:t></w:r></w:p>"
        parts["word/document.xml"] = [body[:cut], *[filler] * 30, body[cut:]]  # 30 MB of paragraphs
        bomb = zip_of(parts)
        assert extract.sniff(bomb) == "docx"
        result = extract.extract(bomb)
        assert extract.TOO_BIG in result.problems
        assert "13912345678" in result.text and len(result.text) <= extract.MAX_TEXT_CHARS
        assert [f.rule for f in engine.screen_text(result.text[:200])] == ["mobile"]

    def test_pictures_in_a_package_are_not_unpacked(self, monkeypatch):
        import docx

        raw = b"".join(b"\x00" + random.Random(row).randbytes(3 * 512) for row in range(400))  # 512×400 noise: 600 KB
        chunk = lambda kind, body: struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))  # noqa: E731
        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 512, 400, 8, 2, 0, 0, 0)) + \
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
        d = docx.Document()
        d.add_paragraph("联系人手机 13912345678")
        d.add_picture(io.BytesIO(png))
        buf = io.BytesIO()
        d.save(buf)
        monkeypatch.setattr(extract, "MAX_MEMBER_BYTES", 500 * 1024)  # smaller than the picture, larger than any XML part
        result = extract.extract(buf.getvalue())
        assert result.problems == [] and "13912345678" in result.text

    def test_nesting_and_member_count(self):
        nested = PHONE_LINE
        for level in range(extract.MAX_NESTING + 1):
            nested = zip_of({f"第{level}层.zip" if level else "名单.txt": nested})
        result = extract.extract(nested)
        assert result.problems == [extract.TOO_DEEP] and "13912345678" not in result.text
        many = zip_of({f"{i}.txt": b"x" for i in range(extract.MAX_MEMBERS + 5)})
        result = extract.extract(many)
        assert result.problems == [extract.TOO_MANY] and "1004.txt" not in result.text and "999.txt" in result.text

    def test_pdf_pages_are_bounded(self, monkeypatch):
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        page = PdfReader(io.BytesIO(minimal_pdf("Contact 13912345678"))).pages[0]
        for _ in range(3):
            writer.add_page(page)
        buf = io.BytesIO()
        writer.write(buf)
        monkeypatch.setattr(extract, "MAX_PDF_PAGES", 2)
        result = extract.extract(buf.getvalue())
        assert result.text.count("13912345678") == 2 and result.problems == [extract.TOO_MANY_PAGES]


def minimal_pdf(line: str) -> bytes:
    """A one-page PDF with one line of Helvetica text, built by hand (offsets computed)."""
    stream = f"BT /F1 12 Tf 50 750 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class TestTerms:
    def test_list_changes_take_effect_and_are_logged(self, people):
        assert engine.screen_text("浮梁瓷器") == []
        save_term(people["gkb"], wrong="瓷器", right="陶瓷", kind="wrong", severity="warn", note="", is_active=True)
        assert [f.text for f in engine.screen_text("浮梁瓷器")] == ["瓷器"]
        term = Term.objects.get(wrong="瓷器")
        save_term(people["gkb"], term, is_active=False)
        assert engine.screen_text("浮梁瓷器") == []
        assert AuditEntry.objects.filter(action="screening.term.save").count() == 2

    def test_editor_cannot_edit_the_list(self, people):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            save_term(people["jiaoti_editor"], wrong="x", right="y", kind="wrong", severity="warn", note="", is_active=True)

    def test_import_is_all_or_nothing_with_line_numbers(self, people):
        good = "词语,正确表述,类型,级别,说明\n瓷都,中国瓷都,错误表述,提示,\n反动,,敏感词,阻止发布,\n"
        assert import_terms(people["gkb"], good) == 2
        bad = "甲,乙,错误表述,提示,\n丙,,错误表述,提示,\n"
        with pytest.raises(ValidationError) as exc:
            import_terms(people["gkb"], bad)
        assert "第 2 行" in exc.value.messages[0]
        assert not Term.objects.filter(wrong="甲").exists()


def test_dead_links_against_a_local_server(db, settings):
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):  # noqa: N802
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.ZWGK_SCREENING_CHECK_LINKS = True
    try:
        text, links = engine.html_to_text(f'<p><a href="{base}/ok">好</a> <a href="{base}/gone">坏</a></p>')
        findings = engine.screen_text(text, links=links)
    finally:
        server.shutdown()
    assert [(f.rule, f.text, f.message) for f in findings] == [("dead_link", f"{base}/gone", "链接无法打开：HTTP 404")]


# The number rules' patterns are written digit-first for speed (bench/screening.py); each must find exactly what its
# plain form (a look-behind, then the number) finds.
_SEP = r"[ \u00a0\u3000-]"
_PLAIN_FORMS = {
    "ID18": r"(?<![0-9A-Za-z])\d{6}(?:\d{8}|(" + _SEP + r")\d{8}\1|(" + _SEP + r")\d{4}\2\d{4}\2)\d{3}[0-9Xx](?![0-9A-Za-z])",
    "ID15": r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{2})(\d{2})(\d{2})(\d{3})(?![0-9A-Za-z])",
    "mobile": r"(?<![0-9])(?:(?:\+|00)?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])",
    "card": r"(?<![0-9A-Za-z])(?:\d{16,19}|(?<!\d" + _SEP + r")\d{4}(" + _SEP + r")\d{4}\1\d{4}\1\d{4}(?:\1?\d{1,3})?(?!\1\d))(?![0-9A-Za-z])",
}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789" * 6 + " -+aX中\u3000", min_size=5, max_size=40))
def test_the_fast_number_patterns_match_their_plain_forms(text):
    import re

    from zwgk.screening.rules import BankCardRule, IdNumberRule, MobileRule

    fast = {"ID18": IdNumberRule.ID18, "ID15": IdNumberRule.ID15, "mobile": MobileRule.PATTERN, "card": BankCardRule.PATTERN}
    for name, plain in _PLAIN_FORMS.items():
        assert [m.span() for m in fast[name].finditer(text)] == [m.span() for m in re.finditer(plain, text)], name
