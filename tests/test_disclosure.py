"""An item published as 依申请公开 or 不予公开 is recorded, numbered and reviewed, and appears on no public surface:
not its page, lists, columns, the home page, search, feeds, the sitemap or the API (issue 12, defect 1)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from zwgk.core.models import Role
from zwgk.publishing import services
from zwgk.publishing.models import CatalogColumn, DisclosureMode, DocStatus, Document
from zwgk.search import query

from . import portal_data
from .factories import UserFactory
from .test_publishing import CONTENT

WORD = "校舍维修"  # in the three bodies below only
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _publish(staff, org, **content):
    editor, reviewer, secrecy = staff["editors"][org.pk]
    doc = services.create_draft(editor, org, **{**CONTENT, "column": CatalogColumn.objects.get(slug="policies"), **content})
    services.submit(editor, doc)
    for user in (reviewer, secrecy):
        rev = doc.revisions.latest("number")
        services.decide(user, rev, "approve", "同意")
    return Document.objects.get(pk=doc.pk)


@pytest.fixture
def hidden(site, staff, county):
    """Published the same way: a 主动公开 item of 县教体局, and a 不予公开 and a 依申请公开 item of 县卫健委 (which
    has nothing public, so not even its name may appear in a public list)."""
    weijian = county["weijian"]
    staff["editors"] = {
        county["jiaoti"].pk: (staff["jiaoti_editor"], staff["jiaoti_reviewer"], staff["jiaoti_secrecy"]),
        weijian.pk: (
            UserFactory(username="weijian_editor", organization=weijian, roles=[Role.EDITOR]),
            staff["weijian_reviewer"],
            UserFactory(username="weijian_secrecy", organization=weijian, roles=[Role.SECRECY_REVIEWER]),
        ),
    }
    body = f"<p>关于{WORD}资金安排的有关事项。</p>"
    shown = _publish(staff, county["jiaoti"], title="浮梁县教育体育局关于公布校舍维修计划的通知", body_html=body,
                     doc_number="浮教体发〔2024〕21号")
    refused = _publish(staff, weijian, title="浮梁县卫生健康委员会关于卫生院校舍维修资金的请示", body_html=body,
                       doc_number="浮卫发〔2024〕3号", genre="请示", disclosure_mode=DisclosureMode.NONE,
                       nondisclosure_ground="四类过程性信息")
    on_request = _publish(staff, weijian, title="浮梁县卫生健康委员会校舍维修项目评审意见", body_html=body,
                          doc_number="浮卫发〔2024〕4号", disclosure_mode=DisclosureMode.ON_REQUEST)
    for doc in (shown, refused, on_request):  # all three went through the whole review and were registered
        assert doc.status == DocStatus.PUBLISHED and doc.index_no
    return {"shown": shown, "refused": refused, "on_request": on_request}


def _sitemap_urls(client) -> set[str]:
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = set()
    for loc in index.iter(f"{SM}loc"):
        response = client.get(loc.text.replace("http://testserver", ""))
        assert response.status_code == 200
        urls |= {u.text.replace("http://testserver", "") for u in ET.fromstring(response.content).iter(f"{SM}loc")}
    return urls


def _feed_titles(client, url: str) -> list[str]:
    return [i.findtext("title") for i in ET.fromstring(client.get(url).content).iter("item")]


@pytest.mark.django_db
class TestNotPublic:
    def test_absent_from_every_public_surface(self, client, hidden):
        shown, secret = hidden["shown"], [hidden["refused"], hidden["on_request"]]
        assert client.get(f"/documents/{shown.pk}/").status_code == 200
        lists = {
            "home": client.get("/").content.decode(),
            "browse": client.get("/documents/").content.decode(),
            "column": client.get("/zfxxgk/policies/").content.decode(),
            "search page": client.get("/search/", {"q": WORD}).content.decode(),
        }
        feeds = {url: _feed_titles(client, url) for url in ("/feeds/latest.xml", "/feeds/policies.xml")}
        sitemap = _sitemap_urls(client)
        api_list = client.get("/api/documents", {"page_size": 100}).json()
        api_search = client.get("/api/search", {"q": WORD}).json()
        found = query.search(WORD)
        for name, page in lists.items():
            assert shown.title in page, name
        for titles in feeds.values():
            assert shown.title in titles
        assert f"/documents/{shown.pk}/" in sitemap and "/zfxxgk/policies/" in sitemap
        assert shown.pk in [d["id"] for d in api_list["items"]]
        assert [h["id"] for h in api_search["hits"]] == [str(shown.pk)] and api_search["total"] == 1
        assert [h.entry.object_id for h in found.hits] == [str(shown.pk)] and found.total == 1
        assert client.get(f"/api/documents/{shown.pk}").status_code == 200
        for doc in secret:
            assert client.get(f"/documents/{doc.pk}/").status_code == 404
            assert client.get(f"/api/documents/{doc.pk}").status_code == 404
            for name, page in lists.items():
                assert doc.title not in page and doc.index_no not in page, name
            for titles in feeds.values():
                assert doc.title not in titles
            assert f"/documents/{doc.pk}/" not in sitemap
            assert doc.pk not in [d["id"] for d in api_list["items"]]
        assert "浮梁县卫生健康委员会" not in lists["browse"]  # its only items are not public: not even in the filter
        assert api_list["total"] == Document.objects.public().count() == 5

    def test_attachment_of_a_hidden_item_is_not_served(self, client, hidden, staff):
        from .test_screening import minimal_pdf

        doc = hidden["refused"]
        editor, reviewer, secrecy = staff["editors"][doc.organization_id]
        services.update_draft(editor, doc, title=doc.title)
        att = services.add_attachment(editor, doc, "材料.pdf", minimal_pdf("list"))
        services.submit(editor, doc)
        for user in (reviewer, secrecy):
            services.decide(user, doc.revisions.latest("number"), "approve", "同意")
        assert Document.objects.get(pk=doc.pk).published_revision_id == att.revision_id
        assert client.get(f"/documents/{doc.pk}/attachments/{att.pk}/").status_code == 404

    def test_a_hidden_policy_gets_no_public_interpretation(self, client, hidden, staff):
        """A 主动公开 interpretation would reveal the policy it explains: it is refused at 送审."""
        from django.core.exceptions import ValidationError

        policy = hidden["refused"]
        editor, reviewer, secrecy = staff["editors"][policy.organization_id]
        interp = services.create_draft(
            editor, policy.organization, kind="interpretation", policies=[policy],
            **{**CONTENT, "title": "关于校舍维修工作的解读", "genre": "解读", "doc_number": "", "interpretation_form": "text"},
        )
        with pytest.raises(ValidationError, match="不主动公开"):
            services.submit(editor, interp)
        assert Document.objects.get(pk=interp.pk).status == DocStatus.UNPUBLISHED
        assert client.get(f"/documents/{interp.pk}/").status_code == 404

    def test_staff_see_it_labelled(self, client, hidden, staff):
        doc = hidden["refused"]
        client.force_login(staff["editors"][doc.organization_id][0])
        page = client.get(f"/staff/docs/{doc.pk}/").content.decode()
        assert "不向社会公开" in page and "不予公开" in page and "四类过程性信息" in page and doc.index_no in page
        assert "不公开：依申请公开" in client.get("/staff/docs/").content.decode()
        page = client.get(f"/staff/docs/{hidden['shown'].pk}/").content.decode()
        assert "不向社会公开" not in page


@pytest.mark.django_db
class TestIndex:
    def test_an_item_that_stops_being_public_leaves_the_index(self, client, site, staff):
        doc = site["notice"]
        assert client.get(f"/documents/{doc.pk}/").status_code == 200
        services.update_draft(staff["jiaoti_editor"], doc, disclosure_mode=DisclosureMode.ON_REQUEST)
        services.submit(staff["jiaoti_editor"], doc)
        portal_data._approve_all(staff, doc)
        assert Document.objects.get(pk=doc.pk).status == DocStatus.PUBLISHED
        assert client.get(f"/documents/{doc.pk}/").status_code == 404
        assert str(doc.pk) not in [h.entry.object_id for h in query.search("招生入学工作").hits]

    def test_reindex_drops_entries_of_items_that_are_not_public(self, hidden, staff):
        from zwgk.core import audit
        from zwgk.publishing.search_items import item_for
        from zwgk.search import index
        from zwgk.search import services as search_services

        with audit.allow_direct_writes():  # an entry left by older code, as an upgraded site may have
            index.update(item_for(hidden["refused"]))
        assert query.search(WORD).total == 2
        counts = search_services.reindex(staff["admin"])
        assert counts["document"] == Document.objects.public().filter(kind="document").count()
        assert [h.entry.object_id for h in query.search(WORD).hits] == [str(hidden["shown"].pk)]


def test_robots_points_to_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /staff/" in text


@pytest.mark.django_db
def test_a_proactive_interpretation_of_a_hidden_policy_is_refused(staff, county):
    """The interpretation's title and body would reveal a policy the public never sees."""
    from django.core.exceptions import ValidationError

    from zwgk.publishing.models import Kind

    editor = staff["jiaoti_editor"]
    policy = services.create_draft(editor, county["jiaoti"], **{**CONTENT, "disclosure_mode": DisclosureMode.ON_REQUEST})
    interp = services.create_draft(
        editor, county["jiaoti"], kind=Kind.INTERPRETATION, policies=[policy],
        **{**CONTENT, "title": "《招生入学工作的通知》政策解读", "doc_number": "", "genre": "解读", "interpretation_form": "text"},
    )
    with pytest.raises(ValidationError, match="不主动公开"):
        services.submit(editor, interp)


@pytest.mark.django_db
def test_the_upgrade_removes_index_entries_of_items_that_are_not_public(hidden):
    """Entries written before public() existed (simulated: indexed directly) are removed by the data migration."""
    import importlib

    from django.apps import apps

    from zwgk.core import audit
    from zwgk.publishing.search_items import item_for
    from zwgk.search import index

    doc = hidden["refused"]
    with audit.allow_direct_writes():
        index.update(item_for(doc))
    assert any(h.entry.object_id == str(doc.pk) for h in query.search(doc.title).hits)
    migration = importlib.import_module("zwgk.publishing.migrations.0002_unindex_not_public")
    migration.unindex(apps, None)
    assert all(h.entry.object_id != str(doc.pk) for h in query.search(doc.title).hits)
    assert any(h.entry.object_id == str(hidden["shown"].pk) for h in query.search(hidden["shown"].title).hits)
