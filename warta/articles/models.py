"""The newspaper's page tree: home, sections (rubrik), topic hubs and articles.

HomePage (one per site)
├── StandingPage   ("Tentang kami", "Kontak": pages outside the news flow)
├── SectionPage ── ArticlePage
├── TopicIndexPage ── TopicPage
└── AuthorIndexPage ── AuthorPage   (people app)
"""

from django import forms
from django.db import models
from django.db.models import F, Window
from django.db.models.functions import Length, RowNumber, Substr
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from warta.articles.blocks import ArticleBodyBlock
from warta.articles.cards import paginated_cards, prepare_cards, type_label, with_card_images
from warta.articles.forms import CreditedPhotosPageForm
from warta.articles.modified import modified_time
from warta.articles.page_context import contributed_context
from warta.articles.page_panels import registered_panels
from warta.core import pagecache
from warta.core.models import PublicPage
from warta.core.places import Placed, place_panel
from warta.core.structured import publisher
from warta.images.renditions import SHARE_SPEC, body_photos

# Wagtail's materialised path gives every tree level four characters.
PATH_STEP = Page.steplen


class StoryType(models.TextChoices):
    NEWS = "berita", _("News")
    OPINION = "opini", _("Opinion")
    ANALYSIS = "analisis", _("Analysis")
    FACT_CHECK = "cek-fakta", _("Fact check")


class HomePage(PublicPage):
    """A site's front page: the latest stories of each section."""

    stories_per_section = 4

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "articles.SectionPage",
        "articles.StandingPage",
        "articles.TopicIndexPage",
        "people.AuthorIndexPage",
        "maps.MapPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = list(SectionPage.objects.live().public().child_of(self).order_by("path"))
        # One query for all sections: number each section's articles newest first
        # and keep the first few of each.
        ranked = with_card_images(
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .annotate(
                parent_path=Substr("path", 1, Length("path") - PATH_STEP),
                rank=Window(
                    RowNumber(),
                    partition_by=Substr("path", 1, Length("path") - PATH_STEP),
                    order_by=[F("published_at").desc(nulls_last=True), F("path").desc()],
                ),
            )
            .filter(rank__lte=self.stories_per_section)
            .order_by("parent_path", "rank")
        )
        by_section = {}
        for article in prepare_cards(ranked, eager=1):
            by_section.setdefault(article.parent_path, []).append(article)
        context["section_stories"] = [
            (section, by_section[section.path])
            for section in sections
            if section.path in by_section
        ]
        return context


class SectionPage(PublicPage):
    """A rubrik such as "Hukum" or "Lingkungan": its articles, newest first."""

    description = models.CharField(_("description"), max_length=255, blank=True)

    content_panels = PublicPage.content_panels + [FieldPanel("description")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = _("section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().child_of(self)
        context["page_obj"] = paginated_cards(self, request, articles)
        return context


class StandingRole(models.TextChoices):
    """What a standing page is for: the footer and every article link to them by role."""

    ABOUT = "tentang", _("About us")
    CONTACT = "kontak", _("Contact")
    STANDARDS = "pedoman", _("Editorial standards")
    CORRECTIONS = "koreksi", _("Corrections policy")
    OWNERSHIP = "kepemilikan", _("Ownership and funding")
    PRIVACY = "privasi", _("Privacy")


class StandingPage(PublicPage):
    """A page that stays put: "Tentang kami", "Pedoman media siber", "Kontak".

    Deliberately small (a title and a body); imported WordPress pages land here.
    A role says which of the site's standing pages it is (see ``standing_pages``).
    """

    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=StandingRole.choices,
        blank=True,
        db_index=True,
        help_text=_("Linked from the footer and from every article when set."),
    )

    content_panels = PublicPage.content_panels + [FieldPanel("body")]
    settings_panels = PublicPage.settings_panels + [FieldPanel("role")]
    search_fields = PublicPage.search_fields + [index.SearchField("body")]
    parent_page_types = ["articles.HomePage", "articles.StandingPage"]
    subpage_types = ["articles.StandingPage"]

    class Meta:
        verbose_name = _("standing page")


def standing_pages(page_or_site) -> dict:
    """{role: live StandingPage} for the site of a page (or a Site), in one query."""
    page = page_or_site.root_page if isinstance(page_or_site, Site) else page_or_site
    # Home pages sit at depth 2: the first two path steps name the site's tree.
    home_path = page.path[: PATH_STEP * 2]
    # Kept until the page tree next changes (core/pagecache.py).
    return pagecache.cached(f"standing:{home_path}", lambda: _standing_pages(home_path))


def _standing_pages(home_path):
    found = {}
    pages = (
        StandingPage.objects.live()
        .public()
        .filter(path__startswith=home_path)
        .exclude(role="")
        .order_by("path")
    )
    for page in pages:
        found.setdefault(page.role, page)
    return found


class TopicIndexPage(PublicPage):
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.TopicPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("topic index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = TopicPage.objects.live().public().child_of(self).order_by("title")
        return context


class TopicPage(PublicPage):
    """A topic hub: every story on a developing subject, in one place.

    It lists the topic's articles; a live coverage (the live app) may attach to it.
    """

    summary = models.TextField(_("summary"), blank=True)

    content_panels = PublicPage.content_panels + [FieldPanel("summary")]
    search_fields = PublicPage.search_fields + [index.SearchField("summary")]
    parent_page_types = ["articles.TopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("topic")

    def map_facets(self):
        """(section id, topic ids) of what is placed on this page (see map_sources)."""
        return None, [self.pk]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().filter(topics=self)
        context["page_obj"] = paginated_cards(self, request, articles)
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleAuthor(Orderable):
    """One name in an article's byline; the order is the byline's order."""

    article = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        "people.AuthorPage",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("author")]


class ArticlePage(PublicPage, Placed):
    base_form_class = CreditedPhotosPageForm

    kicker = models.CharField(
        _("section label"),
        max_length=80,
        blank=True,
        help_text=_("The label above the headline. Defaults to the section's name."),
    )
    standfirst = models.TextField(_("standfirst"), blank=True, max_length=600)
    dateline = models.CharField(
        _("dateline"), max_length=80, blank=True, help_text=_("Where the story was reported.")
    )
    story_type = models.CharField(
        _("story type"), max_length=20, choices=StoryType.choices, default=StoryType.NEWS
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Shown to readers. Filled with the first publication time when empty."),
    )
    lead_image = models.ForeignKey(
        "images.WartaImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used when the article is shared and in lists."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    topics = ParentalManyToManyField(
        "articles.TopicPage", blank=True, related_name="articles", verbose_name=_("topics")
    )

    content_panels = [
        FieldPanel("kicker"),
        TitleFieldPanel("title", heading=_("Headline")),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [InlinePanel("article_authors", label=_("Author"), min_num=1), FieldPanel("dateline")],
            heading=_("Byline"),
        ),
        place_panel(),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("story_type"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
    ]
    settings_panels = PublicPage.settings_panels + [FieldPanel("published_at")]
    search_fields = PublicPage.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("published_at"),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's three tabs, with the panels apps above articles registered (page_panels)."""
        tabs = [
            (cls.content_panels, "content", _("Content")),
            (cls.promote_panels, "promote", _("Promote")),
            (cls.settings_panels, "settings", _("Settings")),
        ]
        return TabbedInterface(
            [
                ObjectList(list(panels) + registered_panels(tab), heading=heading)
                for panels, tab, heading in tabs
            ],
            base_form_class=cls.base_form_class,
        ).bind_to_model(cls)

    @cached_property
    def section(self):
        return self.get_parent()

    @property
    def section_label(self):
        return self.kicker or self.section.title

    @property
    def published(self):
        return self.published_at or self.first_published_at

    @property
    def updated(self):
        """The last publication time, when it is meaningfully after publication."""
        published, last = self.published, self.last_published_at
        if published and last and (last - published).total_seconds() > 60:
            return last
        return None

    def map_facets(self):
        """(section id, topic ids) of this story and what is placed on it (see map_sources)."""
        return self.get_parent().pk, list(self.topics.values_list("pk", flat=True))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False) or not self.live:
            authors, tags, topics = self._byline()
        else:
            # Authors and topics are pages, tags change with the article's revision: kept
            # until the page tree next changes (core/pagecache.py).
            authors, tags, topics = pagecache.cached(
                f"byline:{self.pk}:{self.live_revision_id}", self._byline
            )
        url = self.get_full_url(request)
        share_image = self.share_image()
        # The article always says what it is, "Berita" too; the kicker never repeats it.
        kicker = type_label(self, self.section_label)[1]
        label = self.get_story_type_display()
        crumbs = self.breadcrumbs(request, url)
        context.update(
            type_label=label,
            kicker_label=kicker or self.section.title,
            breadcrumbs=crumbs,
            breadcrumb_data={
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": n,
                        "name": crumb["name"],
                        "item": crumb["full_url"],
                    }
                    for n, crumb in enumerate(crumbs, 1)
                ],
            },
            share_url=url,
            authors=authors,
            article_tags=tags,
            article_topics=topics,
            share_image=share_image,
            share_image_url=request.build_absolute_uri(share_image.url) if share_image else "",
            share_text=f"{self.title} {url}",
            structured_data=self.structured_data(request, url, authors, tags, share_image),
        )
        context.update(contributed_context(self, request))
        return context

    def _byline(self):
        """(authors, tags, live topics) of the article."""
        authors = [byline.author for byline in self.article_authors.select_related("author")]
        # Filtered in Python: in a preview these are in-memory relations, not querysets.
        topics = [topic for topic in self.topics.all() if topic.live]
        return authors, list(self.tags.all()), topics

    def share_image(self):
        """The share card (og:image): the lead image's, else the first photo of the body."""
        image = self.lead_image
        if image is None:
            first = next(body_photos(self.body), None)
            image = first[0] if first else None
        return image.get_rendition(SHARE_SPEC) if image else None

    def breadcrumbs(self, request, url):
        """[{name, url, full_url}]: the home page, the section, the article."""
        home = Site.find_for_request(request)
        section = self.section
        crumbs = []
        if home is not None:
            crumbs.append(
                {"name": home.site_name or _("Home"), "url": "/", "full_url": home.root_url + "/"}
            )
        crumbs.append(
            {
                "name": section.title,
                "url": section.get_url(request),
                "full_url": section.get_full_url(request),
            }
        )
        crumbs.append({"name": self.title, "url": self.get_url(request), "full_url": url})
        return crumbs

    def structured_data(self, request, url, authors, tags, share_image):
        """schema.org NewsArticle, so search engines show the byline and dates right."""
        site = Site.find_for_request(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "url": url,
            "headline": self.title,
            "articleSection": self.section_label,
            "inLanguage": get_language(),
            "author": [
                {"@type": "Person", "name": a.title, "url": a.get_full_url(request)}
                for a in authors
            ],
            "publisher": publisher(request, site) if site else {"@type": "NewsMediaOrganization"},
        }
        if self.standfirst:
            data["description"] = self.standfirst
        if self.published:
            data["datePublished"] = self.published.isoformat()
        modified = modified_time(self)
        if modified:
            data["dateModified"] = modified.isoformat()
        if self.dateline:
            data["locationCreated"] = {"@type": "Place", "name": self.dateline}
        if tags:
            data["keywords"] = [tag.name for tag in tags]
        if share_image:
            data["image"] = [request.build_absolute_uri(share_image.url)]
        return data
