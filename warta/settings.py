"""Warta settings: the one place that reads the environment.

Nothing set gives the embedded default (SQLite, local media, database-backed
tasks, local-memory cache). Each scaled part is switched on by its variable:
DATABASE_URL (PostgreSQL), REDIS_URL (cache), S3_BUCKET (media on
S3-compatible storage). WARTA_ENV=production turns on the secure defaults
and refuses to start without a SECRET_KEY.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from warta.core import csp_policy
from warta.core.env import env_bool, env_int, env_list, env_str
from warta.video import layout as video_layout

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("WARTA_DATA_DIR", str(BASE_DIR / "var")))

WARTA_ENV = env_str("WARTA_ENV", "development", choices=("development", "production"))
PRODUCTION = WARTA_ENV == "production"

DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG cannot be on when WARTA_ENV=production.")

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when WARTA_ENV=production.")
    # Development and demo only: never used when WARTA_ENV=production.
    SECRET_KEY = "warta-development-only-not-a-secret"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", ".localhost"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "warta.core",
    "warta.people",
    "warta.images",
    "warta.articles",
    "warta.maps",
    "warta.video",
    "warta.live",
    "warta.importers",
    "warta.discovery",
    "warta.trust",
    "warta.trash",
    "warta.api",
    "warta.demo",
    # django-ninja: the API's docs page with its own copy of Swagger UI, not a CDN's.
    "ninja",
    # Second factor (warta/people/two_factor.py): TOTP devices and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "storages",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost: a safe request the database dropped runs once more (core/outage.py).
    "warta.core.outage.RetryOnDatabaseOutageMiddleware",
    # Cache lookups (site, settings, routes, navigation) read once per request (core/pagecache.py).
    "warta.core.pagecache.RequestMemoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, static files included (core/csp.py).
    "warta.core.csp.WartaCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "warta.core.middleware.PublicGZipMiddleware",
    # ETag (a hash of the body) on every full response and 304 for a client or
    # cache that has it; below GZip so the tag is of the uncompressed bytes.
    "django.middleware.http.ConditionalGetMiddleware",
    "warta.core.middleware.QueryStringLimitMiddleware",
    "warta.core.middleware.SiteLanguageMiddleware",
    "warta.importers.middleware.WordPressIdRedirectMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified(), then: unverified staff give their code before the admin.
    "django_otp.middleware.OTPMiddleware",
    "warta.people.two_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "warta.urls"
WSGI_APPLICATION = "warta.wsgi.application"
ASGI_APPLICATION = "warta.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "warta.core.context_processors.branding",
                "warta.articles.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in DATA_DIR unless DATABASE_URL points elsewhere.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    # Health checks: a reused connection the server dropped (failover, restart)
    # is replaced before the request uses it, instead of failing the request.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "warta.sqlite3",
            # Reusing the connection saves about 4 ms a request (bench/article.py).
            "CONN_MAX_AGE": 60,
            # WAL and IMMEDIATE transactions let the web server and the task
            # worker share one SQLite file without "database is locked" errors:
            # a writer takes the lock when its transaction begins, so it waits
            # for the other writer (up to the busy timeout, in seconds) instead
            # of failing when a read inside the transaction turns into a write,
            # where SQLite cannot wait. Past the timeout the request is a 503
            # with a message (core/outage.py), never a hang or a 500.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("WARTA_SQLITE_BUSY_TIMEOUT", 10, minimum=1),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else per-process memory. A Redis that is
# down or slow is a cache miss, never an error page (warta/core/cache.py).
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "warta.core.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "warta",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (Django's tasks API via django-tasks): a database queue,
# worked by `manage.py db_worker` (started by `make demo`).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_USER_MODEL = "people.User"
# Accounts (warta/people, docs/decisions/0009-accounts.md): wrong passwords for one
# account from one address before that pair is locked, and for how long; the
# second factor required for every staff user (off: each user may turn it on).
WARTA_LOGIN_FAILURE_LIMIT = env_int("WARTA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
WARTA_LOGIN_LOCK_SECONDS = env_int("WARTA_LOGIN_LOCK_SECONDS", 900, minimum=1)
WARTA_2FA_REQUIRED = env_bool("WARTA_2FA_REQUIRED", default=False)
WAGTAILADMIN_USER_LOGIN_FORM = "warta.people.throttle.ThrottledLoginForm"
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Warta")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: readers and editors see Indonesian; English is available through
# Django's i18n (a site can be switched to it in its settings).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
# The project's catalogue, then the one completing Wagtail's incomplete id_ID
# catalogues (README "Translations"); both win over the apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "warta" / "locale", BASE_DIR / "warta" / "locale" / "wagtail"]
USE_I18N = True
USE_TZ = True
# Stored times are UTC; each site renders them in its own zone (core.dates).
TIME_ZONE = env_str("TIME_ZONE", "Asia/Makassar")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("id", "Bahasa Indonesia")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files: one small CSS file, served compressed by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# What the server uses from the pinned npm packages (package.json,
# package-lock.json), built at install time by bin/build_assets.py (`make
# install`; git-ignored): third-party browser libraries (their dist folders,
# under static/vendor/), the map outline and the gazetteer data. node_modules/
# is never read at run time.
BUILD_DIR = BASE_DIR / "build"
STATICFILES_DIRS = [BUILD_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = DATA_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", default=PRODUCTION)
            else "whitenoise.storage.CompressedStaticFilesStorage"
        )
    },
}
S3_BUCKET = env_str("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "custom_domain": env_str("S3_CUSTOM_DOMAIN", "") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
        },
    }
# Uploaded originals (photo and video sources keep the camera's GPS point) go
# to a private storage that no URL serves (docs/decisions/0003-photos-and-video.md).
STORAGES["private"] = {"BACKEND": "warta.core.storage.PrivateFileSystemStorage"}
# Unset: a "private-media" folder beside MEDIA_ROOT (warta.core.storage).
WARTA_PRIVATE_MEDIA_ROOT = env_str("WARTA_PRIVATE_MEDIA_ROOT", "") or None
if S3_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": env_str("S3_PRIVATE_BUCKET", "") or S3_BUCKET,
            "location": "private",
            "custom_domain": None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 600,
        },
    }
# The only media prefixes readers may fetch: renditions and video outputs.
WARTA_PUBLIC_MEDIA_PREFIXES = ("images/", f"{video_layout.PUBLIC_PREFIX}/")
# Local media is served by the app itself in the embedded default; a scaled
# deployment serves it from object storage or the web server in front.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=not S3_BUCKET)

# Wagtail
WAGTAIL_SITE_NAME = "Warta"
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1)}"
)

# Mail (the old-story-edit alarm, password resets): printed to the console unless
# production names a backend, e.g. EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
# with EMAIL_HOST and friends.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "warta@localhost")

# The old-story-edit alarm (trust/old_edits.py): articles published again this many
# days after first publication are reported, and mailed to editors when on.
WARTA_OLD_EDIT_DAYS = env_int("WARTA_OLD_EDIT_DAYS", 30, minimum=1)
# Days a deleted page or video stays restorable in the trash before purge_trash deletes it.
WARTA_TRASH_DAYS = env_int("WARTA_TRASH_DAYS", 30, minimum=1)
WARTA_OLD_EDIT_EMAIL = env_str("WARTA_OLD_EDIT_EMAIL", "1", choices=("0", "1")) == "1"
WAGTAILIMAGES_IMAGE_MODEL = "images.WartaImage"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "warta.images.forms.WartaImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WARTA_IMAGE_MAX_BYTES", 30 * 1024 * 1024, minimum=1)

# Video uploads and transcoding (warta.video).
WARTA_VIDEO_MAX_BYTES = env_int("WARTA_VIDEO_MAX_BYTES", 1024 * 1024 * 1024, minimum=1)
WARTA_IMPORT_MAX_BYTES = env_int("WARTA_IMPORT_MAX_BYTES", 2 * 1024 * 1024 * 1024, minimum=1)
WARTA_VIDEO_MAX_SECONDS = env_int("WARTA_VIDEO_MAX_SECONDS", 15 * 60, minimum=1)
# A transcode whose worker has not reported for this long is taken to be dead and retried.
WARTA_VIDEO_LEASE_SECONDS = env_int("WARTA_VIDEO_LEASE_SECONDS", 120, minimum=1)
WARTA_VIDEO_MAX_ATTEMPTS = env_int("WARTA_VIDEO_MAX_ATTEMPTS", 3, minimum=1)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from a third party: an email hash sent abroad can identify a reporter.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "ol", "ul"]},
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Public pages: how long browsers and shared caches may keep them.
WARTA_PAGE_MAX_AGE = env_int("WARTA_PAGE_MAX_AGE", 60, minimum=0)
# How long shared caches (Varnish, a CDN) keep public pages: `s-maxage`.
WARTA_SHARED_MAX_AGE = env_int("WARTA_SHARED_MAX_AGE", WARTA_PAGE_MAX_AGE, minimum=0)
# How long a shared cache may serve a public response stale: while it
# revalidates, and while the origin errors or is down (warta/core/http.py).
WARTA_STALE_WHILE_REVALIDATE = env_int("WARTA_STALE_WHILE_REVALIDATE", 30, minimum=0)
WARTA_STALE_IF_ERROR = env_int("WARTA_STALE_IF_ERROR", 86400, minimum=0)
# Live coverage (warta/live): the broadcaster that fans events out to open
# streams is in-process by default and Redis pub/sub when REDIS_URL is set.
# Pub/sub channels are shared by every database number of a Redis server, so
# their names carry WARTA_LIVE_CHANNEL_PREFIX.
if REDIS_URL:
    WARTA_LIVE_BROADCASTER = {
        "BACKEND": "warta.live.backends.redis.RedisBroadcaster",
        "OPTIONS": {
            "url": REDIS_URL,
            "channel_prefix": env_str("WARTA_LIVE_CHANNEL_PREFIX", "warta"),
        },
    }
else:
    WARTA_LIVE_BROADCASTER = {"BACKEND": "warta.live.backends.inprocess.InProcessBroadcaster"}
WARTA_LIVE = {
    # Events a reconnecting reader may have missed before it reloads instead.
    "MAX_REPLAY": env_int("WARTA_LIVE_MAX_REPLAY", 200, minimum=1),
    "KEEPALIVE_SECONDS": env_int("WARTA_LIVE_KEEPALIVE_SECONDS", 20, minimum=1),
    "RETRY_MS": env_int("WARTA_LIVE_RETRY_MS", 2000, minimum=100),
    # Newest events served by the shared JSON endpoint, and how long caches keep it.
    "JSON_WINDOW": env_int("WARTA_LIVE_JSON_WINDOW", 50, minimum=1),
    "JSON_MAX_AGE": env_int("WARTA_LIVE_JSON_MAX_AGE", 5, minimum=0),
}

# Caches in front (a CDN or nginx/Varnish) are purged through Wagtail's
# frontend_cache when pages are published and when live updates change:
# FRONTEND_CACHE_PURGE_URL for an HTTP PURGE endpoint, or Cloudflare's zone
# and API token.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_PURGE_URL", ""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL", ""),
    }
if env_str("CLOUDFLARE_ZONE_ID", ""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID", ""),
        "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN", ""),
    }

# Longer query strings than this are refused with a 400 before any view runs.
# The read API (warta.api): requests per client address per window, and how
# many proxies in front may be trusted to name the client in X-Forwarded-For
# (0: the address is REMOTE_ADDR, whatever a client claims).
WARTA_API_RATE_REQUESTS = env_int("WARTA_API_RATE_REQUESTS", 300, minimum=1)
WARTA_API_RATE_SECONDS = env_int("WARTA_API_RATE_SECONDS", 60, minimum=1)
NINJA_NUM_PROXIES = env_int("WARTA_API_TRUSTED_PROXIES", 0, minimum=0)

WARTA_MAX_QUERY_STRING = env_int("WARTA_MAX_QUERY_STRING", 2048, minimum=64)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Maps: a tile server is optional. Unset, maps show the offline province
# outline only, and a public page makes no request to a third party; set e.g.
# WARTA_MAP_TILE_URL=https://tile.openstreetmap.org/{z}/{x}/{y}.png with its
# attribution to draw tiles over it (docs/decisions/0004-maps.md).
WARTA_MAP_TILE_URL = env_str("WARTA_MAP_TILE_URL", "")
WARTA_MAP_TILE_ATTRIBUTION = env_str("WARTA_MAP_TILE_ATTRIBUTION", "")

# Content-Security-Policy (django-csp 4; warta/core/csp_policy.py, docs/security.md):
# one policy for readers' pages, JSON and errors (no inline code but a hashed
# line, so shared caches may keep them), and what Wagtail needs under /admin/.
# Media, static files and map tiles elsewhere than this origin are allowed by
# their origins; WARTA_CSP_MEDIA_ORIGINS and WARTA_CSP_FRAME_SRC add more.
_csp_media = [
    csp_policy.origin(MEDIA_URL),
    csp_policy.origin(STATIC_URL),
    *csp_policy.s3_origins(
        S3_BUCKET,
        env_str("S3_ENDPOINT_URL", ""),
        env_str("S3_CUSTOM_DOMAIN", ""),
        env_str("S3_REGION", ""),
    ),
    *env_list("WARTA_CSP_MEDIA_ORIGINS", default=[]),
]
_csp_sources = {
    "media": [o for o in _csp_media if o],
    "tiles": [o for o in [csp_policy.origin(WARTA_MAP_TILE_URL)] if o],
    "frames": env_list("WARTA_CSP_FRAME_SRC", default=[]),
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": csp_policy.public_directives(**_csp_sources),
}
WARTA_CSP_ADMIN_DIRECTIVES = csp_policy.admin_directives(**_csp_sources)

# Security: production turns on everything `check --deploy` asks for.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail marks its own preview views SAMEORIGIN, so nothing else needs framing.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per task run drowns the demo's console; failures still show.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}

# Language names shown in the site settings.
WARTA_SITE_LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
