"""Users and authors.

A reporter's login (User) and their public byline (AuthorPage) are separate on
purpose: contributors and agencies get a byline without an account, and an
account can be removed without breaking old bylines.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from warta.core.blocks import INLINE_RICH_TEXT_FEATURES
from warta.core.models import PublicPage


class User(AbstractUser):
    """The custom user model, in place from the first migration."""

    # Bumped when the user's privileges change (groups, permissions, superuser, staff,
    # active): it is part of the session auth hash, so every session of the user ends
    # (people/sessions.py). 0 keeps Django's own hash, so existing sessions stay valid.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    def _get_session_auth_hash(self, secret=None):
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "warta.people.User.get_session_auth_hash",
            f"{self.password}\0{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class AuthorIndexPage(PublicPage):
    """The list of a site's authors ("Penulis")."""

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["people.AuthorPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = AuthorPage.objects.live().child_of(self).order_by("title")
        return context

    class Meta:
        verbose_name = _("author index")


class AuthorPage(PublicPage):
    """An author's public page: name (the title), role, bio and their articles.

    The article list comes from the articles app (`{% author_stories %}`), which
    knows what an article is; people only knows who writes them.
    """

    role = models.CharField(_("role"), max_length=120, blank=True)
    bio = RichTextField(_("bio"), blank=True, features=INLINE_RICH_TEXT_FEATURES)
    user = models.OneToOneField(
        "people.User",
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_page",
    )

    content_panels = PublicPage.content_panels + [
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = PublicPage.search_fields + [index.SearchField("bio")]
    parent_page_types = ["people.AuthorIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("author")
