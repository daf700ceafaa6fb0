# The articles app's site, section and page-fetching fixtures, for stories with media.
from warta.articles.tests.conftest import author, get, section, site  # noqa: F401
