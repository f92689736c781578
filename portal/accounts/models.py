"""The one user model, shared by children, staff and admins."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who can sign in. Children's accounts carry no real name here.

    Prints as an opaque label so that no name reaches audit logs, task arguments or
    error reports; staff screens that need a name ask for it explicitly.
    """

    email = models.EmailField(_("alamat email"), blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return f"Pengguna #{self.pk}" if self.pk else "Pengguna baru"
