"""Demo data of the core module: 浮梁县's organizations and a set of staff accounts.

``zwgk seed-demo`` calls ``seed()`` of every zwgk app that has a ``demo`` module, in the order of
INSTALLED_APPS. Each ``seed()`` is idempotent and goes through the services.

The organization codes are illustrative but well-formed: 18-character unified social credit codes
for 浮梁县 (division 360222) with valid check characters (GB 32100-2015 and GB 11714-1997).
"""

from __future__ import annotations

from .codes import make_uscc
from .models import Organization, OrgKind, Role, User
from .services import accounts, orgs

DIVISION = "360222"  # 江西省景德镇市浮梁县
DEMO_PASSWORD = "Fuliang-demo-2024"

# (short name, full name, kind, 机关代字, parent short name)
ORGANIZATIONS: list[tuple[str, str, str, str, str | None]] = [
    ("县政府", "浮梁县人民政府", OrgKind.GOVERNMENT, "浮府", None),
    ("县政府办公室", "浮梁县人民政府办公室", OrgKind.OFFICE, "浮府办", "县政府"),
    ("县发改委", "浮梁县发展和改革委员会", OrgKind.DEPARTMENT, "浮发改", "县政府"),
    ("县工信局（县科技局）", "浮梁县工业和信息化局（浮梁县科学技术局）", OrgKind.DEPARTMENT, "浮工信", "县政府"),
    ("县文旅局", "浮梁县文化广电新闻出版旅游局", OrgKind.DEPARTMENT, "浮文旅", "县政府"),
    ("县商务局", "浮梁县商务局", OrgKind.DEPARTMENT, "浮商务", "县政府"),
    ("县农业农村局", "浮梁县农业农村局", OrgKind.DEPARTMENT, "浮农", "县政府"),
    ("县教体局", "浮梁县教育体育局", OrgKind.DEPARTMENT, "浮教体", "县政府"),
    ("县市场监管局", "浮梁县市场监督管理局", OrgKind.DEPARTMENT, "浮市监", "县政府"),
    ("县行政服务中心", "浮梁县行政服务中心", OrgKind.DEPARTMENT, "浮行服", "县政府"),
    ("县人社局", "浮梁县人力资源和社会保障局", OrgKind.DEPARTMENT, "浮人社", "县政府"),
    ("县退役军人事务局", "浮梁县退役军人事务局", OrgKind.DEPARTMENT, "浮退役", "县政府"),
    ("县民政局", "浮梁县民政局", OrgKind.DEPARTMENT, "浮民", "县政府"),
    ("县自然资源规划局", "浮梁县自然资源和规划局", OrgKind.DEPARTMENT, "浮自然资规", "县政府"),
    ("县卫健委", "浮梁县卫生健康委员会", OrgKind.DEPARTMENT, "浮卫健", "县政府"),
    ("县住建局", "浮梁县住房和城乡建设局", OrgKind.DEPARTMENT, "浮住建", "县政府"),
    ("县财政局", "浮梁县财政局", OrgKind.DEPARTMENT, "浮财", "县政府"),
    ("县医保局", "浮梁县医疗保障局", OrgKind.DEPARTMENT, "浮医保", "县政府"),
    ("浮梁生态环境局", "景德镇市浮梁生态环境局", OrgKind.DEPARTMENT, "浮环", "县政府"),
    ("县交通局", "浮梁县交通运输局", OrgKind.DEPARTMENT, "浮交", "县政府"),
    # 浮梁县辖 9 镇 8 乡
    ("浮梁镇", "浮梁县浮梁镇人民政府", OrgKind.TOWNSHIP, "浮梁镇府", "县政府"),
    ("鹅湖镇", "浮梁县鹅湖镇人民政府", OrgKind.TOWNSHIP, "鹅府", "县政府"),
    ("经公桥镇", "浮梁县经公桥镇人民政府", OrgKind.TOWNSHIP, "经府", "县政府"),
    ("蛟潭镇", "浮梁县蛟潭镇人民政府", OrgKind.TOWNSHIP, "蛟府", "县政府"),
    ("湘湖镇", "浮梁县湘湖镇人民政府", OrgKind.TOWNSHIP, "湘府", "县政府"),
    ("瑶里镇", "浮梁县瑶里镇人民政府", OrgKind.TOWNSHIP, "瑶府", "县政府"),
    ("洪源镇", "浮梁县洪源镇人民政府", OrgKind.TOWNSHIP, "洪府", "县政府"),
    ("寿安镇", "浮梁县寿安镇人民政府", OrgKind.TOWNSHIP, "寿府", "县政府"),
    ("三龙镇", "浮梁县三龙镇人民政府", OrgKind.TOWNSHIP, "三龙府", "县政府"),
    ("王港乡", "浮梁县王港乡人民政府", OrgKind.TOWNSHIP, "王府", "县政府"),
    ("庄湾乡", "浮梁县庄湾乡人民政府", OrgKind.TOWNSHIP, "庄府", "县政府"),
    ("黄坛乡", "浮梁县黄坛乡人民政府", OrgKind.TOWNSHIP, "黄府", "县政府"),
    ("兴田乡", "浮梁县兴田乡人民政府", OrgKind.TOWNSHIP, "兴府", "县政府"),
    ("江村乡", "浮梁县江村乡人民政府", OrgKind.TOWNSHIP, "江府", "县政府"),
    ("峙滩乡", "浮梁县峙滩乡人民政府", OrgKind.TOWNSHIP, "峙府", "县政府"),
    ("勒功乡", "浮梁县勒功乡人民政府", OrgKind.TOWNSHIP, "勒府", "县政府"),
    ("西湖乡", "浮梁县西湖乡人民政府", OrgKind.TOWNSHIP, "西府", "县政府"),
    # Public enterprises and institutions named by work point 三
    ("县自来水公司", "浮梁县自来水有限责任公司", OrgKind.ENTERPRISE, "", "县住建局"),
    ("县人民医院", "浮梁县人民医院", OrgKind.INSTITUTION, "", "县卫健委"),
    ("浮梁一中", "浮梁县第一中学", OrgKind.INSTITUTION, "", "县教体局"),
]

# (username, full name, organization short name, roles)
ACCOUNTS: list[tuple[str, str, str | None, list[str]]] = [
    ("admin", "系统管理员", "县政府办公室", [Role.ADMIN]),
    ("gkb", "王公开", "县政府办公室", [Role.COUNTY_OFFICE]),
    ("zfb_editor", "陈文书", "县政府办公室", [Role.EDITOR]),
    ("zfb_reviewer", "黄审核", "县政府办公室", [Role.REVIEWER]),
    ("zfb_secrecy", "孙保密", "县政府办公室", [Role.SECRECY_REVIEWER]),
    ("jiaoti_editor", "李教信", "县教体局", [Role.EDITOR]),
    ("jiaoti_reviewer", "张教审", "县教体局", [Role.REVIEWER]),
    ("jiaoti_secrecy", "赵保密", "县教体局", [Role.SECRECY_REVIEWER]),
    ("weijian_editor", "刘卫信", "县卫健委", [Role.EDITOR]),
    ("weijian_reviewer", "周卫审", "县卫健委", [Role.REVIEWER]),
    ("weijian_secrecy", "郑卫密", "县卫健委", [Role.SECRECY_REVIEWER]),
    ("fuliangzhen_editor", "吴镇信", "浮梁镇", [Role.EDITOR, Role.REVIEWER]),
]
# The units whose documents fill the demo's three years (publishing.demo): an editor, a reviewer and a secrecy
# reviewer each, named <prefix>_editor, <prefix>_reviewer, <prefix>_secrecy.
UNIT_ACCOUNTS: list[tuple[str, str, tuple[str, str, str]]] = [
    ("fagai", "县发改委", ("钱发信", "冯发审", "褚发密")),
    ("caizheng", "县财政局", ("卫财信", "蒋财审", "沈财密")),
    ("renshe", "县人社局", ("韩人信", "杨人审", "朱人密")),
    ("minzheng", "县民政局", ("秦民信", "尤民审", "许民密")),
    ("zhujian", "县住建局", ("何住信", "吕住审", "施住密")),
    ("ziran", "县自然资源规划局", ("孔资信", "曹资审", "严资密")),
    ("nongye", "县农业农村局", ("华农信", "金农审", "魏农密")),
    ("huanjing", "浮梁生态环境局", ("陶环信", "姜环审", "戚环密")),
    ("shijian", "县市场监管局", ("谢市信", "邹市审", "喻市密")),
    ("wenlv", "县文旅局", ("柏文信", "水文审", "窦文密")),
]
ACCOUNTS += [
    (f"{prefix}_{suffix}", name, unit, [role])
    for prefix, unit, names in UNIT_ACCOUNTS
    for suffix, name, role in zip(("editor", "reviewer", "secrecy"), names, (Role.EDITOR, Role.REVIEWER, Role.SECRECY_REVIEWER), strict=True)
]


def _code(index: int, kind: str) -> str:
    authority, org_type = {
        OrgKind.ENTERPRISE: ("9", "1"),
        OrgKind.INSTITUTION: ("1", "2"),
    }.get(kind, ("1", "1"))
    return make_uscc(authority, org_type, DIVISION, f"MB{index:06d}")


def seed() -> list[str]:
    """Create what is missing; return the lines to print (the demo logins)."""
    by_short: dict[str, Organization] = {o.short_name: o for o in Organization.objects.all()}
    for index, (short, name, kind, prefix, parent) in enumerate(ORGANIZATIONS, start=1):
        if short in by_short or Organization.objects.filter(name=name).exists():
            continue
        by_short[short] = orgs.create_organization(
            None,
            name=name,
            short_name=short,
            kind=kind,
            doc_prefix=prefix,
            code=_code(index, kind),
            parent=by_short[parent] if parent else None,
            sort_order=index * 10,
            phone="0798-2621000" if kind == OrgKind.OFFICE else "",
            address="江西省景德镇市浮梁县浮梁镇" if kind in (OrgKind.GOVERNMENT, OrgKind.OFFICE) else "",
            office_hours="工作日 上午 8:30-12:00，下午 14:30-17:30" if kind == OrgKind.OFFICE else "",
        )
    lines = []
    for username, full_name, org_short, roles in ACCOUNTS:
        if not User.objects.filter(username=username).exists():
            accounts.create_user(
                None,
                username=username,
                password=DEMO_PASSWORD,
                roles=roles,
                full_name=full_name,
                organization=by_short[org_short] if org_short else None,
            )
        labels = "、".join(Role(r).label for r in roles)
        lines.append(f"  {username:<20} {DEMO_PASSWORD}   {org_short or ''} {labels}")
    return lines
