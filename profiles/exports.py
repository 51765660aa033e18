"""Profiles' part of a member's data export (hub/exports.py): their own organiser profile (the same
data as the profile's own download), or nothing for a member without one, and the host pages they
maintain."""

from profiles.models import HostProfilePage, OrganiserProfilePage
from profiles.services import export_profile_data


def profile(user) -> dict | None:
    page = OrganiserProfilePage.objects.filter(account=user).first()
    return export_profile_data(page) if page else None


def hosts_maintained(user) -> list[dict]:
    return [
        {"id": page.pk, "title": page.title, "url_path": page.url_path}
        for page in HostProfilePage.objects.filter(maintainers=user).order_by("title", "pk")
    ]
