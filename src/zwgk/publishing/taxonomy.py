"""Disclosure metadata vocabularies (domain/publishing.md).

- 主题分类: the State Council policy library's two-level taxonomy, 22 top-level categories,
  written ``一级\\二级``.
- 体裁: the 15 official document types of 《党政机关公文处理工作条例》 (2012) plus local types;
  extend with the ZWGK_EXTRA_GENRES setting.
- 26 standard areas of 基层政务公开标准化规范化 (国办发〔2019〕54号 and the 26 area guidelines).
"""

from __future__ import annotations

from django.conf import settings

TOPICS: list[tuple[str, list[str]]] = [
    ("国务院组织机构", []),
    ("综合政务", ["政务公开", "政务督查", "应急管理", "电子政务", "文秘工作", "保密工作", "信访", "参事、文史", "其他"]),
    ("国民经济管理、国有资产监管", ["宏观经济", "经济体制改革", "统计", "物价", "国有资产监管", "重大建设项目", "其他"]),
    ("财政、金融、审计", ["财政", "税务", "银行", "货币（含外汇）", "证券", "保险", "社会信用体系建设", "审计", "其他"]),
    ("国土资源、能源", ["土地", "矿产", "水资源", "海洋", "煤炭", "石油与天然气", "电力", "其他"]),
    ("农业、林业、水利", ["农业、畜牧业、渔业", "林业", "水利", "其他"]),
    ("工业、交通", ["机械制造与重工业", "轻工纺织", "化工", "国防工业", "航天、航空", "信息产业（含电信）",
                   "公路", "水运", "铁路", "民航", "邮政", "其他"]),
    ("商贸、海关、旅游", ["对外经贸合作", "国内贸易（含供销）", "海关", "检验、检疫", "旅游", "其他"]),
    ("市场监管、安全生产监管", ["工商", "质量监督", "标准", "食品药品监管", "安全生产监管", "其他"]),
    ("城乡建设、环境保护", ["城市规划", "城乡建设（含住房）", "环境监测、保护与治理", "节能与资源综合利用", "气象、水文、测绘、地震", "其他"]),
    ("科技、教育", ["科技", "教育", "知识产权", "其他"]),
    ("文化、广电、新闻出版", ["文化", "文物", "新闻出版", "广播、电影、电视", "其他"]),
    ("卫生、体育", ["卫生", "医药管理", "体育", "其他"]),
    ("人口与计划生育、妇女儿童工作", ["人口与计划生育", "妇女儿童", "其他"]),
    ("劳动、人事、监察", ["劳动就业", "社会保障", "人事工作", "军转安置", "监察", "纠正行业不正之风", "其他"]),
    ("公安、安全、司法", ["公安", "国家安全", "司法", "其他"]),
    ("民政、扶贫、救灾", ["减灾救灾", "优抚安置", "社会福利", "行政区划与地名", "社团管理", "扶贫", "其他"]),
    ("民族、宗教", ["民族事务", "宗教事务"]),
    ("对外事务", ["外交、外事", "国际条约、国际组织", "其他"]),
    ("港澳台侨工作", ["港澳工作", "对台工作", "侨务工作"]),
    ("国防", ["国防建设", "国防动员"]),
    ("其他", []),
]


def topic_choices() -> list[tuple[str, str]]:
    out = []
    for top, subs in TOPICS:
        if not subs:
            out.append((top, top))
        for sub in subs:
            value = f"{top}\\{sub}"
            out.append((value, value))
    return out


TOPIC_VALUES = frozenset(v for v, _ in topic_choices())

OFFICIAL_GENRES = ["决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要"]
LOCAL_GENRES = ["规划", "计划", "方案", "办法", "规定", "细则", "公示", "解读", "年报", "其他"]


NOTICE_GENRES = ["公告", "通告", "公示"]

# The columns that take documents by their kind as well as those filed under them (``selectors.column_documents``);
# a document's home column (its breadcrumb) is the first rule it matches when it is filed under none.
COLUMN_RULES: dict[str, dict] = {
    "interpretations": {"kind": "interpretation"},
    "normative": {"is_normative": True},
    "annual-reports": {"genre": "年报"},
    "notices": {"genre__in": NOTICE_GENRES},
    "policies": {"kind": "document", "genre__in": OFFICIAL_GENRES},
}


def genres() -> list[str]:
    return OFFICIAL_GENRES + LOCAL_GENRES + list(getattr(settings, "ZWGK_EXTRA_GENRES", []))


STANDARD_AREAS = [
    "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "征地补偿", "国有土地上房屋征收与补偿",
    "农村危房改造", "城市综合执法", "保障性住房", "市政服务", "扶贫（乡村振兴）", "救灾", "社会救助", "养老服务",
    "户籍管理", "涉农补贴", "公共法律服务", "生态环境", "公共文化服务", "就业", "社会保险", "义务教育", "卫生健康",
    "食品药品监管", "自然资源（城乡规划）",
]

# 不予公开 grounds (《政府信息公开条例》 第十四、十五、十六条; domain/disclosure-requests.md).
NONDISCLOSURE_GROUNDS = [
    "国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
    "三类内部事务信息", "四类过程性信息", "行政执法案卷", "行政查询事项",
]

# Normative-document validity limits in years (domain/publishing.md: commonly at most 5; 暂行/试行 at most 2).
NORMATIVE_MAX_YEARS = 5
NORMATIVE_TRIAL_MAX_YEARS = 2
