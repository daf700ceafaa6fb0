"""The newspaper's page tree: home, sections (rubrik), topic hubs and articles.

HomePage (one per site)
├── StandingPage   ("Tentang kami", "Kontak": pages outside the news flow)
├── SectionPage ── ArticlePage
├── TopicIndexPage ── TopicPage
└── AuthorIndexPage ── AuthorPage   (people app)
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
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
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, Site
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from warta.articles.blocks import ArticleBodyBlock
from warta.articles.cards import paginated_cards, type_label
from warta.articles.forms import CreditedPhotosPageForm
from warta.articles.modified import modified_time
from warta.articles.page_context import contributed_context
from warta.articles.page_panels import registered_panels
from warta.core import pagecache
from warta.core.models import PublicPage
from warta.core.places import Placed, PlacedQuerySetMixin, place_panel
from warta.core.structured import publisher
from warta.images.renditions import SHARE_SPEC, body_photos
from warta.video.models import Video

# Wagtail's materialised path gives every tree level four characters.
PATH_STEP = Page.steplen


class StoryType(models.TextChoices):
    NEWS = "berita", _("News")
    OPINION = "opini", _("Opinion")
    ANALYSIS = "analisis", _("Analysis")
    FACT_CHECK = "cek-fakta", _("Fact check")


class HomeSection(Orderable):
    """One section in the order an editor gave the front page; unlisted sections follow."""

    home = ParentalKey("articles.HomePage", on_delete=models.CASCADE, related_name="section_order")
    section = models.ForeignKey(
        "articles.SectionPage",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="home_positions",
    )

    panels = [FieldPanel("section")]


class HomePage(PublicPage):
    """A site's front page: the lead story, live now, each section's latest, video, map, topics.

    An editor may pin the lead story and order the sections; what is not pinned is
    chosen automatically (the lead: the newest article live now, else the newest).
    Its context costs a fixed number of queries whatever the archive's size
    (articles/home.py).
    """

    stories_per_section = 4

    lead_story = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the newest story (a live one first)."),
    )

    content_panels = PublicPage.content_panels + [
        FieldPanel("lead_story"),
        InlinePanel(
            "section_order",
            label=_("Section"),
            heading=_("Order of sections"),
            help_text=_("Sections not listed follow in the menu's order."),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "articles.SectionPage",
        "articles.StandingPage",
        "articles.TopicIndexPage",
        "articles.VideoIndexPage",
        "people.AuthorIndexPage",
        "maps.MapPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        lead = self.lead_story
        if lead is not None and self.path and not lead.path.startswith(self.path):
            raise ValidationError({"lead_story": _("Choose a story of this site.")})
        for position in self.section_order.all():
            section = position.section if position.section_id else None
            if section is None or not self.path:
                continue
            if not section.path.startswith(self.path) or section.depth != self.depth + 1:
                raise ValidationError(_("Order only this site's sections."))

    def get_context(self, request, *args, **kwargs):
        from warta.articles.home import front_page

        context = super().get_context(request, *args, **kwargs)
        context.update(front_page(self, request))
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


class VideoIndexPage(PublicPage):
    """A site's "Video": its published stories with a video, newest first, by their posters."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = PublicPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    paginate_by = 12

    class Meta:
        verbose_name = _("video index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        stories = video_stories(home).order_by("-published_at", "-pk")
        context["page_obj"] = self.paginate(request, stories)
        return context


def video_stories(home):
    """The live, public articles of `home`'s site whose body shows a ready video (not sliced)."""
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .filter(first_video__output_prefix__gt="", first_video__playlist_name__gt="")
        .select_related("first_video")
    )


def first_video_id(body):
    """The id of the body's first video block's (existing) video, or None."""
    try:
        blocks = body.raw_data
    except AttributeError:
        return None
    wanted = []
    for block in blocks or ():
        if isinstance(block, dict) and block.get("type") == "video":
            value = block.get("value") or {}
            video = value.get("video") if isinstance(value, dict) else None
            if isinstance(video, int):
                wanted.append(video)
    if not wanted:
        return None
    # A block may still name a deleted video.
    existing = set(Video.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    return next((pk for pk in wanted if pk in existing), None)


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


class ArticlePageQuerySet(PlacedQuerySetMixin, PageQuerySet):
    """Pages' queryset whose bulk updates round approximate places (`core.places`)."""


class ArticlePage(PublicPage, Placed):
    base_form_class = CreditedPhotosPageForm
    objects = PageManager.from_queryset(ArticlePageQuerySet)()

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
    # The body's first video, kept on save so the front page's video row and the
    # video index find stories with video in one indexed query.
    first_video = models.ForeignKey(
        "video.Video",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
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

    def save(self, *args, **kwargs):
        self.first_video_id = first_video_id(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "first_video"}
        return super().save(*args, **kwargs)

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
