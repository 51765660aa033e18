from django.apps import AppConfig


class PathwayConfig(AppConfig):
    name = "pathway"
    verbose_name = "Training pathway"
    default_auto_field = "django.db.models.BigAutoField"
