"""Test data of the work points: 浮梁县's organization tree, the 2024 seed with its expected units, and a
second document in the （牵头单位：…；责任单位：…） layout with nested levels."""

from __future__ import annotations

from importlib import resources

from tests.factories import OrganizationFactory
from zwgk.core.demo import ORGANIZATIONS

SEED = resources.files("zwgk.workplan").joinpath("data/2024-fuliang-work-points.txt").read_bytes()
TOWNSHIPS = [short for short, _, kind, _, _ in ORGANIZATIONS if kind == "township"]

# number -> (lead short name or None, co-responsible short names (townships by the word 乡镇), unmatched names)
EXPECTED_2024 = {
    "一": ("县发改委", ["县工信局（县科技局）", "县文旅局", "县商务局", "县农业农村局", "县教体局", "县市场监管局", "县行政服务中心", "乡镇"], []),
    "二": ("县教体局", ["县人社局", "县退役军人事务局", "县农业农村局", "县民政局", "县自然资源规划局", "县卫健委", "县住建局", "县财政局",
                       "县发改委", "县医保局"], []),
    "三": ("县政府办公室", ["县发改委", "县教体局", "县住建局", "县卫健委", "浮梁生态环境局", "县交通局"], []),
    "四": ("县政府办公室", [], ["县直相关单位"]),
    "五": (None, [], ["县直有关部门"]),
    "六": (None, ["乡镇"], ["县直有关部门"]),
    "七": ("县政府办公室", [], ["县直有关部门"]),
    "八": (None, ["县行政服务中心"], ["市政府办公室"]),
    "九": ("县政府办公室", ["乡镇"], []),
    "十": (None, ["乡镇"], ["县直有关部门"]),
    "十一": ("县政府办公室", [], []),
    "十二": (None, ["乡镇"], ["县直有关部门"]),
    "十三": ("县政府办公室", ["乡镇"], ["县直有关单位"]),
}


def expand(shorts: list[str]) -> list[str]:
    out = []
    for s in shorts:
        out.extend(TOWNSHIPS if s == "乡镇" else [s])
    return out


def build_tree() -> dict[str, object]:
    """Every organization of the demo tree (the units the seed names), by short name."""
    orgs: dict[str, object] = {}
    for short, full, kind, prefix, parent in ORGANIZATIONS:
        orgs[short] = OrganizationFactory(name=full, short_name=short, kind=kind, doc_prefix=prefix,
                                          parent=orgs[parent] if parent else None)
    return orgs


SECOND = """浮梁县2025年政务公开工作要点（征求意见稿）

一、深化政策解读
（一）落实“三同步”。部门起草的行政规范性文件随文报送解读材料。（牵头单位：县政府办公室；责任单位：县直各部门；完成时限：2025年6月底前）
（二）丰富解读形式。通过图解、视频和简明问答开展解读。（责任单位：县教体局、县卫健委）
二、加强基层政务公开
牵头单位：县住房和城乡建设局
责任单位：各乡（镇）人民政府、县自然资源规划局
1. 更新标准目录。完成 26 个领域标准目录年度审核。
2. 建设公开专区。在便民服务中心设立政务公开专区。（责任单位：浮梁镇、鹅湖镇；完成时限：2025年9月30日前）
三、做好依申请公开
规范答复依申请公开件，按期答复率100%。（责任单位：县政府办，县教育体育局）
"""
