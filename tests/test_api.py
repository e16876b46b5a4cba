"""The public JSON API and its OpenAPI description."""

import pytest


@pytest.mark.django_db
class TestApi:
    def test_list_with_filters_and_paging(self, client, site):
        data = client.get("/api/documents", {"page_size": 2}).json()
        assert data["total"] == 4 and len(data["items"]) == 2 and data["page"] == 1
        data = client.get("/api/documents", {"genre": "办法"}).json()
        assert [d["title"] for d in data["items"]] == [site["policy"].title]
        assert data["items"][0]["index_no"] == site["policy"].index_no
        assert client.get("/api/documents", {"validity": "expired"}).json()["total"] == 1

    def test_detail_links_and_hidden_drafts(self, client, site, staff, county):
        from zwgk.publishing import services

        from .test_publishing import CONTENT

        detail = client.get(f"/api/documents/{site['policy'].pk}").json()
        assert detail["interpretations"] == [site["interp"].pk] and detail["is_normative"] is True
        assert detail["body_text"].startswith("第一条")
        draft = services.create_draft(staff["jiaoti_editor"], county["jiaoti"], **CONTENT)
        assert client.get(f"/api/documents/{draft.pk}").status_code == 404

    def test_search(self, client, site):
        data = client.get("/api/search", {"q": "浮教体规[2024]1号"}).json()
        assert data["hits"][0]["title"] == site["policy"].title
        data = client.get("/api/search", {"q": "义务教育 招生", "genre": "办法"}).json()
        assert data["total"] == 1 and "genre" in data["facets"]

    def test_bad_input_is_a_clear_error(self, client, site):
        assert client.get("/api/search", {"q": ""}).status_code == 400
        response = client.get("/api/documents", {"page_size": 1000})
        assert response.status_code == 400 and "page_size" in response.json()["detail"]
        assert client.get("/api/documents", {"year": "abc"}).status_code == 422

    def test_openapi_and_docs_served_locally(self, client):
        schema = client.get("/api/openapi.json").json()
        assert {"/api/documents", "/api/documents/{doc_id}", "/api/search"} <= set(schema["paths"])
        page = client.get("/api/docs").content.decode()
        assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
