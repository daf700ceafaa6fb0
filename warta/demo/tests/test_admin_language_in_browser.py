"""The admin screens each newsroom role uses show no English (issue 16, item 1).

Walks the screens as a reporter, a fact-checker and an editor at 390 px, fails
on any visible word or phrase from ENGLISH (compiled from these screens before
the catalogue in warta/locale/wagtail completed Wagtail's id_ID one), and keeps
a screenshot of each under test-artifacts/admin-language/.
"""

import re
from pathlib import Path

import pytest

from warta.articles.factories import make_article, make_author, make_section
from warta.images.factories import make_image
from warta.live.factories import make_coverage, make_topic
from warta.people.factories import make_user

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "admin-language"

# English seen on these screens with Wagtail's own id_ID catalogue alone.
# Whole words/phrases, case-sensitive, so Indonesian loanwords ("Status", "Tag") pass.
ENGLISH = [
    "Dashboard",
    "Pages",
    "Search all pages",
    "Reports",
    "Help",
    "Request changes",
    "Approve with comment",
    "Autosave",
    "Page title",
    "Only pages of type",
    "Write something",
    "Save schedule",
    "Set schedule",
    "Schedule to publish",
    "Publish",
    "Save draft",
    "Submit",
    "Resubmit",
    "Pengajuan ke",
    "Preview",
    "History",
    "Comments",
    "Choose",
    "Upload",
    "Search",
    "Edit",
    "Delete",
    "Cancel",
    "Add comment",
    "Toggle",
    "Minimap",
    "Side panel",
    "Content metrics",
    "Words",
    "Reading time",
    "Readability",
    "Issues found",
    "Locked",
    "Unlocked",
    "Anyone can edit",
    "Page visibility",
    "Visible to all",
    "No publishing schedule",
    "Live",
    "Draft saved",
    "Current page status",
    "Privacy",
    "Workflow",
    "In Moderation",
    "View details",
    "View history",
    "Sort",
    "Filter",
    "Actions",
    "More actions",
    "Bulk actions",
    "Select",
    "Created",
    "Updated",
    "Owner",
    "Edited by",
    "Site",
    "Page type",
    "Has child pages",
    "Exploring",
    "Last published",
    "Tags",
    "Multi-word tags",
    "comma-separated",
    "Collection",
    "Images",
    "Drag and drop",
    "Maximum filesize",
    "Add an image",
    "Newest",
    "Oldest",
    "Insert a block",
    "Blocks",
    "Character count",
    "New:",
    "Compare",
    "Revert",
    "Timeline",
    "Skip to main content",
    "Main menu",
    "Sidebar",
    "Account",
    "Log out",
    "Notifications",
    "There are no",
    "No results",
    "Sorry",
    "just now",
    "ago",
    "Heading",
    "Pagination",
    "Go-live",
    "Expiry",
    "Locking:",
    "Breadcrumb",
]
PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(e.strip()) for e in ENGLISH) + r")(?![\w-])"
)
# Visible text: rendered text, visible placeholders and Draftail's placeholder.
VISIBLE_TEXT = """() => {
  const seen = [document.body.innerText];
  for (const el of document.querySelectorAll('[placeholder]')) {
    if (el.offsetParent !== null) seen.push(el.getAttribute('placeholder'));
  }
  const drafts = document.querySelectorAll('.public-DraftEditorPlaceholder-inner');
  for (const el of drafts) seen.push(el.textContent);
  return seen.join('\\n');
}"""


@pytest.fixture
def newsroom(site):
    section = make_section(site, "Bali", "bali")
    author = make_author(site, "Ni Luh Ayu")
    reporter = make_user("reporter", "Reporter")
    article = make_article(section, title="Banjir rob di Serangan", authors=[author])
    article.owner = reporter
    article.save()
    topic = make_topic(site)
    make_coverage(topic)
    image = make_image()
    return {
        "site": site,
        "section": section,
        "article": article,
        "topic": topic,
        "image": image,
        "reporter": reporter,
    }


def english_on(tab):
    text = tab.evaluate(VISIBLE_TEXT)
    return sorted({m.group(0).strip() for m in PATTERN.finditer(text)})


def screens(data, role):
    section, article, topic = data["section"], data["article"], data["topic"]
    yield "dashboard", "/admin/", None
    yield "explorer", f"/admin/pages/{section.pk}/", None
    yield "search", "/admin/pages/search/?q=banjir", None
    if role != "Fact-checker":  # fact-checkers check stories; they do not write them
        yield "add-article", f"/admin/pages/add/articles/articlepage/{section.pk}/", None
    yield "edit-article", f"/admin/pages/{article.pk}/edit/", "actions"
    yield "status-panel", f"/admin/pages/{article.pk}/edit/", "status"
    if role != "Reporter":  # reporters edit only their own pages
        yield "edit-topic", f"/admin/pages/{topic.pk}/edit/", None
    yield "history", f"/admin/pages/{article.pk}/history/", None
    yield "image-chooser", "/admin/images/chooser/", None
    yield "image-upload", "/admin/images/multiple/add/", None
    yield "image-edit", f"/admin/images/{data['image'].pk}/", None
    if role != "Reporter":
        yield "live-posting", f"/admin/live/{topic.pk}/", None
    # Every role uploads video (people/roles.py VIDEO_PERMISSIONS) and has the trash.
    yield "video-listing", "/admin/snippets/video/video/", None
    yield "video-upload", "/admin/snippets/video/video/add/", None
    yield "trash", "/admin/sampah/", None


@pytest.mark.parametrize("role", ["Reporter", "Fact-checker", "Editor"])
def test_admin_screens_show_no_english(served_page, client, newsroom, role):
    user = newsroom["reporter"] if role == "Reporter" else make_user(role.lower(), role)
    # Reporters edit the photos they uploaded.
    type(newsroom["image"]).objects.filter(pk=newsroom["image"].pk).update(uploaded_by_user=user)
    client.force_login(user)
    tab = served_page(newsroom["site"].hostname, viewport={"width": 390, "height": 844})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, path, action in screens(newsroom, role):
        response = tab.goto(f"http://{newsroom['site'].hostname}{path}")
        assert response.status < 400, (name, response.status)
        tab.wait_for_load_state("networkidle")
        if action == "actions":
            tab.locator("footer [data-w-dropdown-target=toggle]").first.click()
        elif action == "status":
            tab.locator("[data-side-panel-toggle=status]").first.click()
        tab.wait_for_timeout(150)
        tab.screenshot(path=ARTIFACTS / f"{role.lower()}-{name}.png", full_page=True)
        if words := english_on(tab):
            found[name] = words
    assert found == {}
