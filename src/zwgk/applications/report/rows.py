"""The report's fixed layout: its parts, table B's columns and rows (with the key each row is known by), which
table B row each reply type is counted in, table C's groups and results. Labels are exact (domain/annual-report.md)."""

from __future__ import annotations

from .. import rules
from ..models import CaseKind, CaseResult

PARTS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
         "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
B_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
B_COLUMNS = [("natural", "自然人"), ("business", "商业企业"), ("research", "科研机构"), ("charity", "社会公益组织"),
             ("legal", "法律服务机构"), ("other", "其他"), ("total", "总计")]
LEGAL_COLUMNS = [c for c, _ in B_COLUMNS[1:6]]

# (key, label, indent, kind): kind "new", "carried_in", "result" (a reply group's item), "heading", "total", "carried_out"
B_ROWS: list[tuple[str, str, int, str]] = [
    ("new", "一、本年新收政府信息公开申请数量", 0, "new"),
    ("carried_in", "二、上年结转政府信息公开申请数量", 0, "carried_in"),
    ("results", "三、本年度办理结果", 0, "heading"),
    ("disclosed", "（一）予以公开", 1, "result"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, "result"),
    ("h3", "（三）不予公开", 1, "heading"),
    *[(f"nd{i}", label, 2, "result") for i, label in enumerate(
        ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
         "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"], 1)],
    ("h4", "（四）无法提供", 1, "heading"),
    *[(f"cp{i}", label, 2, "result") for i, label in enumerate(
        ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"], 1)],
    ("h5", "（五）不予处理", 1, "heading"),
    *[(f"np{i}", label, 2, "result") for i, label in enumerate(
        ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"], 1)],
    ("h6", "（六）其他处理", 1, "heading"),
    *[(f"ot{i}", label, 2, "result") for i, label in enumerate(
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"], 1)],
    ("result_total", "（七）总计", 1, "total"),
    ("carried_out", "四、结转下年度继续办理", 0, "carried_out"),
]
RESULT_KEYS = [k for k, _, _, kind in B_ROWS if kind == "result"]
ROW_LABEL = {key: label for key, label, _, _ in B_ROWS}
# reply type -> table B row key: rules.py names each reply type's row by its key
REPLY_ROW = {r.code: r.report_row for r in rules.REPLY_TYPES}

C_GROUPS = [(CaseKind.RECONSIDERATION, "行政复议"), (CaseKind.LITIGATION_DIRECT, "未经复议直接起诉"), (CaseKind.LITIGATION_AFTER, "复议后起诉")]
C_RESULTS = [(CaseResult.MAINTAINED, "结果维持"), (CaseResult.CORRECTED, "结果纠正"), (CaseResult.OTHER, "其他结果"),
             (CaseResult.PENDING, "尚未审结"), ("total", "总计")]
