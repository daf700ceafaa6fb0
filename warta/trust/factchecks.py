"""Fact-checks: the claims a Cek Fakta article checks, their verdicts, and ClaimReview.

Each site sets its verdict scale in Settings → "Fact-check scale"
(`FactCheckSettings`): one verdict per line, ``Label|rating``, the rating from
1 (false) to 5 (true). A claim's verdict is one of those labels; publishing an
article with a verdict outside its site's scale is refused (`verdict_rule`).
Readers get the claim box before the body and search engines a schema.org
ClaimReview per claim (`factcheck_context`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from warta.articles.models import StoryType

BEST_RATING, WORST_RATING = 5, 1
DEFAULT_SCALE = "Benar|5\nSebagian benar|3\nTidak terbukti|2\nMenyesatkan|2\nSalah|1"


@dataclass(frozen=True)
class Verdict:
    label: str
    rating: int

    @property
    def slug(self):
        return slugify(self.label)


def parse_scale(text):
    """[Verdict] from the setting's text; raises ValidationError naming the bad line."""
    verdicts, seen = [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        label, sep, rating = line.rpartition("|")
        label = label.strip()
        if not sep or not label or not rating.strip().isdigit():
            raise ValidationError(
                _('Line %(number)d: write "Label|rating", e.g. "Salah|1".') % {"number": number}
            )
        value = int(rating)
        if not WORST_RATING <= value <= BEST_RATING:
            raise ValidationError(
                _("Line %(number)d: the rating must be from 1 to 5.") % {"number": number}
            )
        if not slugify(label) or slugify(label) in seen:
            raise ValidationError(
                _("Line %(number)d: “%(label)s” is empty or given twice.")
                % {"number": number, "label": label}
            )
        seen.add(slugify(label))
        verdicts.append(Verdict(label, value))
    if not verdicts:
        raise ValidationError(_("Give at least one verdict."))
    return verdicts


def validate_scale(text):
    parse_scale(text)


@register_setting(icon="tasks")
class FactCheckSettings(BaseSiteSetting):
    """A site's verdict scale for fact-checks."""

    verdict_scale = models.TextField(
        gettext_lazy("verdict scale"),
        default=DEFAULT_SCALE,
        validators=[validate_scale],
        help_text=gettext_lazy(
            "One verdict per line: Label|rating, the rating from 1 (false) to 5 (true). "
            "Changing a label does not change published fact-checks."
        ),
    )

    panels = [FieldPanel("verdict_scale")]

    class Meta:
        verbose_name = gettext_lazy("fact-check scale")

    @property
    def verdicts(self):
        try:
            return parse_scale(self.verdict_scale)
        except ValidationError:
            return parse_scale(DEFAULT_SCALE)

    def verdict(self, label):
        """The Verdict called `label` (case and spacing aside), or None."""
        wanted = slugify(label or "")
        return next((v for v in self.verdicts if v.slug == wanted), None)


def scale_for(site):
    if site is None:
        return FactCheckSettings()
    return FactCheckSettings.for_site(site)


def validate_evidence(text):
    """One http(s) URL per line."""
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            check(line)
        except ValidationError:
            raise ValidationError(
                _("Line %(number)d is not a web address (http:// or https://): %(line)s")
                % {"number": number, "line": line[:100]}
            ) from None


class ClaimCheck(Orderable):
    """One claim a fact-check article examines, and the newsroom's verdict on it."""

    class ClaimantType(models.TextChoices):
        PERSON = "Person", gettext_lazy("Person")
        ORGANIZATION = "Organization", gettext_lazy("Organisation or account")

    page = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="claim_checks"
    )
    claim = models.TextField(gettext_lazy("claim"), max_length=1000)
    claimant = models.CharField(
        gettext_lazy("who made it"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("A person, an organisation or an account."),
    )
    claimant_type = models.CharField(
        gettext_lazy("claimant is a"),
        max_length=12,
        choices=ClaimantType.choices,
        default=ClaimantType.PERSON,
    )
    appearance = models.CharField(
        gettext_lazy("where"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("The platform or place: “Facebook”, “a speech in Jayapura”."),
    )
    appearance_url = models.URLField(
        gettext_lazy("link to where it appeared"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=gettext_lazy("Only if it is safe to link (archived copy preferred)."),
    )
    claim_date = models.DateField(gettext_lazy("when"), null=True, blank=True)
    verdict = models.CharField(
        gettext_lazy("verdict"),
        max_length=80,
        help_text=gettext_lazy("One of the site's verdicts (Settings → Fact-check scale)."),
    )
    explanation = models.TextField(gettext_lazy("explanation"), max_length=5000)
    evidence = models.TextField(
        gettext_lazy("evidence links"),
        blank=True,
        validators=[validate_evidence],
        help_text=gettext_lazy("One web address per line (http:// or https://)."),
    )

    panels = [
        FieldPanel("claim"),
        FieldPanel("claimant"),
        FieldPanel("claimant_type"),
        FieldPanel("appearance"),
        FieldPanel("appearance_url"),
        FieldPanel("claim_date"),
        FieldPanel("verdict"),
        FieldPanel("explanation"),
        FieldPanel("evidence"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("fact-checked claim")
        verbose_name_plural = gettext_lazy("fact-checked claims")

    def __str__(self):
        return self.claim[:80]

    @property
    def evidence_links(self):
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


# --- the editing panel ---------------------------------------------------------


class OptionalChildFormSet(BaseChildFormSet):
    """The claims' formset; a POST without it (a client that predates fact-checks) changes nothing.

    Django refuses a bound formset without its management form. Trust's panel is
    added to the article form from above (page_panels), so a client written for
    the article form alone would be refused for a panel it never saw; without
    the management form there are no forms, no deletions, and the claims stay.
    """

    def _absent(self):
        return self.is_bound and f"{self.prefix}-TOTAL_FORMS" not in self.data

    def full_clean(self):
        if self._absent():
            self._errors = []
            self._non_form_errors = self.error_class(error_class="nonform", renderer=self.renderer)
            return
        super().full_clean()


class ClaimsPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = OptionalChildFormSet
        return options


# --- the publish rule ----------------------------------------------------------


def _claim_rows(form):
    """The claim forms of the article form's claim formset that are kept."""
    formset = getattr(form, "formsets", {}).get("claim_checks")
    if formset is None:
        return []
    formset.is_valid()  # validates once; cleaned_data is then on each form
    rows = []
    for child in formset.forms:
        data = getattr(child, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        rows.append(child)
    return rows


def verdict_rule(form, cleaned_data):
    """Refuse a verdict that is not on the site's scale, and a Cek Fakta without a claim."""
    parent = getattr(form, "parent_page", None)
    site = parent.get_site() if parent is not None else None
    if site is None and form.instance.pk:
        site = form.instance.get_site()
    scale = scale_for(site)
    problems = []
    claims = _claim_rows(form)
    for child in claims:
        written = child.cleaned_data.get("verdict", "")
        verdict = scale.verdict(written)
        if verdict is None:
            if written:
                problems.append(
                    _(
                        "The verdict “%(verdict)s” is not on this site's scale. "
                        "Use one of: %(scale)s."
                    )
                    % {"verdict": written, "scale": ", ".join(v.label for v in scale.verdicts)}
                )
            continue
        # Stored as the scale spells it, so the index's filter finds it.
        child.instance.verdict = child.cleaned_data["verdict"] = verdict.label
    if cleaned_data.get("story_type") == StoryType.FACT_CHECK and not claims:
        problems.append(_("A fact check needs at least one checked claim with its verdict."))
    return problems


# --- on the article page -------------------------------------------------------


def claim_review(claim, verdict, url, page, site):
    """schema.org ClaimReview of one claim (Google's required properties included)."""
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.claim,
        "author": {
            "@type": "Organization",
            "name": site.site_name if site else "",
            "url": site.root_url if site else "",
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": claim.verdict,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        },
    }
    if verdict is not None:
        data["reviewRating"]["ratingValue"] = verdict.rating
    if page.published:
        data["datePublished"] = page.published.date().isoformat()
    item = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = {"@type": claim.claimant_type or "Person", "name": claim.claimant}
    if claim.claim_date:
        item["datePublished"] = claim.claim_date.isoformat()
    if claim.appearance_url:
        item["appearance"] = {"@type": "CreativeWork", "url": claim.appearance_url}
        if claim.appearance:
            item["appearance"]["name"] = claim.appearance
    elif claim.appearance:
        item["appearance"] = {"@type": "CreativeWork", "name": claim.appearance}
    data["itemReviewed"] = item
    return data


def factcheck_context(page, request):
    """The claim box and ClaimReview data of a Cek Fakta article: at most two queries."""
    if page.story_type != StoryType.FACT_CHECK:
        return {}
    claims = list(page.claim_checks.all())
    if not claims:
        return {}
    site = Site.find_for_request(request)
    scale = FactCheckSettings.for_request(request) if site else scale_for(page.get_site())
    url = page.get_full_url(request)
    boxes, reviews = [], []
    for number, claim in enumerate(claims, start=1):
        verdict = scale.verdict(claim.verdict)
        anchor = f"klaim-{number}"
        boxes.append(
            {
                "claim": claim,
                "anchor": anchor,
                "rating": verdict.rating if verdict else None,
                "verdict_slug": verdict.slug if verdict else slugify(claim.verdict),
            }
        )
        claim_url = url if len(claims) == 1 else f"{url}#{anchor}"
        reviews.append(claim_review(claim, verdict, claim_url, page, site))
    return {
        "trust_factcheck": {"claims": boxes},
        "claim_review_data": reviews[0] if len(reviews) == 1 else reviews,
    }


def register():
    from warta.articles.forms import register_publish_rule
    from warta.articles.page_context import register_article_context
    from warta.articles.page_panels import register_article_panels

    register_article_panels(
        "content",
        MultiFieldPanel(
            [ClaimsPanel("claim_checks", label=gettext_lazy("Claim"))],
            heading=gettext_lazy("Fact check (for the “Fact check” story type)"),
        ),
    )
    register_publish_rule(verdict_rule)
    register_article_context(factcheck_context)
