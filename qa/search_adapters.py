"""How the hub's search sees questions and answers. Imported from QaConfig.ready(), after the models load."""

from django.db.models import Sum
from django.utils.html import strip_tags

from hub.markdown import render
from qa.models import Answer, Question, visible_q
from search.registry import SearchAdapter, SearchDocument


def _plain(markdown_text: str) -> str:
    return " ".join(strip_tags(str(render(markdown_text))).split())


class QuestionAdapter(SearchAdapter):
    kind = "question"
    label = "Question"
    label_plural = "Questions"
    author_field = "author"

    model = Question

    def queryset(self):
        return self.model.objects.visible().select_related("author").prefetch_related("tags")

    def to_document(self, obj) -> SearchDocument:
        answers_score = obj.answers.visible().aggregate(total=Sum("rating_score"))["total"] or 0
        return SearchDocument(
            kind=self.kind,
            object_id=obj.pk,
            title=obj.title,
            body=_plain(obj.body),
            url=obj.get_absolute_url(),
            published_at=obj.created_at,
            tags=tuple(tag.name for tag in obj.tags.all()),
            answered=obj.answer_count > 0,
            accepted=obj.accepted_answer_id is not None,
            rating_score=obj.rating_score + answers_score,
            author_score=obj.author.feedback_score,
            extra={"author": obj.author.public_name, "closed": obj.is_closed},
        )


class AnswerAdapter(SearchAdapter):
    kind = "answer"
    label = "Answer"
    label_plural = "Answers"
    author_field = "author"

    model = Answer

    def queryset(self):
        return (
            self.model.objects.visible()
            .filter(visible_q("question__"))
            .select_related("author", "question")
            .prefetch_related("question__tags")
        )

    def to_document(self, obj) -> SearchDocument:
        question = obj.question
        return SearchDocument(
            kind=self.kind,
            object_id=obj.pk,
            title=f"Answer to: {question.title}",
            title_words="",  # found by its own words; its question is a result of its own
            body=_plain(obj.body),
            url=obj.get_absolute_url(),
            published_at=obj.created_at,
            tags=tuple(tag.name for tag in question.tags.all()),
            answered=True,
            accepted=question.accepted_answer_id == obj.pk,
            rating_score=obj.rating_score,
            author_score=obj.author.feedback_score,
            parent_title=question.title,
            parent_url=question.get_absolute_url(),
            extra={"author": obj.author.public_name},
        )
