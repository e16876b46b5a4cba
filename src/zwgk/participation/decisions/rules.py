"""The law of the major-decision catalog as data, each value with its source.

《重大行政决策程序暂行条例》(国务院令第713号, 2019-04-20 公布, 2019-09-01 施行), cited below as 条例:
- 第三条: the decision organ draws up the catalog and its standards, publishes them after the 同级党委 agrees, and
  adjusts them as needed (verified in the shared notes; the wording here is ours).
- the five procedures are the sections of its chapters 2 and 3 (公众参与、专家论证、风险评估 in 第二章, 合法性审查
  and 集体讨论决定 in 第三章); the article numbers given per procedure are from memory of the text and are marked
  [unverified] until checked against the official text (国务院公报 2019年第13号).
- 公平竞争审查: 《公平竞争审查条例》(国务院令第783号, 2024-08-01 施行) for measures touching market entities'
  business [article not verified].
Which procedures an item needs is decided item by item in the catalog (county catalogs print 是否履行…); the
defaults below are what a new item starts with.
"""

from __future__ import annotations

from dataclasses import dataclass

# evidence kinds (what may prove that a procedure was carried out)
DOCUMENT = "document"  # a publishing Document id that is public (e.g. the 征求意见 notice, the hearing report)
CONSULTATION = "consultation"  # a consultation of the participation app (reference kind "consultation" + id)
REPORT = "report"  # an uploaded report file (expert argument, risk assessment, hearing report)
OPINION = "opinion"  # a legality-review opinion: text, optional file
MEETING = "meeting"  # the deciding meeting: name and date

EVIDENCE_LABELS = {DOCUMENT: "已公开的政府信息", CONSULTATION: "意见征集", REPORT: "报告文件", OPINION: "审查意见",
                   MEETING: "决策会议"}


@dataclass(frozen=True)
class ProcedureRule:
    kind: str
    label: str
    printed: str  # the column of a county catalog: 是否履行…
    default_required: bool
    evidence: tuple[str, ...]  # the evidence kinds that count
    source: str


PROCEDURES: tuple[ProcedureRule, ...] = (
    ProcedureRule("participation", "公众参与", "是否履行公众参与程序", True, (CONSULTATION, DOCUMENT),
                  "条例第二章第二节（第十四条起）[条号未核实]；公开征求意见一般不少于30日"),
    ProcedureRule("hearing", "听证", "是否举行听证", False, (DOCUMENT, REPORT),
                  "条例第二章第二节（听证会）[条号未核实]；涉及群众切身利益、存在较大分歧的适用"),
    ProcedureRule("expert", "专家论证", "是否履行专家论证程序", True, (REPORT, DOCUMENT),
                  "条例第二章第三节（第十九条起）[条号未核实]；专业性、技术性较强的决策事项"),
    ProcedureRule("risk", "风险评估", "是否履行风险评估程序", True, (REPORT, DOCUMENT),
                  "条例第二章第四节（第二十二条起）[条号未核实]"),
    ProcedureRule("legality", "合法性审查", "是否履行合法性审查程序", True, (OPINION,),
                  "条例第三章第一节（第二十五条起）[条号未核实]；未经合法性审查或经审查不合法的，不得提交讨论"),
    ProcedureRule("collective", "集体讨论决定", "是否经集体讨论决定", True, (MEETING,),
                  "条例第三章第二节（第三十条起）[条号未核实]；由政府常务会议或者全体会议讨论"),
    ProcedureRule("fair_competition", "公平竞争审查", "是否履行公平竞争审查程序", False, (OPINION, REPORT, DOCUMENT),
                  "《公平竞争审查条例》（国务院令第783号）[条号未核实]；涉及经营主体经济活动的政策措施"),
)
BY_KIND = {r.kind: r for r in PROCEDURES}
KIND_CHOICES = [(r.kind, r.label) for r in PROCEDURES]
FIVE = ("participation", "expert", "risk", "legality", "collective")  # the five statutory procedures (条例)

PARTY_APPROVAL_SOURCE = "《重大行政决策程序暂行条例》第三条：决策事项目录和标准经同级党委同意后向社会公布"

# limits at the boundary
TITLE_MAX = 200
TEXT_MAX = 5000  # description, standard, reasons, opinions
NOTE_MAX = 1000
REPORT_MAX_BYTES = 20 * 1024 * 1024  # one report file
REPORT_KINDS = ("pdf", "docx", "ofd")  # judged by content (zwgk.screening.extract.sniff_file)
