"""Real-looking titles of a county government site, for the test that pastes pieces of them into the search.

The shapes come from county 政务公开 columns: notices that 印发 a plan for a year, quarterly and monthly
reports, 第N批 lists, 十四五 plans with their year span, amounts in 万元, road and base-station names with
letters and digits (G206国道, 5G基站, PM2.5), forwarded documents with their 文号 in brackets, 年度报告 and
budgets. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

UNITS = [
    ("浮梁县人民政府办公室", "浮府办字"), ("浮梁县人民政府", "浮府发"), ("浮梁县人民政府办公室", "浮府办函"),
    ("浮梁县教育体育局", "浮教体发"), ("浮梁县卫生健康委员会", "浮卫健字"), ("浮梁县人力资源和社会保障局", "浮人社发"),
    ("浮梁县民政局", "浮民发"), ("浮梁县住房和城乡建设局", "浮住建字"), ("浮梁县财政局", "浮财预"), ("浮梁县农业农村局", "浮农字"),
    ("浮梁县市场监督管理局", "浮市监字"), ("浮梁县自然资源和规划局", "浮自然资规字"), ("浮梁县交通运输局", "浮交字"),
    ("浮梁县医疗保障局", "浮医保发"), ("浮梁县文化广电新闻出版旅游局", "浮文广旅字"), ("浮梁县应急管理局", "浮应急字"),
    ("浮梁镇人民政府", "浮梁镇府字"), ("鹅湖镇人民政府", "鹅府字"), ("瑶里镇人民政府", "瑶府字"), ("经公桥镇人民政府", "经府字"),
]
SUBJECTS = [
    "政务公开", "义务教育招生入学", "学生资助", "城乡居民基本医疗保险参保缴费", "高校毕业生就业创业", "最低生活保障",
    "特困人员救助供养", "养老服务体系建设", "保障性租赁住房", "老旧小区改造", "农村人居环境整治", "高标准农田建设",
    "安全生产大检查", "食品安全监督抽检", "营商环境优化", "重大建设项目", "财政预决算公开", "征地补偿安置",
    "农村公路养护", "全域旅游发展", "电子商务进农村", "森林防火", "防汛抗旱", "生态环境保护督察整改",
    "医疗卫生机构监督检查", "全民健身", "退役军人优抚", "事业单位公开招聘", "陶瓷文化传承", "茶产业发展",
    "耕地地力保护补贴", "稻谷目标价格补贴", "城镇燃气安全排查整治", "校外培训机构治理",
]
QUARTERS = ["一季度", "二季度", "三季度", "四季度", "第一季度", "第二季度", "第三季度", "第四季度", "上半年", "前三季度"]
PLACES = ["G206国道", "S205省道", "X012县道", "5G基站", "PM2.5", "110千伏变电站", "3A级景区", "4A级旅游景区"]
CN_DIGITS = "一二三四五六七八九十"


@dataclass
class Page:
    key: str
    title: str
    doc_number: str
    body: str


def doc_number(rng: random.Random, prefix: str, year: int, counters: dict) -> str:
    n = counters.get((prefix, year), 0) + rng.randint(1, 4)
    counters[(prefix, year)] = n
    return f"{prefix}〔{year}〕{'第' if prefix == '浮财预' else ''}{n}号"


def title_for(rng: random.Random, unit: str, year: int) -> str:
    s = rng.choice(SUBJECTS)
    short = unit.removeprefix("浮梁县")
    month, day, n = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1, 12)
    forms = [
        f"{unit}关于印发{year}年浮梁县{s}工作要点的通知",
        f"{unit}关于做好{year}年{s}工作的通知",
        f"{year}年{rng.choice(QUARTERS)}浮梁县{s}工作情况通报",
        f"{unit}{year}年度{s}工作总结",
        f"{year}年度浮梁县人民政府信息公开工作年度报告" if unit == "浮梁县人民政府" else f"{unit}{year}年政府信息公开工作年度报告",
        f"关于{year}年{month}月份{s}情况的公示",
        f"浮梁县{year}年第{n}批次城镇建设用地征收土地方案公告",
        f"关于公布{year}年浮梁县第{CN_DIGITS[n % 10]}批{s}名单的通知",
        f"浮梁县“十四五”{s}规划（{year}—{year + 4}年）",
        f"{short}关于{year}年{month}月{day}日{s}检查情况的通报",
        f"浮梁县{year}年{s}资金{rng.randint(10, 9999)}万元分配方案公示",
        f"关于{rng.choice(PLACES)}{s}有关事项的公告",
        f"浮梁县{year}年{s}项目（第{n}标段）中标结果公示",
        f"{unit}{year}年部门预算", f"{unit}{year}年部门决算",
        f"关于印发《浮梁县{s}实施细则（试行）》的通知",
        f"转发市政府办公室关于{s}的通知（景府办字〔{year}〕{rng.randint(1, 120)}号）",
        f"关于{year}年浮梁县{s}第{n}期培训班的通知",
    ]
    return rng.choice(forms)


def generate(n: int, seed: int = 14) -> list[Page]:
    rng = random.Random(seed)
    counters: dict = {}
    pages = []
    for i in range(n):
        unit, prefix = rng.choice(UNITS)
        year = rng.randint(2015, 2026)
        title = title_for(rng, unit, year)
        number = doc_number(rng, prefix, year, counters) if rng.random() < 0.6 else ""
        body = f"{unit}：{title}。" + (f"文号：{number}。" if number and rng.random() < 0.5 else "") + "请各单位认真贯彻落实。"
        pages.append(Page(f"p{i}", title, number, body))
    return pages


BRACKETS = [("[", "]"), ("(", ")"), ("【", "】"), ("（", "）"), ("", ""), ("〔", "〕"), (" [", "] ")]


def retyped(number: str, rng: random.Random) -> str:
    """The 文号 as people type it: other brackets, none, a space; sometimes without 第."""
    left, right = rng.choice(BRACKETS)
    out = number.replace("〔", left).replace("〕", right)
    return out.replace("第", "") if rng.random() < 0.5 else out


def fragment(text: str, rng: random.Random, inside_number: bool) -> str:
    """A piece of 4–12 characters; with inside_number it starts or ends between two digits."""
    length = rng.randint(4, min(12, len(text)))
    if inside_number:
        cuts = [i for i in range(1, len(text)) if text[i - 1].isdigit() and text[i].isdigit()]
        if cuts:
            cut = rng.choice(cuts)
            starts = [s for s in (cut, cut - length) if 0 <= s <= len(text) - length]
            if starts:
                start = rng.choice(starts)
                return text[start : start + length]
    start = rng.randint(0, len(text) - length)
    return text[start : start + length]
