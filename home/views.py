"""Actions that join two parts of the hub, composed here above both (docs/architecture.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.notifications import absolute_url
from pathway import selectors as pathway_selectors
from pathway import services as pathway_services
from wiki import services as wiki_services


@login_required
@require_POST
def reflection_wiki_draft(request, pk: int):
    """Turn a shared reflection into a wiki draft, once: the draft links back to the reflection and
    the reflection remembers its draft. The author finishes and publishes it in the admin."""
    reflection = pathway_selectors.reflection_with_author(pk, request.user)
    if reflection is None:
        raise Http404("No reflection here, or it is not shared with you.")
    back = reverse("pathway:reflection", args=[reflection.pk])

    def make_draft(reflection):
        author = reflection.enrolment.user.public_name
        body = (
            f"{reflection.body.rstrip()}\n\n---\n\n"
            f"_This page began as [{author}'s reflection on {reflection.stage.title}]({absolute_url(back)})._"
        )
        summary = f"What {author} learned at {reflection.stage.title}, from their reflection on the training pathway."
        return wiki_services.start_draft(
            request.user, title=reflection.title, summary=summary, body=body, tags=["reflection", "training"]
        )

    try:
        page, created = pathway_services.start_wiki_draft(request.user, reflection, make_draft)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(back)
    if created:
        messages.success(
            request, "Your wiki draft is ready. Finish it here, then publish it when you are happy with it."
        )
    return redirect("wagtailadmin_pages:edit", page.pk)
