from django.apps import AppConfig

from hub import page_context


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home"

    def ready(self):
        from home import panels  # noqa: PLC0415 - it imports models, loaded after every AppConfig
        from home.models import HomePage  # noqa: PLC0415 - models load after every AppConfig

        page_context.register(HomePage, panels.home_panels)
