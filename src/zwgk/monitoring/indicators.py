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
# The rule is a ratio over a week of probes: fewer than a full week's probes cannot give the veto (they warn),
# and a failed fetch of the home page during one crawl is never 站点无法访问 by itself.
PROBES_FOR_VERDICT = PROBES_PER_DAY * PROBE_WINDOW_DAYS

# --- 首页不更新 ---------------------------------------------------------------------------------
HOME_STALE_VETO_DAYS = 14  # no new item on the home page in 2 weeks
HOME_STALE_WARN_DAYS = 10
# A home page that is only a navigation page (no list of items at all): 首页不更新 is judged on its second-level
# pages, updated when any of them has a new item in the 2 weeks (19号文 首页不更新; the 2017 self-check form:
# “如首页仅为网站栏目导航入口，则检查所有二级页面栏目信息的更新情况”).

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
# 政策解读, 通知公告, 重点工作 180; 人事, 财政预决算, 统计年报, 规划计划 365). 0: not judged by updates
# (interaction is 互动回应差, a service column is 服务不实用); only those two kinds may have 0.
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
KIND_LABELS = {code: label for code, label, _ in COLUMN_KINDS}
NOT_UPDATE_BOUND = ("interaction", "service")
# The longest update period an office may set per column type: the official limits of 栏目不更新 (动态/要闻 2 weeks;
# 通知公告, 政策文件 6 months) and a year for every other column that should be updated (长期未更新). An office may be
# stricter (a shorter period), never looser, and may not exempt a column by setting 0.
MAX_UPDATE_DAYS = {"news": NEWS_STALE_DAYS, "notice": NOTICE_POLICY_STALE_DAYS, "policy": NOTICE_POLICY_STALE_DAYS,
                   "interpretation": NOTICE_POLICY_STALE_DAYS, "personnel": 365, "plan": 365, "finance": 365, "other": 365}
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
    ("service", ("办事", "服务", "依申请", "申请公开", "表格下载", "在线办理")),
]
# Navigation entries that are switches or tools, not columns: they change how the site is shown (关怀模式, 无障碍,
# 长者版, 繁体, English), or lead to a login. Never a column, never blank or stale.
NOT_COLUMN_WORDS = ("关怀模式", "关怀版", "无障碍", "长者", "适老", "繁体", "简体", "English", "ENGLISH", "登录", "注册", "工作人员入口",
                    "RSS", "订阅", "网站地图", "首页")
# Link texts that name no column ("更多" beside a block's heading): the column takes its name from another link or the page.
MORE_WORDS = ("更多", "更多>>", "更多>", "更多》", "more", "More", "MORE", ">>", "下一页", "上一页", "尾页", "首页")

# --- 服务不实用 --------------------------------------------------------------------------------
# No 办事服务 at all; or a service entry (a 办事指南) lacking one of its key elements, a form or attachment that
# cannot be downloaded, an online service link that does not open (19号文 服务不实用; the self-check form's
# 服务实用情况: 办事指南要素的完整性, 附件下载, 在线系统). Each element with the labels guides print for it.
GUIDE_ELEMENTS = [
    ("事项名称", ("事项名称", "服务名称", "事项名")),
    ("设定依据", ("设定依据", "办理依据", "法律依据", "实施依据", "法定依据")),
    ("申请条件", ("申请条件", "办理条件", "受理条件", "申请人条件")),
    ("办理材料", ("办理材料", "申请材料", "申报材料", "材料目录", "所需材料", "提交材料")),
    ("办理地点", ("办理地点", "受理地点", "办理地址", "受理地址")),
    ("办理机构", ("办理机构", "实施机构", "实施主体", "受理机构", "办理部门", "受理部门", "实施机关")),
    ("收费标准", ("收费标准", "收费依据", "是否收费", "收费情况")),
    ("办理时间", ("办理时间", "受理时间", "办公时间", "办理时限", "承诺时限", "法定时限")),
    ("联系电话", ("联系电话", "咨询电话", "咨询方式", "联系方式", "监督电话")),
    ("办理流程", ("办理流程", "办理程序", "办事流程", "受理流程")),
]
GUIDE_TITLE_WORDS = ("办事指南", "服务指南", "办理指南")
GUIDE_MIN_ELEMENTS = 3  # an entry of a service column carrying this many element labels is read as a guide
FORM_WORDS = ("表格", "样表", "申请表", "登记表", "下载", "范本", "模板")

# --- 安全、泄密事故等严重问题 -------------------------------------------------------------------
# A 单项否决 only for what screening blocks: a secrecy marking (泄露国家秘密) or a severe entry of the managed term list
# (严重表述错误: a leader's or an organ's name or title wrong). A screening warning is a deduction.
# Statutory wording is no finding at all: screening (SecrecyMarkRule) gives none for it.


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
    Rule("secrecy", "安全、泄密事故等严重问题：泄露国家秘密（密级标志）", "veto"),
    Rule("severe_term", "安全、泄密事故等严重问题：严重表述错误", "veto"),
    Rule("service", "服务不实用", "veto"),
    Rule("broken_link_home", "首页链接不可用", "deduct", 1.0, 10.0),
    Rule("broken_link", "其他页面链接不可用", "deduct", 0.1, 5.0),
    Rule("policy_stale", "政策文件栏目超过 6 个月未更新", "deduct", 5.0, 5.0),
    Rule("personal_data", "公开内容含未脱敏个人信息", "deduct", 2.0, 10.0),
    Rule("wrong_term", "错误表述", "deduct", 0.5, 5.0),
    Rule("secrecy_suspect", "疑似密级或内部资料标注（待确认）", "deduct", 1.0, 5.0),
    Rule("hidden_link", "暗链（隐藏的外部链接）", "deduct", 5.0, 10.0),
    Rule("outbound", "链接到非预期的外部网站", "deduct", 0.5, 5.0),
    Rule("identity", "页脚缺少网站标识码、ICP 备案号、公安备案号或党政机关网站标识", "deduct", 2.0, 4.0),
    Rule("search", "没有站内搜索", "deduct", 3.0, 3.0),
    Rule("undated", "信息没有发布时间", "deduct", 0.2, 2.0),
    Rule("column_blank", "空白栏目", "deduct", 1.0, 5.0),
    Rule("column_stale", "栏目更新不及时", "deduct", 0.5, 5.0),
]
RULES = {r.check: r for r in DEFAULT_RULES}
