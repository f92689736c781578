from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    """Ground floor: site settings, hotlines, roles, image hygiene, health and errors."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        # inner import: both use models, which can be imported only once the registry is ready.
        from portal.images import refuse_oversized_images_on_open
        from portal.roles import sync_roles_after_migrate

        refuse_oversized_images_on_open()

        # After every migrate, once all apps' permissions exist.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="portal.sync_roles")
