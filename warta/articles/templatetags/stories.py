"""Story lists that pages of other apps show (an author's page lists their articles)."""

from django import template

from warta.articles.cards import paginated_cards
from warta.articles.models import ArticlePage

register = template.Library()


@register.simple_tag(takes_context=True)
def author_stories(context, author):
    """One page (?page=N) of `author`'s published articles, newest first; a bad N is a 404."""
    articles = ArticlePage.objects.live().public().filter(article_authors__author=author)
    return paginated_cards(author, context["request"], articles)
