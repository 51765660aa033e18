from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles"

    def ready(self):
        from profiles import signal_handlers
        from profiles.search_adapters import HostAdapter, OrganiserAdapter
        from search.registry import register

        register(OrganiserAdapter())
        register(HostAdapter())
        signal_handlers.connect()
