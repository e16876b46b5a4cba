"""The disclosure catalog: the 专栏's columns and the standard areas' catalog items."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError

from zwgk.core import audit, permissions
from zwgk.core.models import User
from zwgk.core.text import clean

from .. import taxonomy
from ..models import CatalogColumn, CatalogItem

# The 政府信息公开 专栏 (国办公开办函〔2019〕61号 and the national site norms): columns and sub-columns.
COLUMNS = [
    ("guide", "政府信息公开指南", None),
    ("rules", "政府信息公开制度", None),
    ("statutory", "法定主动公开内容", None),
    ("functions", "机构职能", "statutory"),
    ("policies", "政策文件", "statutory"),
    ("normative", "行政规范性文件", "statutory"),
    ("interpretations", "政策解读", "statutory"),
    ("plans", "规划计划", "statutory"),
    ("finance", "财政预决算", "statutory"),
    ("personnel", "人事信息", "statutory"),
    ("statistics", "统计信息", "statutory"),
    ("licensing", "行政许可和行政处罚", "statutory"),
    ("annual-reports", "政府信息公开年报", None),
    # added later (appended so the existing columns keep their order): the county 专栏's 重点领域 and the home page's
    # 要闻动态 and 通知公告 (通知公告 also takes 公告, 通告 and 公示 by genre: taxonomy.COLUMN_RULES)
    ("key-areas", "重点领域", "statutory"),
    ("key-projects", "重大建设项目", "key-areas"),
    ("public-resources", "公共资源配置", "key-areas"),
    ("public-welfare", "社会公益事业", "key-areas"),
    ("news", "要闻动态", None),
    ("notices", "通知公告", None),
]

ITEM_COLUMNS = ["领域", "公开事项（一级）", "公开事项（二级）", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
                "公开渠道和载体", "公开对象", "公开方式", "公开层级"]
AUDIENCE = {"全社会": "all", "特定群众": "specific"}
MODE = {"主动": "active", "依申请": "on_request"}
LEVEL = {"县级": "county", "乡级": "township", "县级、乡级": "both", "县、乡级": "both"}


@audit.service("publishing.catalog.seed", "建立公开专栏栏目")
def seed_columns(actor: User | None = None) -> int:
    permissions.require(actor, "publishing.configure")
    created = 0
    for order, (slug, name, parent) in enumerate(COLUMNS, start=1):
        if CatalogColumn.objects.filter(slug=slug).exists():
            continue
        CatalogColumn.objects.create(
            slug=slug, name=name, sort_order=order * 10, parent=CatalogColumn.objects.get(slug=parent) if parent else None
        )
        created += 1
    if not created:
        audit.nothing_changed()
        return 0
    audit.record(actor, None, summary=f"建立政府信息公开专栏栏目 {created} 个")
    return created


@audit.service("publishing.catalog.import", "导入标准目录")
def import_items(actor: User | None, csv_text: str) -> int:
    """CSV with the header ``ITEM_COLUMNS``; all rows or none; existing (领域, 一级, 二级) items are updated."""
    permissions.require(actor, "publishing.configure")
    reader = csv.reader(io.StringIO(clean(csv_text).lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or [h.strip() for h in header[: len(ITEM_COLUMNS)]] != ITEM_COLUMNS:
        raise ValidationError("第 1 行应为表头：" + ",".join(ITEM_COLUMNS))
    items, errors = [], []
    for number, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        row = [c.strip() for c in (row + [""] * len(ITEM_COLUMNS))[: len(ITEM_COLUMNS)]]
        area, l1, l2, elements, basis, limit, subject, channels, audience, mode, level = row
        problems = []
        if area not in taxonomy.STANDARD_AREAS:
            problems.append(f"领域“{area}”不在 26 个标准化领域中")
        if not (l1 and l2 and elements):
            problems.append("公开事项和公开内容不能为空")
        if (audience or "全社会") not in AUDIENCE:
            problems.append("公开对象应为 全社会 或 特定群众")
        if (mode or "主动") not in MODE:
            problems.append("公开方式应为 主动 或 依申请")
        if (level or "县级") not in LEVEL:
            problems.append("公开层级应为 县级、乡级 或 县级、乡级")
        if problems:
            errors.append(f"第 {number} 行：{'；'.join(problems)}")
            continue
        items.append(dict(
            area=area, level1=l1, level2=l2, elements=elements, basis=basis, time_limit=limit, subject=subject,
            channels=channels, audience=AUDIENCE[audience or "全社会"], mode=MODE[mode or "主动"], level=LEVEL[level or "县级"],
            sort_order=number,
        ))
    if errors:
        raise ValidationError(errors)
    for item in items:
        CatalogItem.objects.update_or_create(area=item["area"], level1=item["level1"], level2=item["level2"], defaults=item)
    audit.record(actor, None, summary=f"导入标准目录事项 {len(items)} 条")
    return len(items)
