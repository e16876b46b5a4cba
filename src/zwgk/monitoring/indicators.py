"""The national indicators for government websites and new-media accounts, as data.

Source: 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》 (veto items, deductions, bonus); early
warnings and per-column staleness limits follow common county practice (domain/website-inspection.md).
Thresholds are the official ones; “≥” is the official 超过（含）.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- 站点无法访问 --------------------------------------------------------------------------------
PROBES_PER_DAY = 20  # at least 20 probes a day, at spread intervals
PROBE_TIMEOUT_SECONDS = 15  # a probe fails if the home page does not load within 15 s
PROBE_WINDOW_DAYS = 7  # over 1 week
UNREACHABLE_VETO_RATIO = 0.05  # failures ≥ 5 % of probes
UNREACHABLE_WARN_RATIO = 0.03  # vendors warn at 3 %

# --- 首页不更新 ---------------------------------------------------------------------------------
HOME_STALE_VETO_DAYS = 14  # no new item on the home page in 2 weeks
HOME_STALE_WARN_DAYS = 10

# --- 栏目不更新 ---------------------------------------------------------------------------------
NEWS_STALE_DAYS = 14  # (a) 动态/要闻 not updated in 2 weeks …
NOTICE_POLICY_STALE_DAYS = 183  # … plus 通知公告/政策文件 first-level columns not updated in 6 months
STALE_A_VETO = 5  # (a) ≥ 5 in total
STALE_B_VETO = 10  # (b) columns that should be updated but have not been for long ≥ 10
STALE_B_WARN = 6
BLANK_VETO = 5  # (c) blank columns ≥ 5
BLANK_WARN = 2

# --- 互动回应差 ---------------------------------------------------------------------------------
UNANSWERED_MONTHS = 3

# --- New media ---------------------------------------------------------------------------------
ACCOUNT_STALE_DAYS = 14  # no post in the 2 weeks before the check

PASS_SCORE = 60  # below 60 fails
BONUS_FROM = 80  # above 80 goes on to the bonus items

# Column types and their expected update period in days (county practice: 动态 10; 文件 120;
# 政策解读, 通知公告, 重点工作 180; 人事, 财政预决算, 统计年报, 规划计划 365).
COLUMN_KINDS = [
    ("news", "动态要闻", 10),
    ("notice", "通知公告", 180),
    ("policy", "政策文件", 120),
    ("interpretation", "政策解读", 180),
    ("personnel", "人事", 365),
    ("plan", "规划计划", 365),
    ("finance", "财政预决算", 365),
    ("interaction", "互动", 0),
    ("service", "办事", 0),
    ("other", "其他", 365),
]
UPDATE_DAYS = {code: days for code, _, days in COLUMN_KINDS}
# Words in a column's name that give its type, first match wins.
COLUMN_WORDS = [
    ("news", ("要闻", "动态", "新闻", "资讯", "工作动态", "部门动态", "乡镇动态")),
    ("interpretation", ("解读",)),
    ("notice", ("通知", "公告", "公示")),
    ("policy", ("政策", "文件", "规范性")),
    ("personnel", ("人事", "任免", "招聘", "招考")),
    ("plan", ("规划", "计划")),
    ("finance", ("预算", "决算", "财政")),
    ("interaction", ("互动", "留言", "咨询", "信箱", "征集", "访谈")),
    ("service", ("办事", "服务")),
]


def column_kind(name: str) -> str:
    for kind, words in COLUMN_WORDS:
        if any(w in name for w in words):
            return kind
    return "other"


@dataclass(frozen=True)
class Rule:
    """One entry of the scoring table: a veto, a deduction or a bonus. The office may change points."""

    check: str
    label: str
    kind: str  # veto, deduct, bonus, warn
    points: float = 0.0  # deduction or bonus per item
    cap: float = 0.0  # most points this rule can take or give (0: no cap)


# The default scoring table (the county's province may weigh differently: kept in the database,
# seeded from this list, editable by the county office).
DEFAULT_RULES = [
    Rule("unreachable", "站点无法访问", "veto"),
    Rule("home_stale", "首页不更新", "veto"),
    Rule("columns_stale", "栏目不更新", "veto"),
    Rule("interaction", "互动回应差", "veto"),
    Rule("secrecy", "安全、泄密事故等严重问题", "veto"),
    Rule("broken_link_home", "首页链接不可用", "deduct", 1.0, 10.0),
    Rule("broken_link", "其他页面链接不可用", "deduct", 0.1, 5.0),
    Rule("policy_stale", "政策文件栏目超过 6 个月未更新", "deduct", 5.0, 5.0),
    Rule("personal_data", "公开内容含未脱敏个人信息", "deduct", 2.0, 10.0),
    Rule("wrong_term", "错误表述", "deduct", 0.5, 5.0),
    Rule("hidden_link", "暗链（隐藏的外部链接）", "deduct", 5.0, 10.0),
    Rule("outbound", "链接到非预期的外部网站", "deduct", 0.5, 5.0),
    Rule("identity", "页脚缺少网站标识码、ICP 备案号、公安备案号或党政机关网站标识", "deduct", 2.0, 4.0),
    Rule("search", "没有站内搜索", "deduct", 3.0, 3.0),
    Rule("undated", "信息没有发布时间", "deduct", 0.2, 2.0),
    Rule("column_blank", "空白栏目", "deduct", 1.0, 5.0),
    Rule("column_stale", "栏目更新不及时", "deduct", 0.5, 5.0),
]
RULES = {r.check: r for r in DEFAULT_RULES}
