"""The law of disclosure by application, as data. Each figure cites its source.

《中华人民共和国政府信息公开条例》(2019 revision, in force 2019-05-15) articles are given as “Art. N”;
fees: 国办函〔2020〕109号 (in force 2021-01-01); receipt and delivery: 国办公开办函〔2015〕207号,
〔2016〕235号, 〔2017〕19号; annual-report rows: 国办公开办函〔2021〕30号. See domain/disclosure-requests.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# --- Time limits, in working days -------------------------------------------------------------
REPLY_DAYS = 20  # Art. 33: reply within 20 working days of receipt
CORRECTION_NOTICE_DAYS = 7  # Art. 30: one correction notice within 7 working days of receipt
# Art. 30 asks for a 合理的补正期限 and names no number; a bound on what staff may type (a typo of a year, 2100)
# keeps the clock computable. Practice gives 10-15 working days; a quarter of a year is more than any office needs.
CORRECTION_DEADLINE_MAX = dt.timedelta(days=90)
EXTENSION_MAX_DAYS = 20  # Art. 33: one extension of at most 20 working days, approved, applicant notified
THIRD_PARTY_DAYS = 15  # Art. 32: the third party answers within 15 working days of receiving the request; the clock stops meanwhile
# Art. 32 (a third party) and Art. 34 (another agency, for jointly produced information): 15 working days from the
# party's receipt of the request; an agency's silence is consent; the time taken is not counted (Art. 33 para. 3).
CONSULTATION_DAYS = THIRD_PARTY_DAYS
# When a reply counts as given, by how it was delivered (the reply time point in domain/disclosure-requests.md: the day
# signed for a reply handed over, the day posted for a mailed one (the postmark); the day sent for an electronic one).
# The label tells staff which date to record; on time or late is derived from it (clock, annual report, assessment).
DELIVERY_POINT = {
    "pickup": "签收之日", "post": "交邮之日（以邮戳为准）", "email": "发送之日", "online": "发送（上传）之日", "fax": "发送之日",
}
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号: unpaid 20 working days after the fee notice → deemed abandoned
FEE_STOPS_CLOCK_DEFAULT = True  # practice: the clock stops while a fee is outstanding (a setting)
DUE_SOON_DAYS = 5  # practice: the dashboard's “due soon” band

# --- Remedies named in every notice (行政复议法 Art. 20; 行政诉讼法 Art. 46) ------------------------
RECONSIDERATION_DAYS = 60
LITIGATION_MONTHS = 6

# --- Applicants (annual report table B columns) ------------------------------------------------
NATURAL_PERSON = "natural"
APPLICANT_TYPES = [  # (code, label) in the report's column order
    (NATURAL_PERSON, "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("charity", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
]

# --- Channels and their date of receipt (Art. 31) ----------------------------------------------
@dataclass(frozen=True)
class Channel:
    code: str
    label: str
    receipt_rule: str  # what the date of receipt is, shown where staff enter it


CHANNELS = [
    Channel("online", "网上申请", "申请人在线提交并获得系统确认之日"),
    Channel("in_person", "当面提交", "申请人当面提交之日"),
    Channel("registered_post", "挂号信、EMS 等需签收的邮件", "本机关签收之日"),
    Channel("ordinary_post", "平信", "本机关与申请人确认之日（收到当日应当确认）"),
    Channel("fax", "传真", "双方确认之日"),
    Channel("email", "电子邮件", "双方确认之日"),
    Channel("oral", "口头申请（书面确有困难，代为填写）", "本机关代为填写并经申请人确认之日"),
]
CHANNEL_BY_CODE = {c.code: c for c in CHANNELS}


# --- Replies and their annual-report rows (Art. 36-39; 国办公开办函〔2021〕30号) ------------------
@dataclass(frozen=True)
class ReplyType:
    code: str
    label: str  # what staff choose
    report_row: str  # the key of table B's row it is counted in (``report.rows.B_ROWS``: disclosed, nd1, ...)
    group: str  # table B heading: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理
    legal_basis: str  # cited in the notice
    needs_reason: bool = False  # not disclosed / cannot provide: the ground must be written out
    names_agency: bool = False  # “not held here”: name the responsible agency when known
    lists_withheld: bool = False  # partial: what was withheld and why


R = ReplyType
REPLY_TYPES: list[ReplyType] = [
    R("already_public", "已主动公开，告知获取方式和途径", "disclosed", "予以公开", "《中华人民共和国政府信息公开条例》第三十六条第（一）项"),
    R("disclose", "予以公开", "disclosed", "予以公开", "《中华人民共和国政府信息公开条例》第三十六条第（二）项"),
    R("partial", "部分公开", "partial", "部分公开",
      "《中华人民共和国政府信息公开条例》第三十七条", lists_withheld=True),
    R("secret", "不予公开：属于国家秘密", "nd1", "不予公开",
      "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", needs_reason=True),
    R("law_forbids", "不予公开：其他法律行政法规禁止公开", "nd2", "不予公开",
      "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", needs_reason=True),
    R("three_safety", "不予公开：危及“三安全一稳定”", "nd3", "不予公开",
      "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", needs_reason=True),
    R("third_party", "不予公开：保护第三方合法权益", "nd4", "不予公开",
      "《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项", needs_reason=True),
    R("internal", "不予公开：属于三类内部事务信息", "nd5", "不予公开",
      "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项", needs_reason=True),
    R("process", "不予公开：属于四类过程性信息", "nd6", "不予公开",
      "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项", needs_reason=True),
    R("enforcement", "不予公开：属于行政执法案卷", "nd7", "不予公开",
      "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项", needs_reason=True),
    R("inquiry", "不予公开：属于行政查询事项", "nd8", "不予公开",
      "《中华人民共和国政府信息公开条例》第三十六条第（三）项", needs_reason=True),
    R("not_held", "无法提供：本机关不掌握相关政府信息", "cp1", "无法提供",
      "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项", needs_reason=True, names_agency=True),
    R("needs_making", "无法提供：没有现成信息需要另行制作", "cp2", "无法提供",
      "《中华人民共和国政府信息公开条例》第三十八条", needs_reason=True),
    R("still_unclear", "无法提供：补正后申请内容仍不明确", "cp3", "无法提供",
      "《中华人民共和国政府信息公开条例》第三十条", needs_reason=True),
    R("petition", "不予处理：信访举报投诉类申请", "np1", "不予处理", "《中华人民共和国政府信息公开条例》第三十九条第一款"),
    R("repeat", "不予处理：重复申请", "np2", "不予处理", "《中华人民共和国政府信息公开条例》第三十六条第（六）项"),
    R("publication", "不予处理：要求提供公开出版物", "np3", "不予处理", "《中华人民共和国政府信息公开条例》第三十九条第二款"),
    R("excessive", "不予处理：无正当理由大量反复申请", "np4", "不予处理", "《中华人民共和国政府信息公开条例》第三十五条"),
    R("confirm", "不予处理：要求行政机关确认或重新出具已获取信息", "np5", "不予处理",
      "《中华人民共和国政府信息公开条例》第二条"),
    R("no_correction", "其他处理：申请人无正当理由逾期不补正", "ot1", "其他处理",
      "《中华人民共和国政府信息公开条例》第三十条"),
    R("unpaid", "其他处理：申请人逾期未缴纳信息处理费", "ot2", "其他处理",
      "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第十条"),
    R("special_procedure", "其他处理：按有关法律、行政法规的规定办理（工商、不动产登记资料等）", "ot3", "其他处理",
      "《中华人民共和国政府信息公开条例》第三十六条第（七）项"),
    R("other", "其他处理：其他", "ot3", "其他处理", "《中华人民共和国政府信息公开条例》"),
]
del R
REPLY_BY_CODE = {r.code: r for r in REPLY_TYPES}
# Set by the system, never chosen by staff: the applicant let the correction (Art. 30) or fee (国办函〔2020〕109号
# 第十条) deadline pass, and the application is closed as abandoned.
ABANDONED = frozenset({"no_correction", "unpaid"})
REPORT_GROUPS = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
