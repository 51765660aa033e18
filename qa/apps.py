from django.apps import AppConfig


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = "Questions and answers"

    def ready(self):
        from qa.search_adapters import AnswerAdapter, QuestionAdapter
        from search import registry

        registry.register(QuestionAdapter())
        registry.register(AnswerAdapter())
