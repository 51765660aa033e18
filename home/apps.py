from django.apps import AppConfig

from hub import page_context
from pathway import places


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home"

    def ready(self):
        from home import composition, panels, related  # noqa: PLC0415 - they import models, loaded after every AppConfig
        from home.models import HomePage  # noqa: PLC0415 - models load after every AppConfig
        from qa.models import Question  # noqa: PLC0415 - models load after every AppConfig
        from wiki import reading  # noqa: PLC0415 - it imports models, loaded after every AppConfig

        page_context.register(HomePage, panels.home_panels)
        page_context.register(Question, related.question_panels)
        reading.add_sidebar_panels(related.wiki_page_panels)
        places.set_source(composition.visit_places)
