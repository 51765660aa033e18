"""A page as one viewer sees it, for the tests of parts kept per viewer class (ADRs 0102, 0106-0108)."""


def page_as(client, user, url):
    """The page at `url` as `user` (None: an anonymous visitor) sees it, and the templates it rendered."""
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [template.name for template in response.templates]
