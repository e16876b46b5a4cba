"""The public site as a county site (issue 14, items 4 and 5): home blocks, the document page's breadcrumbs,
上一篇/下一篇, related items, QR code, the sitemap and 网站地图, the site's own 404 and 500, and the markup the
narrow-screen layout relies on (results before facets, stacked tables)."""

import re
import xml.etree.ElementTree as ET

import pytest

from zwgk.publishing import services
from zwgk.publishing.models import CatalogColumn, Document

from . import portal_data
from .test_publishing import CONTENT

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def publish(staff, county, **fields):
    doc = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **{**CONTENT, **fields})
    services.submit(staff["jiaoti_editor"], doc)
    portal_data._approve_all(staff, doc)
    return Document.objects.get(pk=doc.pk)


def main_of(html: str) -> str:
    return html.split('<main', 1)[1].split("</main>", 1)[0]


@pytest.mark.django_db
class TestHome:
    def test_blocks_each_with_more_link_to_its_column(self, client, site, staff, county):
        news = publish(staff, county, title="浮梁县召开政务公开工作推进会", genre="其他", doc_number="",
                       column=CatalogColumn.objects.get(slug="news"))
        page = client.get("/").content.decode()
        for heading, slug in (("要闻动态", "news"), ("通知公告", "notices"), ("政策文件", "policies"),
                              ("政策解读", "interpretations"), ("公开年报", "annual-reports")):
            block = page.split(f'id="h-{slug}">{heading}</h2>', 1)[1].split("</section>", 1)[0]
            assert f'href="/zfxxgk/{slug}/"' in block and "更多" in block, heading
        news_block = page.split('id="h-news"', 1)[1].split("</section>", 1)[0]
        assert news.title in news_block and site["policy"].title not in news_block
        interp_block = page.split('id="h-interpretations"', 1)[1].split("</section>", 1)[0]
        assert site["interp"].title in interp_block
        apply_block = page.split('id="h-apply"', 1)[1].split("</section>", 1)[0]
        assert 'href="/zfxxgk/apply/form/"' in apply_block and 'href="/zfxxgk/apply/status/"' in apply_block
        interaction = page.split('id="h-interaction"', 1)[1].split("</section>", 1)[0]
        assert "咨询与联系" in page and 'href="/zfxxgk/apply/"' in interaction and "建设中" not in interaction  # no made-up channels
        for slug in ("functions", "finance", "personnel", "key-areas"):  # the 专栏's columns at hand
            assert f'href="/zfxxgk/{slug}/"' in page.split('class="home-shortcuts"', 1)[1].split("</nav>", 1)[0]

    def test_header_search_and_footer_from_settings(self, client, db, settings):
        settings.ZWGK_SITE = {**settings.ZWGK_SITE, "host": "某县人民政府办公室", "operator": "某县大数据中心",
                              "site_id_code": "3609990001", "icp": "赣ICP备12345678号", "police_filing": "赣公网安备 36000000000001号",
                              "conac_url": "https://bszs.conac.cn/sitename?method=show&id=X"}
        page = client.get("/").content.decode()
        header = page.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert 'role="search"' in header and 'id="site-q"' in header and 'class="emblem"' in header
        assert 'class="nav-toggle" aria-controls="site-nav" aria-expanded="false"' in header
        footer = page.split('<footer class="site-footer">', 1)[1]
        for text in ("主办单位：某县人民政府办公室", "承办单位：某县大数据中心", "网站标识码：3609990001", "赣ICP备12345678号",
                     "赣公网安备 36000000000001号", 'href="https://bszs.conac.cn/sitename?method=show&amp;id=X"', "党政机关"):
            assert text in footer, text
        assert '<meta name="SiteIDCode" content="3609990001">' in page
        assert 'src="/static/core/site.js"' in page and 'src="/static/portal/portal.js" defer' in page
        assert "<script>" not in page  # the CSP allows no inline script


@pytest.mark.django_db
class TestDocumentPage:
    def test_breadcrumbs_name_the_column(self, client, site):
        page = client.get(f"/documents/{site['policy'].pk}/").content.decode()
        crumbs = page.split('aria-label="当前位置"', 1)[1].split("</nav>", 1)[0]
        assert re.findall(r'<a href="([^"]+)">', crumbs) == ["/", "/zfxxgk/", "/zfxxgk/statutory/", "/zfxxgk/normative/"]
        assert ">行政规范性文件</a>" in crumbs and '<span aria-current="page">正文</span>' in crumbs
        assert '<meta name="ColumnName" content="行政规范性文件">' in page
        interp = client.get(f"/documents/{site['interp'].pk}/").content.decode()
        assert 'href="/zfxxgk/interpretations/">政策解读</a>' in interp.split('aria-label="当前位置"', 1)[1].split("</nav>", 1)[0]

    def test_previous_and_next_within_the_column(self, client, site, staff, county):
        news = CatalogColumn.objects.get(slug="news")
        first, second, third = (publish(staff, county, title=t, genre="其他", doc_number="", column=news)
                                for t in ("第一篇要闻", "第二篇要闻", "第三篇要闻"))
        page = client.get(f"/documents/{second.pk}/").content.decode()
        nav = page.split('aria-label="上一篇和下一篇"', 1)[1].split("</nav>", 1)[0]
        assert f'href="/documents/{third.pk}/" rel="prev">第三篇要闻' in nav  # newer: shown before it in the column
        assert f'href="/documents/{first.pk}/" rel="next">第一篇要闻' in nav
        newest = client.get(f"/documents/{third.pk}/").content.decode().split('aria-label="上一篇和下一篇"', 1)[1].split("</nav>", 1)[0]
        assert "上一篇：<span>没有了</span>" in newest and f'href="/documents/{second.pk}/" rel="next"' in newest
        # a document of another column, or not public, is never a neighbour
        services.withdraw(staff["jiaoti_reviewer"], first, "内容需要更正")
        nav = client.get(f"/documents/{second.pk}/").content.decode().split('aria-label="上一篇和下一篇"', 1)[1].split("</nav>", 1)[0]
        assert "下一篇：<span>没有了</span>" in nav and site["policy"].title not in nav

    def test_related_by_area_and_the_interpretation_links(self, client, site, staff, county):
        same_area = publish(staff, county, title="浮梁县公办学校划片范围", standard_area="义务教育", topic="科技、教育\\教育")
        hidden = publish(staff, county, title="依申请公开的招生材料", standard_area="义务教育", disclosure_mode="on_request")
        page = client.get(f"/documents/{site['notice'].pk}/").content.decode()
        related = page.split('id="h-related"', 1)[1].split("</section>", 1)[0]
        assert same_area.title in related and hidden.title not in related and site["notice"].title not in related
        policy = client.get(f"/documents/{site['policy'].pk}/").content.decode()
        assert site["interp"].title in policy.split('id="h-interp"', 1)[1].split("</section>", 1)[0]
        assert 'id="h-related"' not in policy or site["interp"].title not in policy.split('id="h-related"', 1)[1].split("</section>", 1)[0]
        interp = client.get(f"/documents/{site['interp'].pk}/").content.decode()
        assert site["policy"].title in interp.split('id="h-policy"', 1)[1].split("</section>", 1)[0]

    def test_tools_print_font_size_share_and_qr(self, client, site, staff, county, settings):
        import segno

        settings.ZWGK_PUBLIC_URL = "https://www.fuliang.gov.cn/"  # the site's own address, not the request's host
        url = f"/documents/{site['policy'].pk}/"
        page = client.get(url).content.decode()
        assert "data-print" in page and 'data-font-target' in page
        assert [m for m in re.findall(r'data-font-size="(\w+)"', page)] == ["large", "medium", "small"]
        assert 'value="https://www.fuliang.gov.cn' + url + '"' in page and 'data-copy="page-url"' in page
        assert f'src="{url}qr.svg"' in page and 'media="print"' in page
        qr = client.get(url + "qr.svg")
        assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and "max-age" in qr["Cache-Control"]
        root = ET.fromstring(qr.content)
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and "本页二维码" in qr.content.decode()
        # the code is the page's own address: the same modules as a QR code of that address drawn independently
        expected = segno.make("https://www.fuliang.gov.cn" + url, error="m")
        path = [e for e in root.iter("{http://www.w3.org/2000/svg}path") if e.get("class") == "qrline"][0].get("d")
        assert _modules(path, border=2) == {(r, c) for r, row in enumerate(expected.matrix) for c, v in enumerate(row) if v}
        draft = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
        assert client.get(f"/documents/{draft.pk}/qr.svg").status_code == 404


def _modules(d: str, border: int) -> set[tuple[int, int]]:
    """The dark modules drawn by segno's path: horizontal runs (``M x y`` then ``h n``, ``m dx dy`` between runs)."""
    cells, x, y = set(), 0.0, 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,]?(-?[\d.]+))?", d.replace(" ", ",").replace(",h", "h").replace(",m", "m")):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for i in range(int(float(a))):
                cells.add((int(y - .5) - border, int(x) + i - border))
            x += float(a)
    return cells


@pytest.mark.django_db
class TestMapsAndErrors:
    def test_sitemap_covers_documents_columns_and_areas_public_only(self, client, site, staff, county):
        hidden = publish(staff, county, title="依申请公开的信息", disclosure_mode="on_request")
        index = ET.fromstring(client.get("/sitemap.xml").content)
        urls = set()
        for loc in index.iter(f"{SM}loc"):
            section = ET.fromstring(client.get(loc.text.replace("http://testserver", "")).content)
            urls |= {u.text.replace("http://testserver", "") for u in section.iter(f"{SM}loc")}
        for doc in ("notice", "policy", "interp", "old"):
            assert f"/documents/{site[doc].pk}/" in urls
        assert f"/documents/{hidden.pk}/" not in urls
        assert {"/zfxxgk/key-areas/", "/zfxxgk/finance/", "/zfxxgk/news/", "/sitemap/"} <= urls
        assert "/areas/%E4%B9%89%E5%8A%A1%E6%95%99%E8%82%B2/" in urls  # 义务教育

    def test_site_map_page(self, client, db):
        page = main_of(client.get("/sitemap/").content.decode())
        for text in ('href="/zfxxgk/"', 'href="/zfxxgk/key-areas/">重点领域', 'href="/zfxxgk/key-projects/">重大建设项目',
                     'href="/zfxxgk/functions/">机构职能', 'href="/zfxxgk/personnel/">人事信息', 'href="/zfxxgk/apply/form/"'):
            assert text in page, text
        assert page.count('href="/areas/') == 27  # the catalog and its 26 areas

    def test_404_in_the_site_look_and_staff_keep_theirs(self, client, db):
        r = client.get("/no-such-page/")
        html = r.content.decode()
        assert r.status_code == 404 and "页面不存在" in html and 'id="site-q"' in html and "网站地图" in html
        assert "/static/portal/portal.css" in html
        r = client.get("/documents/999999/")
        assert r.status_code == 404 and 'id="site-q"' in r.content.decode()
        staff_404 = client.get("/staff/no-such-page/")
        assert staff_404.status_code == 404 and 'id="site-q"' not in staff_404.content.decode()

    def test_500_in_the_site_look_without_the_database(self, rf, django_db_blocker):
        from zwgk.portal.views import server_error

        with django_db_blocker.block():  # any query would raise
            r = server_error(rf.get("/documents/1/"))
        html = r.content.decode()
        assert r.status_code == 500 and "服务器错误" in html and "/static/portal/portal.css" in html
        assert "网站标识码" in html and 'class="site-header"' in html


@pytest.mark.django_db
class TestNarrowScreenMarkup:
    def test_search_results_come_before_the_folding_facets(self, client, site):
        html = main_of(client.get("/search/", {"q": "义务教育"}).content.decode())
        assert html.index('class="hits"') < html.index('<details class="facets-panel" data-fold-narrow open>')
        assert "<summary" in html

    def test_tables_stack_with_their_column_names(self, client, site, staff):
        apply = client.get("/zfxxgk/apply/").content.decode()
        assert 'class="data stack"' in apply and 'data-label="办公时间"' in apply
        assert 'class="flow"' in apply and apply.count("<li><strong>") == 6  # the process as an ordered list
        client.force_login(staff["gkb"])
        for url, label in (("/staff/docs/", "发布状态"), ("/staff/audit/", "变更摘要")):
            page = client.get(url).content.decode()
            assert 'class="data stack"' in page and f'data-label="{label}"' in page, url


@pytest.mark.django_db
def test_demo_fills_the_county_columns(client):
    from zwgk.core import demo as core_demo
    from zwgk.portal import demo as portal_demo
    from zwgk.publishing import demo as publishing_demo

    core_demo.seed()
    publishing_demo.seed()
    portal_demo.seed()
    portal_demo.seed()  # again: nothing twice
    from django.utils import timezone

    year = timezone.localdate().year
    assert Document.objects.filter(title=f"浮梁县人民政府办公室{year}年部门预算公开说明").count() == 1
    for slug, title in (("functions", "主要职责和内设机构"), ("finance", "部门预算公开说明"), ("personnel", "公开招聘"),
                        ("key-areas", "重大建设项目名单"), ("news", "政务公开工作推进会"), ("notices", "政务服务安排的公告")):
        assert title in client.get(f"/zfxxgk/{slug}/").content.decode(), slug
    assert "政务公开工作推进会" in client.get("/").content.decode().split('id="h-news"', 1)[1].split("</section>", 1)[0]
