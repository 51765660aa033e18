"""How profiles appear in the hub's search: kinds "organiser" and "host", area filled in, skills as tags."""

from django.utils.html import strip_tags

from hub import visibility
from hub.markdown import render
from profiles.models import HostProfilePage, OrganiserProfilePage
from search.registry import SearchAdapter, SearchDocument


def _plain(markdown_text: str) -> str:
    return " ".join(strip_tags(render(markdown_text or "")).split())


class _ProfileAdapter(SearchAdapter):
    def queryset(self):
        # Hidden profiles are left out: a profile hidden from anonymous visitors is never searchable.
        # What everyone may see (hub/visibility.py with the profiles' page rule): a profile hidden
        # from anonymous visitors is never searchable.
        return visibility.visible_pages(self.model.objects.all(), visibility.PUBLIC).order_by("pk")


class OrganiserAdapter(_ProfileAdapter):
    kind = "organiser"
    label = "Organiser"
    label_plural = "Organisers"
    model = OrganiserProfilePage

    def queryset(self):
        return super().queryset().select_related("host").prefetch_related("skills")

    def to_document(self, obj) -> SearchDocument:
        role = obj.get_role_display()
        host = f" at {obj.host.title}" if obj.host_id else ""
        return SearchDocument(
            kind=self.kind,
            object_id=obj.pk,
            title=obj.title,
            summary=f"{role}{host}",
            body=_plain(obj.bio),
            url=obj.url or "",
            published_at=obj.first_published_at or obj.latest_revision_created_at,
            tags=tuple(sorted(tag.name for tag in obj.skills.all())),
            area=obj.area,
            extra={"role": role},
        )


class HostAdapter(_ProfileAdapter):
    kind = "host"
    label = "Host organisation"
    label_plural = "Host organisations"
    model = HostProfilePage

    def to_document(self, obj) -> SearchDocument:
        return SearchDocument(
            kind=self.kind,
            object_id=obj.pk,
            title=obj.title,
            body=_plain(obj.description),
            url=obj.url or "",
            published_at=obj.first_published_at or obj.latest_revision_created_at,
            area=obj.area,
        )
