"""Right of reply (hak jawab): requests from readers, the editors' queue, published replies.

A reader (no account) fills the form on the request's own uncached page
(`/hak-jawab/<article id>/`); the request waits in the editors' queue in the
admin ("Hak jawab") as *baru*; an editor moves it to *diproses*, then *dimuat*
(with the reply text readers see) or *ditolak* (with the reason, kept
internal). A published reply has its own page, linked from the article and
linking back to it. The requester's contact is never shown on a public page.

Spam resistance without third parties: a honeypot field, a signed render
time (a form sent back too fast, or too old, is refused) and a throttle per
address hash (never the raw address) in Django's cache.
"""

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from warta.articles.models import ArticlePage
from warta.core.purge import purge_on_commit

MAX_BODY = 5000  # characters of a request's text
MAX_REPLY = 10000  # characters of the published reply
# A POST longer than this (bytes) is refused before its body is read: the
# form's fields together can never need more.
MAX_REQUEST_BYTES = 64 * 1024
THROTTLE_COUNT = 5  # requests per address per window
THROTTLE_SECONDS = 3600
MIN_FORM_SECONDS = 3  # a human needs longer than this to fill the form
MAX_FORM_SECONDS = 6 * 3600  # a form older than this must be reloaded
TOKEN_SALT = "warta.trust.replies.form"
# Unambiguous letters and digits (no 0/O, 1/I/L): read over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8  # 31**8 ≈ 8.5e11: not guessable by walking the URLs

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-.]{6,22}$", _("Enter an email address or a phone number.")
)


def validate_contact(value):
    value = value.strip()
    if "@" in value:
        EmailValidator(_("Enter a valid email address."))(value)
    else:
        phone_validator(value)


class ReplyRequest(models.Model):
    """One reader's request for a right of reply or a correction on one article."""

    class Kind(models.TextChoices):
        REPLY = "hak-jawab", _("Right of reply")
        CORRECTION = "koreksi", _("Correction request")

    class Status(models.TextChoices):
        NEW = "baru", _("New")
        IN_PROGRESS = "diproses", _("In progress")
        PUBLISHED = "dimuat", _("Published")
        REJECTED = "ditolak", _("Rejected")

    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="reply_requests",
    )
    reference = models.CharField(_("reference number"), max_length=24, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.REPLY)
    requester_name = models.CharField(_("name"), max_length=120)
    # Private: shown to editors in the admin only, never on a public page.
    contact = models.CharField(_("email or phone"), max_length=200, validators=[validate_contact])
    body = models.TextField(_("your reply or correction"), max_length=MAX_BODY)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    reply_text = models.TextField(
        _("published reply"),
        blank=True,
        max_length=MAX_REPLY,
        help_text=_("What readers see when the reply is published. Edit it as the newsroom may."),
    )
    address_hash = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("right of reply")
        verbose_name_plural = _("rights of reply")
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference(self.kind)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The public page of a published reply (404 until it is published)."""
        return reverse("trust-reply-published", args=[self.reference])

    def clean(self):
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            raise ValidationError(
                {"rejection_reason": _("Give the reason when a request is rejected.")}
            )
        if self.status == self.Status.PUBLISHED and not self.reply_text.strip():
            raise ValidationError(
                {"reply_text": _("Write the reply readers will see before publishing it.")}
            )

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


def new_reference(kind=ReplyRequest.Kind.REPLY):
    prefix = "KR" if kind == ReplyRequest.Kind.CORRECTION else "HJ"
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{prefix}-{timezone.now().year}-{code}"


# --- the public form's defences ------------------------------------------------


def client_address(request):
    """The client's address: REMOTE_ADDR, or X-Forwarded-For past the trusted proxies."""
    proxies = getattr(settings, "NINJA_NUM_PROXIES", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def address_hash(request):
    """A keyed hash of the client's address: enough to throttle, useless to identify."""
    key = hashlib.sha256(f"warta.trust.replies:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def _throttle_key(hashed):
    return f"warta:trust:reply-throttle:{hashed}"


def is_throttled(hashed):
    return cache.get(_throttle_key(hashed), 0) >= THROTTLE_COUNT


def count_submission(hashed):
    key = _throttle_key(hashed)
    # The window starts with the first request and lasts THROTTLE_SECONDS.
    if not cache.add(key, 1, THROTTLE_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, THROTTLE_SECONDS)


def form_token(article_id, now=None):
    """A signed (article id, render time): proves when and for what the form was given."""
    rendered = int(time.time() if now is None else now)
    return signing.dumps({"a": article_id, "t": rendered}, salt=TOKEN_SALT, compress=False)


class TokenProblem(Exception):
    pass


def check_token(token, article_id, now=None):
    """Raise TokenProblem (with a reader's message) unless `token` fits this article and time."""
    now = time.time() if now is None else now
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
        rendered, for_article = int(data["t"]), int(data["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TokenProblem(
            _("The form could not be checked. Reload the page and send it again.")
        ) from None
    if for_article != article_id:
        raise TokenProblem(_("The form could not be checked. Reload the page and send it again."))
    elapsed = now - rendered
    if elapsed < MIN_FORM_SECONDS:
        raise TokenProblem(
            _("The form was sent too quickly. Wait a few seconds and send it again.")
        )
    if elapsed > MAX_FORM_SECONDS:
        raise TokenProblem(_("The form has expired. Reload the page and send it again."))


# --- publishing ----------------------------------------------------------------


def _purge_article(batch, article_id):
    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is not None:
        batch.add_page(article)


def _purge_reply(batch, article_id, reference):
    article = ArticlePage.objects.filter(pk=article_id).first()
    site = article.get_site() if article is not None else None
    if site is not None:
        batch.add_url(site.root_url + reverse("trust-reply-published", args=[reference]))


@transaction.atomic
def save_review(reply, was_published):
    """Save an editor's change; publish or withdraw the reply, and purge what readers see."""
    if reply.is_published and reply.published_at is None:
        reply.published_at = timezone.now()
    if not reply.is_published:
        reply.published_at = None
    reply.save()
    if reply.is_published or was_published:
        purge_on_commit(_purge_article, reply.article_id)
        purge_on_commit(_purge_reply, reply.article_id, reply.reference)
    return reply


# --- on the article page -------------------------------------------------------


def replies_context(page, request):
    """The article's link to the form and its published replies, in one query."""
    if not page.pk:
        published = []
    else:
        published = list(
            ReplyRequest.objects.filter(article_id=page.pk, status=ReplyRequest.Status.PUBLISHED)
            .only("reference", "kind", "requester_name", "published_at", "article_id")
            .order_by("published_at", "pk")
        )
    form_url = reverse("trust-reply-form", args=[page.pk]) if page.pk else ""
    return {"trust_replies": {"form_url": form_url, "published": published}}


def register():
    from warta.articles.page_context import register_article_context

    register_article_context(replies_context)
