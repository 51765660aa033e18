"""Questions like a title being typed, from the hub's search index (the ask form's check).

Not a selector: it reads through the search service, and selectors read the forum's own tables."""

from qa.models import Question
from search import services


def similar_questions(title: str, limit: int = 5, exclude_pk: int | None = None) -> list[Question]:
    """Visible questions like `title`, best first, through the hub's search index (the search
    service broadens to any of the title's words when few questions hold them all)."""
    hits = services.similar(title, "question", limit + 1)
    ids = [hit.object_id for hit in hits if hit.object_id != exclude_pk][:limit]
    found = Question.objects.visible().filter(pk__in=ids).only("pk", "title", "slug", "answer_count").in_bulk()
    return [found[pk] for pk in ids if pk in found]
