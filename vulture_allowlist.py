"""Names vulture cannot see used, each with who uses it (`make test` runs vulture).

Read by vulture only; never imported. Kinds of names Django and Wagtail call
by convention are in `[tool.vulture]` in pyproject.toml.
"""

# Set on articles by articles/cards.py (prepare_cards), read by articles/includes/story_card.html.
card_markers
card_label
card_kicker
card_eager
ROOT_URLCONF  # settings fixture attribute (articles/tests/test_front_door.py)
# Stream block children: Wagtail reads a StreamBlock's or StructBlock's class attributes.
gallery  # ArticleBodyBlock
quote  # ArticleBodyBlock, QuoteBlock
map  # ArticleBodyBlock
attribution  # QuoteBlock
# Named in settings.py as dotted strings (context processors, middleware, storages,
# the image form, the broadcasters, error handlers).
navigation  # TEMPLATES context_processors
branding  # TEMPLATES context_processors
QueryStringLimitMiddleware  # MIDDLEWARE
SiteLanguageMiddleware  # MIDDLEWARE
PublicGZipMiddleware  # MIDDLEWARE
RetryOnDatabaseOutageMiddleware  # MIDDLEWARE
WordPressIdRedirectMiddleware  # MIDDLEWARE
RequestMemoMiddleware  # MIDDLEWARE (core/pagecache.py)
RetryOnDatabaseOutageMiddleware  # MIDDLEWARE (first)
DegradingRedisCache  # CACHES with REDIS_URL
PrivateFileSystemStorage  # STORAGES["private"]
page_not_found  # warta/urls.py handler404
WartaImageForm  # WAGTAILIMAGES_IMAGE_FORM_BASE
InProcessBroadcaster  # WARTA_LIVE_BROADCASTER
RedisBroadcaster  # WARTA_LIVE_BROADCASTER with REDIS_URL
WartaRendition  # Wagtail finds the rendition model through the image model
# Choices: members used as stored values and in templates ("opini", "paused", …).
OPINION
ANALYSIS
FACT_CHECK
TEXT  # RelatedRead.Reason: stored values written by related_scoring.score
ABOUT  # StandingRole: stored values, chosen by editors and the demo
CONTACT
STANDARDS
CORRECTIONS
OWNERSHIP
PRIVACY
# Registries and lookups for apps above articles (docs/architecture.md, registry table).
register_publish_rule  # trust (sources)
standing_pages  # footer, trust labels
TOPIC
TAGS
PLACE
PAUSED
PROVINCE
# Model fields editors fill in the admin and templates read.
licence  # WartaImage
intro  # MapPage
content_object  # ArticlePageTag, django-taggit's through model
# Read by migrations (people/migrations create the groups and the workflow from them).
ROLES
PAGE_PERMISSIONS
IMAGE_PERMISSIONS
OTHER_PERMISSIONS
WORKFLOW_NAME
WORKFLOW_TASKS
# Set for the libraries that read them.
_exif  # Pillow: a parsed EXIF cached on the image (images/metadata.py)
_test_serialized_contents  # Django's test runner (live/tests/server.py)
should_exit  # uvicorn.Server's stop flag (live/tests/server.py)
locked_at  # Wagtail's page lock (articles/tests/test_permission_matrix.py)
locked_by  # Wagtail's page lock
_cached_parent_obj  # treebeard's cached parent (importers/wordpress.py publish_new)
_is_site_root  # Wagtail's site-root flag, read by Page.save (importers/wordpress.py)
live_revision  # Wagtail's page field, set in memory by importers/wordpress.py publish_new
# Model fields only filtered on by keyword.
active  # FeedSource, ingest.due_sources and tasks.poll_feed
started_by  # ImportRun, set by runs.start: who started an admin import

# The read API (warta.api): response schema fields are read by pydantic when ninja
# validates what an endpoint returns.
alt  # schemas.Image
type_label  # schemas.ArticleSummary
kind_label  # schemas.Correction
body_html  # schemas.Article
bio_html  # schemas.Author
detail  # errors.Problem
detail_en  # errors.Problem
allow_request  # http.AddressRateThrottle: ninja calls it on every operation
body_terms  # discovery.SearchEntry: read by FTS5 triggers and the PostgreSQL generated column
days_after  # OldEditsReportView rows, read by trust/old_edits_results.html
# trust (sources, corrections): choice members are stored values chosen by editors and the demo.
DOCUMENT  # SourceKind
INTERVIEW
AGENCY
STATEMENT
OTHER_OUTLET
DATA
CLARIFICATION  # NoteKind
UPDATE
default_permissions  # CorrectionNote.Meta: no "delete" permission, notes are withdrawn


# Trust (right of reply, fact-checks).
explanation  # factchecks.ClaimCheck, shown by factcheck_box.html
requester_name  # replies.ReplyRequest, shown by the templates
IN_PROGRESS  # replies.ReplyRequest.Status: chosen by editors in the queue
website  # replies_views.ReplyForm: the honeypot field
widgets  # ModelForm Meta options
error_messages  # ModelForm Meta options
_errors  # factchecks.OptionalChildFormSet: Django's formset state
_non_form_errors  # factchecks.OptionalChildFormSet: Django's formset state


# Approximate places (core/places.py).
alters_data  # PlacedQuerySetMixin.update: Django's flag, templates never call it
round_all_stored_revisions  # called by the data migration articles 0008 (not scanned)
# Video roles and trash (issue 17): read by Wagtail or a migration.
VIDEO_PERMISSIONS  # people/migrations/0004_video_roles.py
_delete  # TrashVideoAction: Wagtail's DeleteAction.execute calls it
success_message  # VideoDeleteView: Wagtail's DeleteView reads it
get_object_list  # the video chooser's views: Wagtail's ChooseView calls it
choose_view_class  # VideoChooserViewSet
choose_results_view_class  # VideoChooserViewSet
edit_view_class  # VideoViewSet
delete_view_class  # VideoViewSet
chooser_viewset_class  # VideoViewSet
# Accounts (people: throttle, second factor, audit, sessions).
on_logged_in  # audit and two_factor: user_logged_in receivers
on_logged_out  # audit: user_logged_out receiver
on_login_failed  # audit: user_login_failed receiver, counts for the throttle
on_user_saved  # sessions: pre_save receiver
ThrottledLoginForm  # throttle: WAGTAILADMIN_USER_LOGIN_FORM
PASSWORD_HASHERS  # test settings
# Front page (issue 10).
is_live  # articles.home: the lead's "Langsung" marker, read by home_page.html
first_video  # ArticlePage: the body's first video, read by the video row and index
focal_point_x  # Wagtail's image fields, set by tests
focal_point_y
focal_point_width
focal_point_height
# Content-Security-Policy (core/csp_policy.py, core/csp.py).
s3_origins  # called by warta/settings.py, which vulture does not read
CONTENT_SECURITY_POLICY  # django-csp's setting, overridden in the browser test
raise_request_exception  # django.test.Client option: answer 500 instead of raising
# Read by Wagtail's BaseSiteSetting (page URLs) on the settings SiteLanguageMiddleware sets.
_request
