"""The formal reply notice (告知书) as a Word document, one template per reply type, and the notices of the steps
before it (补正, 延期, 收费).

Each notice names the office, states the decision and its legal basis, the applicant's remedies
(行政复议 within 60 days, 行政诉讼 within 6 months: 行政复议法 Art. 20, 行政诉讼法 Art. 46) and the date. Layout as
county offices use GB/T 9704-2012 (``core.exports.official_document``): A4, title, the office's own document number
(``numbering``), the addressee, body paragraphs, office and date. The applicant is addressed as the applicant is:
“你” for a natural person, “你单位” for an organization. See docs/domain/notices.md.
"""

from __future__ import annotations

import re

from django.core.files.base import ContentFile

from . import numbering, rules
from .models import Application
from .report.rows import ROW_LABEL

TITLES = {
    "予以公开": "政府信息公开申请答复告知书",
    "部分公开": "政府信息部分公开告知书",
    "不予公开": "政府信息不予公开告知书",
    "无法提供": "政府信息无法提供告知书",
    "不予处理": "政府信息公开申请不予处理告知书",
    "其他处理": "政府信息公开申请处理告知书",
}

# What the notice says, per reply type. {text}: what staff wrote (the information or how to get it),
# {reason}: the ground, {withheld}: the parts not disclosed, {agency}: the responsible agency.
BODIES = {
    "already_public": "{you}申请获取的政府信息已经主动公开。根据{basis}的规定，现告知获取方式和途径：{text}",
    "disclose": "经审查，{you}申请获取的政府信息属于公开范围。根据{basis}的规定，本机关予以公开：{text}",
    "partial": "经审查，{you}申请获取的政府信息中，部分内容可以公开。根据{basis}的规定，本机关提供可以公开的内容：{text}\n"
               "不予公开的内容及理由：{withheld}。{reason}",
    "not_held": "经查，本机关不掌握{you}申请获取的政府信息。{reason}根据{basis}的规定，特此告知。{agency_sentence}",
    "needs_making": "经查，本机关没有{you}申请获取的现成信息，需要对现有政府信息进行加工、分析才能形成。{reason}"
                    "根据{basis}的规定，本机关不予提供。",
    "still_unclear": "{you}补正后的申请内容仍不明确，本机关无法确定所需的政府信息。{reason}根据{basis}的规定，特此告知。",
    "petition": "{you}以政府信息公开申请的形式提出的是信访、投诉、举报等诉求，本机关不作为政府信息公开申请处理，"
                "可以通过相应渠道提出。根据{basis}的规定，特此告知。{reason}",
    "repeat": "{you}提出的申请与此前已答复的申请内容相同，属于重复申请。根据{basis}的规定，本机关不予重复处理。{reason}",
    "publication": "{you}要求提供的是公开出版物，可以通过公开渠道获取。根据{basis}的规定，本机关不予处理。{reason}",
    "excessive": "{you}申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或所说明的理由不合理。"
                 "根据{basis}的规定，本机关不予处理。{reason}",
    "confirm": "{you}要求本机关确认或者重新出具已经获取的信息，不属于政府信息公开申请的处理范围。"
               "根据{basis}的规定，本机关不予处理。{reason}",
    "no_correction": "本机关已一次性告知{you}补正申请，{you}无正当理由逾期未补正。根据{basis}的规定，视为放弃申请，"
                     "本机关不再处理该政府信息公开申请。{reason}",
    "unpaid": "本机关已向{you}发出收费通知，{you}逾期未按要求缴纳信息处理费。根据{basis}的规定，视为放弃申请，"
              "本机关不再处理该政府信息公开申请。{reason}",
    "special_procedure": "{you}申请获取的信息，法律、行政法规对其获取有专门规定，请按照有关规定办理：{text}。"
                         "根据{basis}的规定，特此告知。{reason}",
    "other": "{reason}{text}",
}
NOT_DISCLOSED = "经审查，{you}申请获取的政府信息属于不予公开的范围：{label}。理由：{reason}根据{basis}的规定，本机关不予公开。"
REMEDIES = (f"如对本答复不服，可以在收到本告知书之日起{rules.RECONSIDERATION_DAYS}日内依法申请行政复议，"
            f"或者在{rules.LITIGATION_MONTHS}个月内依法向人民法院提起行政诉讼。")


def _cn_date(d) -> str:  # noqa: ANN001
    return f"{d.year}年{d.month}月{d.day}日"


# How each channel reads in “本机关于…收到你…提出的政府信息公开申请”.
CHANNEL_PHRASE = {"online": "通过互联网", "in_person": "当面", "registered_post": "以邮寄方式", "ordinary_post": "以邮寄方式",
                  "fax": "以传真方式", "email": "以电子邮件方式", "oral": "口头"}


def you(app: Application) -> str:
    """How the notice addresses the applicant: 你 (a person, 自然人) or 你单位 (an enterprise, institution, organization)."""
    return "你" if app.applicant_type == rules.NATURAL_PERSON else "你单位"


_DOUBLED = re.compile(r"([。，；：！？、])[。，；：！？、]+")


def tidy(text: str) -> str:
    """No doubled punctuation where a staff text meets the template (“……依据。。”, “理由：。”): the first mark stays,
    except that a sentence end wins over a comma before it."""
    text = re.sub(r"[，、；：]+。", "。", text)
    return _DOUBLED.sub(r"\1", text)


def notice_text(app: Application) -> tuple[str, list[str]]:
    """(title, paragraphs) of the notice for the application's reply."""
    kind = rules.REPLY_BY_CODE[app.reply_type]
    reason = app.reply_reason.rstrip("。") + "。" if app.reply_reason else ""
    values = {
        "you": you(app), "basis": kind.legal_basis, "text": app.reply_text, "reason": reason, "withheld": app.withheld.rstrip("。"),
        "agency_sentence": f"该政府信息的负责公开机关为：{app.responsible_agency}。" if app.responsible_agency else "",
        "label": ROW_LABEL[kind.report_row].split(".", 1)[-1],
    }
    template = NOT_DISCLOSED if kind.group == "不予公开" else BODIES[app.reply_type]
    body = template.format(**values)
    opening = (f"{app.name}：\n本机关于{_cn_date(app.received_on)}收到{you(app)}{CHANNEL_PHRASE.get(app.channel, "")}提出的政府信息公开申请"
               f"（查询码 {app.tracking_code}），申请获取“{app.description.rstrip('。')}”。")
    if app.corrected_on:
        opening += f"本机关于{_cn_date(app.correction_sent_on)}告知补正，于{_cn_date(app.corrected_on)}收到补正申请。"
    if app.extension_days:
        opening += f"经批准，答复期限延长{app.extension_days}个工作日。"
    paragraphs = [*opening.split("\n"), *body.split("\n"), REMEDIES, "特此告知。", app.organization.name, _cn_date(app.reply_on)]
    return TITLES[kind.group], [tidy(p) for p in paragraphs]


def build_notice(app: Application) -> tuple[str, ContentFile]:
    title, paragraphs = notice_text(app)
    addressee, *body, office, date = paragraphs
    data = _docx(title, [addressee, *body], office, app.reply_on, number=numbering.number_for(app, "reply"))
    return f"{app.tracking_code}-{app.reply_type}.docx", ContentFile(data)


# --- the notices of the steps before the reply: generated from what was recorded -----------------
def payment_method(org) -> str:  # noqa: ANN001
    """How to pay, as the office entered it on its profile (``Organization.fee_payment``); without it the applicant is
    told to ask by the office's telephone, which the notice must then carry."""
    method = " ".join((org.fee_payment or "").split())
    if method:
        return f"缴纳方式：{method.rstrip('。')}。"
    phone = f"（联系电话：{org.phone}）" if org.phone else ""
    return f"缴纳方式请与本机关联系{phone}。"


def _docx(title: str, paragraphs: list[str], office: str, date, number: str = "") -> bytes:  # noqa: ANN001
    """A notice: the title, its number, the addressee (the first paragraph), the body, then the office and the date."""
    from zwgk.core.exports import official_document

    doc = official_document()
    doc.title(title)
    if number:
        doc.number(number)
    addressee, *body = [tidy(p) for p in paragraphs]
    doc.addressee(addressee)
    for text in body:
        doc.body(text)
    doc.signature(office, _cn_date(date))
    return doc.bytes()


def _extended_due(app: Application) -> str:
    """“，至2026年1月28日” (the clock's due date after the extension; marked when provisional), or nothing."""
    from .clock import State
    from .selectors import clock

    c = clock(app, today=app.extension_on)
    if c.due is None or c.state not in (State.RUNNING, State.PAUSED, State.AWAITING_FEE):
        return ""
    tentative = f"（暂定，{'、'.join(map(str, c.provisional))}年节假日安排公布后以实际工作日为准）" if c.provisional else ""
    return f"，即延长至{_cn_date(c.due)}{tentative}"


def step_notice(app: Application, kind: str) -> tuple[str, bytes] | None:
    """(file name, .docx) of the correction notice (补正告知书, Art. 30), the extension notice (延期答复告知书,
    Art. 33), the fee notice (收费通知, 国办函〔2020〕109号) or the notice that the request is handled as several
    (分件办理告知书, 一事一申请); None when that step was not taken."""
    from . import fees

    opening = (f"{app.name}：\n本机关于{_cn_date(app.received_on)}收到{you(app)}提出的政府信息公开申请（查询码 {app.tracking_code}），"
               f"申请获取“{app.description.rstrip('。')}”。")
    office = app.organization.name
    if kind == "correction" and app.correction_sent_on:
        body = [*opening.split("\n"),
                f"经审查，{you(app)}的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请{you(app)}作出补正，"
                f"需要补正的事项如下：{app.correction_text}",
                f"请于{_cn_date(app.correction_deadline)}前补正。答复期限自本机关收到补正申请之日起计算。"
                "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。", "特此告知。"]
        return f"{app.tracking_code}-补正告知书.docx", _docx("政府信息公开申请补正告知书", body, office, app.correction_sent_on,
                                                                 number=numbering.number_for(app, "correction"))
    if kind == "extension" and app.extension_days:
        body = [*opening.split("\n"),
                f"因{app.extension_reason.rstrip('。')}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
                f"经本机关政府信息公开工作机构负责人同意，答复期限延长{app.extension_days}个工作日{_extended_due(app)}。", "特此告知。"]
        return f"{app.tracking_code}-延期答复告知书.docx", _docx("政府信息公开申请延期答复告知书", body, office, app.extension_on,
                                                                   number=numbering.number_for(app, "extension"))
    if kind == "fee" and app.fee_notice_on:
        from zwgk.core import workdays

        if app.fee_method == "items":
            basis = f"按件计收：本月{you(app)}向本机关提出的第{app.fee_quantity}件申请，收费标准为每件{fees.item_rate(app.fee_quantity)}元"
        else:
            basis = (f"按量计收：本次提供的信息共{app.fee_quantity}页，收费标准为 30 页以下（含）免费，31-100 页每页 10 元，"
                     "101-200 页每页 20 元，201 页以上每页 40 元")
        # The 20 working days run from the day after the applicant receives this notice (国办函〔2020〕109号第十条),
        # unknown when it is printed: the period in words, and its last day only once the receipt is on record.
        pay_by = f"请于收到本通知次日起{rules.FEE_PAYMENT_DAYS}个工作日内"
        if app.fee_notice_received_on:
            cal = workdays.load().fresh()
            try:
                due = cal.add(app.fee_notice_received_on, rules.FEE_PAYMENT_DAYS)
            except workdays.UnknownCalendarYear:
                due = None
            if due is not None:
                tentative = (f"；{'、'.join(map(str, cal.provisional_years))}年节假日安排公布后以实际工作日为准"
                             if cal.provisional_years else "")
                pay_by += f"（{you(app)}于{_cn_date(app.fee_notice_received_on)}收到本通知，即最迟于{_cn_date(due)}（含当日）{tentative}）"
        from .selectors import fee_stops_clock

        pause = "本机关自收到费用之日起继续办理，收费期间不计入答复期限。" if fee_stops_clock() else "本机关自收到费用之日起继续办理。"
        body = [*opening.split("\n"),
                f"{you(app)}申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和"
                "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关收取信息处理费。",
                f"收费依据和标准：{basis}。应缴金额：{app.fee_amount}元。",
                f"{pay_by}缴纳。{payment_method(app.organization)}",
                f"逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。{pause}", "特此通知。"]
        return f"{app.tracking_code}-收费通知.docx", _docx("政府信息公开信息处理费收费通知", body, office, app.fee_notice_on,
                                                              number=numbering.number_for(app, "fee"))
    if kind == "split" and app.split_on:
        parts = [app, *sorted(app.split_into.all(), key=lambda a: a.pk)]
        items = [f"{i}．“{p.description.rstrip('。')}”，查询码 {p.tracking_code}；" for i, p in enumerate(parts, 1)]
        items[-1] = items[-1].rstrip("；") + "。"
        body = [f"{app.name}：",
                f"本机关于{_cn_date(app.received_on)}收到{you(app)}提出的政府信息公开申请（查询码 {app.tracking_code}）。经审查，"
                f"该申请包含{len(parts)}项{app.split_reason.rstrip('。') if app.split_reason else '互不相关的政府信息'}。"
                f"为便于{you(app)}及时获取信息，本机关按照“一事一申请”的原则将其分为以下{len(parts)}件分别办理：",
                *items,
                f"各件均以{_cn_date(app.received_on)}为收到申请之日，分别计算答复期限、分别答复。{you(app)}可凭各件的查询码和申请时填写的"
                "联系电话在本机关门户网站“依申请公开”栏目分别查询办理进度。", "特此告知。"]
        return f"{app.tracking_code}-一事一申请告知书.docx", _docx("政府信息公开申请分件办理告知书", body, office, app.split_on,
                                                                  number=numbering.number_for(app, "split"))
    return None
