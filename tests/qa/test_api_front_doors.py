"""/api/v1/ answers with links, and the footer's API link opens a readable page, not a file."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_root_lists_the_collections_and_the_reference(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    data = response.json()
    assert data["questions"] == "http://testserver/api/v1/questions/"
    assert data["tags"] == "http://testserver/api/v1/tags/"
    assert data["schema"] == "http://testserver/api/schema/"
    assert data["reference"] == "http://testserver/api/"
    assert data["member"] == "http://testserver/api/v1/members/{username}/"
    for name in ("questions", "tags"):
        assert client.get(data[name]).status_code == 200


def test_footer_api_link_opens_a_readable_reference_page(client):
    home = client.get("/").content.decode()
    assert 'href="/api/"' in home
    assert 'href="/api/schema/"' not in home
    response = client.get("/api/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>API reference</h1>" in html
    assert "<code>/api/v1/questions/</code>" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]
