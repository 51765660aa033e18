"""Debate discussions through django-comments-xtd, and document downloads."""

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments import get_form
from django_comments_xtd.models import XtdComment
from wagtail.documents import get_document_model

from tests.factories import make_user
from tests.wiki.conftest import make_article, make_debate


def _post(client, page, text, reply_to=0, **extra):
    data = get_form()(page).generate_security_data()
    data.update({"comment": text, "reply_to": reply_to, "honeypot": "", "next": page.url, "followup": ""}, **extra)
    return client.post("/comments/post/", data)


def test_threaded_replies_three_levels_deep_with_sanitised_text(client, organiser, member):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    assert _post(client, debate, "Top level <script>alert(1)</script>").status_code == 302
    top = XtdComment.objects.get()
    _post(client, debate, "Reply one", reply_to=top.pk)
    one = XtdComment.objects.get(comment="Reply one")
    _post(client, debate, "Reply two", reply_to=one.pk)
    two = XtdComment.objects.get(comment="Reply two")
    _post(client, debate, "Reply **three**", reply_to=two.pk)
    levels = list(XtdComment.objects.order_by("thread_id", "order").values_list("comment", "level"))
    assert [level for _, level in levels] == [0, 1, 2, 3]
    assert XtdComment.objects.filter(user=member).count() == 4
    html = client.get(debate.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<strong>three</strong>" in html
    assert html.count('class="comment"') == 4
    assert "<h6" not in html


def test_anonymous_visitors_cannot_post(client, organiser):
    debate = make_debate(organiser, "Power before policy")
    response = _post(client, debate, "Hello", name="Stranger", email="stranger@example.org")
    assert response.status_code == 403
    assert XtdComment.objects.count() == 0
    assert "Sign in</a> to join the discussion" in client.get(debate.url).content.decode()


def test_empty_comment_is_refused_with_a_message(client, organiser, member):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    response = _post(client, debate, "")
    assert response.status_code == 200
    assert "Your comment was not posted" in response.content.decode()
    assert XtdComment.objects.count() == 0


def test_reply_page_renders_the_site_form(client, organiser, member):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    _post(client, debate, "Top")
    top = XtdComment.objects.get()
    response = client.get(f"/comments/reply/{top.pk}/")
    assert response.status_code == 200
    assert f'name="reply_to" value="{top.pk}"' in response.content.decode()


def test_flagging_and_moderator_removal(client, organiser, member, moderator):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    _post(client, debate, "Rude words")
    comment = XtdComment.objects.get()
    client.force_login(organiser)
    assert client.post(f"/comments/flag/{comment.pk}/").status_code == 302
    assert comment.flags.count() == 1
    assert client.post(f"/comments/delete/{comment.pk}/").status_code == 403  # organisers do not moderate
    comment.refresh_from_db()
    assert comment.is_removed is False
    client.force_login(moderator)
    assert "Rude words" in client.get("/admin/moderation/").content.decode()  # the report reached the queue
    assert client.post(f"/comments/delete/{comment.pk}/").status_code == 302  # no reason: refused, with a message
    comment.refresh_from_db()
    assert comment.is_removed is False
    assert client.post(f"/comments/delete/{comment.pk}/", {"reason": "Personal attack"}).status_code == 302
    comment.refresh_from_db()
    assert comment.is_removed is True
    assert "A moderator removed this comment" in client.get(debate.url).content.decode()


def test_discussion_query_count_does_not_grow_with_comments(client, organiser):
    debate = make_debate(organiser, "Power before policy")
    people = [make_user() for _ in range(4)]
    client.force_login(people[0])
    _post(client, debate, "First")
    client.get(debate.url)
    with CaptureQueriesContext(connection) as few:
        client.get(debate.url)
    parent = XtdComment.objects.get()
    for person in people:
        client.force_login(person)
        _post(client, debate, f"By {person.username}", reply_to=parent.pk)
    client.force_login(people[0])
    with CaptureQueriesContext(connection) as many:
        response = client.get(debate.url)
    assert response.content.decode().count('class="comment"') == 5
    assert len(many) == len(few)


def _document(title, tags=()):
    document = get_document_model()(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(b"Listening notes\n"), save=True)
    if tags:
        document.tags.add(*tags)
    return document


def test_documents_download_with_attachment_headers(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = _document("Listening notes", ["listening"])
    assert document.url == f"/documents/{document.pk}/listening-notes.txt"
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="listening-notes.txt"'
    assert b"".join(response.streaming_content) == b"Listening notes\n"


def test_pdf_documents_download_too_rather_than_open_inline(client, db, settings, tmp_path):
    from wiki.demo_files import simple_pdf

    settings.MEDIA_ROOT = tmp_path
    document = get_document_model()(title="Pathway")
    document.file.save("pathway.pdf", ContentFile(simple_pdf("Pathway", ["Foundations"])), save=True)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="pathway.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_documents_listing_filters_by_tag(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _document("Listening notes", ["listening"])
    _document("Power map template", ["power"])
    response = client.get("/wiki/documents/?tag=power")
    assert [d.title for d in response.context["page_obj"]] == ["Power map template"]
    assert [t.slug for t in response.context["tags"]] == ["listening", "power"]


def test_article_lists_related_documents(client, organiser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from wiki.models import ArticleDocument

    page = make_article(organiser, "Listening one to one")
    document = _document("Listening notes")
    ArticleDocument.objects.create(page=page, document=document)
    html = client.get(page.url).content.decode()
    assert f'href="/documents/{document.pk}/listening-notes.txt"' in html


def test_a_double_clicked_debate_comment_is_stored_once_and_shown(client, organiser, member):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    data = get_form()(debate).generate_security_data()
    data.update({"comment": "Power comes first.", "reply_to": 0, "honeypot": "", "next": debate.url, "followup": ""})
    data["submission_token"] = "debate-123456789"
    first = client.post("/comments/post/", data)
    second = client.post("/comments/post/", data, follow=True)
    comment = XtdComment.objects.get()
    assert first.status_code == 302
    assert second.redirect_chain[0][0] == f"{debate.url}#c{comment.pk}"
    assert "You had already posted this comment a moment ago" in second.content.decode()


def test_the_same_debate_comment_sent_again_without_a_token_is_stored_once(client, organiser, member):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    assert [_post(client, debate, "Power comes first.").status_code for _ in range(2)] == [302, 302]
    assert XtdComment.objects.count() == 1


def test_the_same_words_as_a_reply_are_a_new_debate_comment(client, organiser, member):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    _post(client, debate, "Agreed.")
    _post(client, debate, "Agreed.", reply_to=XtdComment.objects.get().pk)
    assert XtdComment.objects.count() == 2


def test_a_reply_lands_at_the_new_comment(client, organiser, member):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    _post(client, debate, "Top")
    top = XtdComment.objects.get()
    response = _post(client, debate, "A reply", reply_to=top.pk)
    reply = XtdComment.objects.get(comment="A reply")
    landing = client.get(response["Location"])
    assert landing.status_code == 302
    assert landing["Location"] == f"{debate.url}#c{reply.pk}"
    assert f'id="c{reply.pk}"' in client.get(debate.url).content.decode()
