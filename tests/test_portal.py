"""The public site through HTTP."""

import xml.etree.ElementTree as ET

import pytest

from . import portal_data


@pytest.mark.django_db
class TestPages:
    def test_home_lists_latest_and_columns(self, client, site):
        page = client.get("/").content.decode()
        assert site["policy"].title in page and "政策解读" in page and "行政规范性文件" in page
        assert 'name="SiteIDCode"' in page and "网站标识码" in page and "党政机关" in page

    def test_open_government_column_and_normative_list(self, client, site):
        assert "政府信息公开指南" in client.get("/zfxxgk/").content.decode()
        page = client.get("/zfxxgk/normative/").content.decode()
        assert site["policy"].title in page and site["notice"].title not in page
        assert site["interp"].title in client.get("/zfxxgk/interpretations/").content.decode()
        assert client.get("/zfxxgk/nope/").status_code == 404

    def test_document_page_meta_and_links_both_ways(self, client, site):
        page = client.get(f"/documents/{site['policy'].pk}/").content.decode()
        for text in ('<meta name="ArticleTitle" content="浮梁县义务教育阶段学校招生管理办法">', 'name="PubDate"',
                     'name="ContentSource"', 'name="ColumnName"', site["policy"].index_no, "浮教体规〔2024〕1号",
                     f'href="/documents/{site["interp"].pk}/"', 'aria-label="当前位置"'):
            assert text in page, text
        back = client.get(f"/documents/{site['interp'].pk}/").content.decode()
        assert f'href="/documents/{site["policy"].pk}/"' in back and "在哪里入学" in back

    def test_expired_banner(self, client, site):
        page = client.get(f"/documents/{site['old'].pk}/").content.decode()
        assert "本文件已失效" in page

    def test_unpublished_and_withdrawn_are_not_public(self, client, site, staff, county):
        from zwgk.publishing import services

        from .test_publishing import CONTENT

        draft = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
        assert client.get(f"/documents/{draft.pk}/").status_code == 404
        services.withdraw(staff["jiaoti_reviewer"], site["notice"], "内容需要更正")
        assert client.get(f"/documents/{site['notice'].pk}/").status_code == 404
        assert site["notice"].title not in client.get("/search/", {"q": "义务教育招生入学"}).content.decode()

    def test_browse_filters(self, client, site):
        page = client.get("/documents/", {"validity": "expired"}).content.decode()
        assert site["old"].title in page and site["policy"].title not in page
        page = client.get("/documents/", {"genre": "办法", "year": "abc"}).content.decode()
        assert site["policy"].title in page and site["notice"].title not in page

    def test_standard_area_shows_items_and_gaps(self, client, site):
        page = client.get("/areas/义务教育/").content.decode()
        assert "招生入学政策" in page and site["notice"].title in page and "暂无信息" in page
        assert client.get("/areas/不存在/").status_code == 404

    def test_attachments_view_and_download(self, client, site, staff):
        from zwgk.publishing import services
        from zwgk.publishing.models import Document, Revision

        from .test_screening import minimal_pdf

        doc = site["notice"]
        services.update_draft(staff["jiaoti_editor"], doc, title=doc.title)
        services.add_attachment(staff["jiaoti_editor"], doc, "名单.pdf", minimal_pdf("list"))
        services.submit(staff["jiaoti_editor"], doc)
        portal_data._approve_all(staff, doc)
        att = Revision.objects.get(pk=Document.objects.get(pk=doc.pk).published_revision_id).attachments.get()
        inline = client.get(f"/documents/{doc.pk}/attachments/{att.pk}/?view=1")
        assert inline["Content-Disposition"].startswith("inline")
        download = client.get(f"/documents/{doc.pk}/attachments/{att.pk}/")
        assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
class TestSearchPage:
    def test_search_with_filters_and_facets(self, client, site):
        page = client.get("/search/", {"q": "义务教育 招生"}).content.decode()
        assert "找到 3 条结果" in page and "<mark>" in page and "体裁" in page
        page = client.get("/search/", {"q": "义务教育 招生", "genre": "办法"}).content.decode()
        assert "找到 1 条结果" in page and site["policy"].title in page

    def test_find_by_fragment_number_and_topic(self, client, site):
        assert site["policy"].title in client.get("/search/", {"q": "阶段学校招生管理"}).content.decode()
        assert site["policy"].title in client.get("/search/", {"q": "浮教体规[2024]1号"}).content.decode()
        assert site["notice"].title in client.get("/search/", {"q": "教育"}).content.decode()

    def test_bad_parameters(self, client, site):
        for params in ({"q": "招生", "page": "x"}, {"q": "招生", "year": "zz"}, {"q": "<script>alert(1)</script>"}, {"q": "a" * 1000}):
            response = client.get("/search/", params)
            assert response.status_code == 200
            assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
class TestCareAndFeeds:
    def test_care_mode_persists(self, client, site):
        response = client.get("/care/", {"on": "1", "next": "/zfxxgk/"})
        assert response.status_code == 302 and response["Location"] == "/zfxxgk/"
        assert 'class="portal care"' in client.get("/zfxxgk/").content.decode()
        client.get("/care/", {"on": "0", "next": "/"})
        assert 'class="portal"' in client.get("/").content.decode()

    def test_care_switch_refuses_outside_redirects(self, client):
        assert client.get("/care/", {"on": "1", "next": "https://evil.example/"})["Location"] == "/"
        assert client.get("/care/", {"on": "1", "next": "//evil.example/"})["Location"] == "/"

    def test_rss(self, client, site):
        root = ET.fromstring(client.get("/feeds/latest.xml").content)
        titles = [i.findtext("title") for i in root.iter("item")]
        assert site["policy"].title in titles
        root = ET.fromstring(client.get("/feeds/normative.xml").content)
        assert [i.findtext("title") for i in root.iter("item")] == [site["policy"].title]


@pytest.mark.django_db(transaction=True)
def test_document_page_cache_serves_anonymous_visitors_until_content_changes(client, site, staff, settings, django_assert_max_num_queries):
    from django.core.cache import cache

    from zwgk.publishing import services

    cache.clear()
    settings.ZWGK_PAGE_CACHE_SECONDS = 300
    url = f"/documents/{site['notice'].pk}/"
    first = client.get(url)
    with django_assert_max_num_queries(2):  # the change token and the shared cache's read (a database cache by default)
        again = client.get(url)
    assert again.content == first.content and site["notice"].title in again.content.decode()
    client.cookies["zwgk_care"] = "1"
    assert "care" in client.get(url).content.decode().split("<body", 1)[1][:200]  # care mode is its own page
    del client.cookies["zwgk_care"]
    services.withdraw(staff["gkb"], site["notice"], "内容有误，撤回")
    assert client.get(url).status_code == 404  # a withdrawal changes the token: never served from the cache
    client.force_login(staff["jiaoti_editor"])
    with django_assert_max_num_queries(30):
        assert client.get(f"/documents/{site['policy'].pk}/").status_code == 200
    cache.clear()
