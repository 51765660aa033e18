"""An index on Wagtail's page addresses: hub/routing.py finds a page by `url_path` on every request
a page serves (docs/adr/0104), and without one that is a scan of every page (7 ms at corpus size)."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS hub_wagtailcore_page_url_path ON wagtailcore_page (url_path)"
DROP = "DROP INDEX IF EXISTS hub_wagtailcore_page_url_path"


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0012_report"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
