"""Discovery's public URLs, included at the site root by warta/urls.py."""

from django.urls import path
from django.views.generic import RedirectView

from warta.discovery import sitemaps, views
from warta.discovery.syndication import AtomStoryFeed, StoryFeed, json_feed

SCOPES = "<str:scope>/<slug:value>/"

urlpatterns = [
    path("cari/", views.search_page, name="discovery-search"),
    path("search/", views.search_redirect),
    path("opensearch.xml", views.opensearch, name="discovery-opensearch"),
    path("feed/", StoryFeed(), name="discovery-feed-rss"),
    path("feed/atom/", AtomStoryFeed(), name="discovery-feed-atom"),
    path("feed/json/", json_feed, name="discovery-feed-json"),
    path("rss/", RedirectView.as_view(pattern_name="discovery-feed-rss", permanent=True)),
    path("feed/" + SCOPES, StoryFeed(), name="discovery-feed-rss-scoped"),
    path("feed/" + SCOPES + "atom/", AtomStoryFeed(), name="discovery-feed-atom-scoped"),
    path("feed/" + SCOPES + "json/", json_feed, name="discovery-feed-json-scoped"),
    path("sitemap.xml", sitemaps.sitemap_index, name="discovery-sitemap-index"),
    path("sitemap-<int:number>.xml", sitemaps.sitemap_page, name="discovery-sitemap-page"),
    path("sitemap-news.xml", sitemaps.sitemap_news, name="discovery-sitemap-news"),
    path("robots.txt", sitemaps.robots_txt, name="discovery-robots-txt"),
]
