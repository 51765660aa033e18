"""The forum's JSON API routes (filled in below)."""

urlpatterns: list = []
