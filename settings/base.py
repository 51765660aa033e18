"""Settings shared by every environment. Machine-specific values come from the environment."""

from pathlib import Path

from csp.constants import NONE, SELF
from django.urls import reverse_lazy

from .env import caches_config, database_config, email_config, env_bool, env_int, env_networks, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("HUB_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "hub",
    "home",
    "wiki",
    "qa",
    "profiles",
    "pathway",
    "events",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "csp",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "wagtailmarkdown",
    "django_comments_xtd",
    "django_comments",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by the hub itself (no CDN)
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_tasks_db",
]

MIDDLEWARE = [
    "hub.middleware.HealthCheckMiddleware",  # first: answers the health checker whatever its Host
    "hub.middleware.TrustedProxyMiddleware",  # before anything reads X-Forwarded-* (docs/adr/0055)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hub.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    # Whole pages for anonymous visitors, before sessions and everything they cost (docs/adr/0100).
    "hub.page_cache.PageCacheMiddleware",
    "hub.page_cache.SiteMiddleware",
    "hub.middleware.RequestMemoMiddleware",  # what a page reads once per request (hub/page_context.py)
    "hub.sessions.SessionMiddleware",  # Django's, with the session read beside the site (docs/adr/0114)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "hub.ratelimit.RateLimitMiddleware",
]

ROOT_URLCONF = "hub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "hub.context_processors.hub",
            ],
        },
    },
]

WSGI_APPLICATION = "hub.wsgi.application"

DATABASES = {"default": database_config(env_str("DATABASE_URL"), VAR_DIR / "hub.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache is an accelerator: with Redis down, pages answer from the database (docs/adr/0052).
CACHE_URL = env_str("CACHE_URL") or env_str("REDIS_URL")
CACHES = caches_config(CACHE_URL, VAR_DIR / "cache" / "pages")
# Whole pages for anonymous visitors (hub/page_cache.py, docs/adr/0100): any write drops them all;
# the time-out only bounds how long a page can outlive a write this process could not announce
# while the cache was unreachable.
# A signed-in request reads its session from the shared cache, not the database; writes go to both,
# so a lost cache signs nobody out (docs/adr/0103). Only a cache every process shares will do: a
# session ended in one process must not live on in another's memory.
SHARED_CACHE = CACHES["default"]["BACKEND"] == "hub.cache.ResilientRedisCache"
SESSION_ENGINE = "hub.sessions" if SHARED_CACHE else "django.contrib.sessions.backends.db"
# With Redis every alias is the same store: sessions are kept beside the pages, so the request's
# first cache round trip (the page generation and the site) reads the session too (docs/adr/0114).
SESSION_CACHE_ALIAS = "pages" if SHARED_CACHE else "default"
HUB_PAGE_CACHE = env_bool("HUB_PAGE_CACHE", True)
HUB_PAGE_CACHE_SECONDS = env_int("HUB_PAGE_CACHE_SECONDS", 600)
# The queries of every signed-in request run as prepared statements on PostgreSQL (hub/compiled.py,
# docs/adr/0110); off for a pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
HUB_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
# A debate's discussion a page at a time (wiki/debates.py, docs/adr/0112), oldest thread first, a
# thread (a comment and all its replies) never split: a page holds the threads that start within the
# same run of WIKI_DISCUSSION_COMMENTS_PER_PAGE comments (about that many a page, more when one thread
# alone is longer), and at most WIKI_DISCUSSION_THREADS_PER_PAGE threads (a bound that only matters
# for a hub that raises the comment budget: threads hold at least one comment each).
WIKI_DISCUSSION_COMMENTS_PER_PAGE = env_int("WIKI_DISCUSSION_COMMENTS_PER_PAGE", 40)
WIKI_DISCUSSION_THREADS_PER_PAGE = env_int("WIKI_DISCUSSION_THREADS_PER_PAGE", 1000)
HUB_PAGE_CACHE_EXEMPT = ("/admin/", "/django-admin/", "/accounts/", "/api/", "/documents/", "/comments/")

AUTH_USER_MODEL = "hub.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Permissions only, in one query (hub/auth_backends.py); ModelBackend still signs people in.
    "hub.auth_backends.OneQueryPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: sign-up needs a confirmed email address before the first log-in.
ACCOUNT_ADAPTER = "hub.accounts.HubAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "hub.forms.SignupExtraForm"  # the name other members see
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CO Knowledge Hub] "
# allauth's own limiter is off: its limits go through hub/ratelimit.py like every other (HUB_RATE_LIMITS).
ACCOUNT_RATE_LIMITS = False
# Usernames nobody may sign up with or change to, nor anything that looks like them (hub/confusables.py).
HUB_RESERVED_USERNAMES = [
    *("admin", "administrator", "root", "superuser", "system", "staff", "moderator", "moderators", "mod"),
    *("support", "help", "helpdesk", "security", "abuse", "postmaster", "webmaster", "hostmaster", "noreply"),
    *("no-reply", "info", "contact", "team", "official", "hub", "co-hub", "owner", "organiser", "organisers"),
    *("api", "static", "media", "assets", "admin-api", "django-admin", "accounts", "account", "login"),
    *("logout", "signup", "register", "settings", "search", "wiki", "questions", "profiles", "members"),
    *("events", "pathway", "tags", "inbox", "following", "feeds", "healthz", "csp-report", "www", "mail"),
    *("anonymous", "everyone", "null", "none", "undefined", "deleted", "unknown"),
]

# --- Rate limits (hub/ratelimit.py, docs/adr/0053-one-rate-limit-helper.md) ---
# Counters live in the shared cache's `limits` alias; behind a proxy, the client address is read
# from X-Forwarded-For only when the request comes from an address listed here (CIDRs allowed).
HUB_TRUSTED_PROXIES = env_networks("HUB_TRUSTED_PROXIES")
HUB_HEALTH_PATH = "/healthz"  # hub/health.py
RATELIMIT_USE_CACHE = "limits"
RATELIMIT_FAIL_OPEN = True  # only the rare "counter expired between add and increment": let it pass
_CACHE_DOWN = "This is paused for a minute while the hub recovers from a fault. Please try again shortly."
# name: rate ("count/period", periods s m h d, e.g. "5/5m"; None when the caller passes the rate
# from its part's own setting, named in the comment), fail direction when the shared cache is down
# ("closed" refuses, "open" lets through: why for each is in the ADR), and the message.
HUB_RATE_LIMITS = {
    "login": {"rate": "30/m", "fail": "open", "message": "Too many log-in attempts from your address."},
    "login-failed-address": {
        "rate": "10/m",
        "fail": "closed",
        "message": "Too many failed log-in attempts from your address. Wait a minute before trying again.",
    },
    "login-failed-account": {
        "rate": "5/5m",
        "fail": "closed",
        "message": "Too many failed log-in attempts for this account. Wait five minutes, or reset your password.",
    },
    "signup": {"rate": "20/h", "fail": "closed", "message": "Too many sign-ups from your address."},
    "password-reset": {"rate": "20/m", "fail": "closed", "message": "Too many password reset requests."},
    "password-reset-email": {
        "rate": "5/m",
        "fail": "closed",
        "message": "Too many password reset emails asked for this address.",
    },
    "password-reset-key": {"rate": "20/m", "fail": "open", "message": "Too many attempts at this reset link."},
    "password-change": {"rate": "5/m", "fail": "open", "message": "Too many password changes."},
    "email-change": {"rate": "10/m", "fail": "open", "message": "Too many changes to your email addresses."},
    "confirm-email": {"rate": "1/3m", "fail": "closed", "message": "A confirmation email was sent a moment ago."},
    # Searches run on the search page (a query in ?q=), per client address
    "search-page": {
        "rate": env_str("HUB_SEARCH_PAGE_RATE", "60/m"),
        "fail": "open",
        "message": "Too many searches from your address in a minute.",
    },
    # SEARCH_SUGGEST_RATE, per client address
    "search-suggest": {"rate": None, "fail": "open", "message": "Suggestions are paused for a minute."},
    # HUB_FEEDS_REFRESH_NOW_SECONDS, per profile
    "feeds-refresh-now": {
        "rate": None,
        "fail": "open",
        "message": "Feeds for this profile were refreshed a moment ago.",
    },
    # QA_SIMILAR_RATE, per member: similar-question lookups while a title is typed
    "qa-similar": {"rate": None, "fail": "open", "message": "Similar questions are paused for a minute."},
    # QA_RATE_LIMITS, per member with a feedback score under QA_NEW_ACCOUNT_SCORE (flags: every member)
    "qa-question": {"rate": None, "fail": "closed", "message": ""},
    "qa-answer": {"rate": None, "fail": "closed", "message": ""},
    "qa-comment": {"rate": None, "fail": "closed", "message": ""},
    "qa-rating": {"rate": None, "fail": "closed", "message": ""},
    "qa-flag": {"rate": None, "fail": "closed", "message": ""},
    # New members (hub/newcomers.py): discussion comments, and posts with links of every kind, per member
    "discussion-comment": {
        "rate": env_str("HUB_NEW_MEMBER_DISCUSSION_RATE", "10/h"),
        "fail": "closed",
        "message": "New members can post 10 discussion comments an hour.",
    },
    "new-member-links": {
        "rate": env_str("HUB_NEW_MEMBER_LINKS_RATE", "3/h"),
        "fail": "closed",
        "message": "New members can post 3 posts with links an hour. Post it without the link, or try later.",
    },
    # Reports on profiles (hub/reports.py), per member
    "report": {"rate": "20/d", "fail": "closed", "message": "You can report 20 things a day."},
    # Content-Security-Policy violation reports (hub/csp.py), per client address
    "csp-report": {
        "rate": env_str("HUB_CSP_REPORTS_RATE", "30/m"),
        "fail": "closed",
        "message": "Too many violation reports from your address.",
    },
}
for _limit in HUB_RATE_LIMITS.values():
    _limit.setdefault("unavailable", _CACHE_DOWN)
# --- end rate limits ---
# The same text from the same member on the same target within this many seconds is a repeat of
# the stored post, not a new one (hub/submissions.py).
HUB_REPEAT_WINDOW_SECONDS = env_int("HUB_REPEAT_WINDOW_SECONDS", 600)

LANGUAGE_CODE = "en-gb"
# The hub's own plain words for Django's and allauth's messages (scripts/build_locale.py).
LOCALE_PATHS = [BASE_DIR / "hub" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "hub" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

EMAIL_DEFAULTS = email_config(env_str("EMAIL_URL"), VAR_DIR / "mail")
globals().update(EMAIL_DEFAULTS)
# Every email is a task (hub/mail.py): the worker delivers through the backend EMAIL_URL chose.
HUB_EMAIL_DELIVERY_BACKEND = EMAIL_DEFAULTS["EMAIL_BACKEND"]
EMAIL_BACKEND = "hub.mail.TaskEmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)  # seconds; Django's default waits for ever
HUB_EMAIL_ATTEMPTS = env_int("HUB_EMAIL_ATTEMPTS", 10)  # retries over about four hours
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CO Knowledge Hub <hub@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where members write to people who run the hub (the contact page and account messages).
HUB_CONTACT_EMAIL = env_str("HUB_CONTACT_EMAIL", "hub@localhost")

SITE_ID = 1
WAGTAIL_SITE_NAME = "CO Knowledge Hub"
WAGTAILADMIN_BASE_URL = env_str("HUB_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip", "md"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
TAGGIT_CASE_INSENSITIVE = True

# Search: the hub's own index (search/), on the database (SQLite FTS5 or PostgreSQL full text), or
# on Elasticsearch 9 when ELASTICSEARCH_URL is set. See docs/adr/0040-search-ranking-and-backends.md.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "cohub")
ELASTICSEARCH_TIMEOUT = float(env_str("ELASTICSEARCH_TIMEOUT", "2"))
# Wagtail's own search (the admin's page search) always stays in the database: page saves never
# wait on the cluster, and only the hub's index is written there (docs/adr/0045).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Search app (search/): ranking weights, limits and the Elasticsearch circuit breaker.
# Text relevance leads; quality reorders matches within `spread` of each other. See search/ranking.py
# and docs/adr/0043-ranking-text-first.md.
SEARCH_RANKING = {
    "accepted": float(env_str("SEARCH_WEIGHT_ACCEPTED", "0.4")),
    "rating": float(env_str("SEARCH_WEIGHT_RATING", "0.3")),
    "author": float(env_str("SEARCH_WEIGHT_AUTHOR", "0.1")),
    "recency": float(env_str("SEARCH_WEIGHT_RECENCY", "0.2")),
    "recency_half_life_days": float(env_str("SEARCH_RECENCY_HALF_LIFE_DAYS", "365")),
    "rating_scale": 20.0,  # a post rated +20 has the full rating share of quality
    "author_scale": 100.0,  # an author with a feedback score of 100 has the full author share
    "spread": float(env_str("SEARCH_QUALITY_SPREAD", "0.15")),  # quality lifts a match by at most 15 %
    "phrase": 1.5,  # the query's words together, in order, in one field
}
SEARCH_BROADEN_BELOW = 3  # fewer documents hold every word: search for any of them instead
SEARCH_MAX_QUERY_LENGTH = 200  # characters kept from the visitor's text
SEARCH_MAX_TERMS = 12  # word tokens kept from it
SEARCH_RERANK_POOL = 100  # best text matches (by the index's own score) the database backends rank in full
SEARCH_BROAD_MATCHES = 1000  # past this many matches, rank (and count facets among) the newest this many (ADR 0046)
SEARCH_PAGE_SIZE = 10
SEARCH_SUGGEST_LIMIT = 8
SEARCH_SUGGEST_RATE = (60, 60)  # requests, per seconds, per client address
SEARCH_BREAKER_COOLDOWN = env_int("SEARCH_BREAKER_COOLDOWN", 30)  # seconds ES is skipped after a failure
SEARCH_ES_TIMEOUT = min(ELASTICSEARCH_TIMEOUT, 2.0)  # never more than 2 s per search
SEARCH_ES_WRITE_TIMEOUT = float(env_str("SEARCH_ES_WRITE_TIMEOUT", "10"))  # index writes run in tasks
SEARCH_INDEX_BATCH = 200  # objects per index task

# The hub renders Markdown through hub/markdown.py, which cleans by the one rule of hub/sanitise.py
# (allowed classes, prefixed ids, rel="nofollow ugc noopener"). wagtail-markdown's own renderer,
# used by its admin preview and for search text, cleans with this narrower list: no class or id.
WAGTAILMARKDOWN = {
    "autodownload_fontawesome": False,
    "allowed_settings_mode": "override",
    "allowed_tags": [
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "em",
        "strong",
        "ul",
        "ol",
        "li",
        "dl",
        "dd",
        "dt",
        "code",
        "img",
        "a",
        "table",
        "tr",
        "th",
        "td",
        "tbody",
        "thead",
        "caption",
        "blockquote",
        "hr",
        "br",
        "del",
        "ins",
        "sup",
        "sub",
        "span",
        "div",
    ],
    "allowed_attributes": {
        "a": ["href", "title"],
        "img": ["src", "alt", "title"],
        "th": ["rowspan", "colspan", "scope"],
        "td": ["rowspan", "colspan"],
    },
    "allowed_styles": [],
    "link_rel": "nofollow ugc noopener",
}

COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 4
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {"allow_flagging": True, "allow_feedback": False, "show_feedback": False, "who_can_post": "users"},
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # JSON bodies limited in size and depth before parsing (hub/parsers.py); forms as DRF reads them.
    "DEFAULT_PARSER_CLASSES": [
        "hub.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
HUB_API_MAX_BODY_BYTES = 512 * 1024  # a 30,000-character answer fits, every character escaped (12 bytes)
HUB_API_MAX_JSON_DEPTH = 32
SPECTACULAR_SETTINGS = {
    "TITLE": "CO Knowledge Hub API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The public schema is the /api/v1/ URLconf only (qa/api/urls.py); the deploy check would
    # otherwise try to describe the Wagtail admin's internal API, which is not ours to document.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # Every operation also documents the refusals it can answer with (400, 403, 404, 413, 429).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "hub.openapi.add_error_responses"],
}

# --- Background tasks (hub/tasks.py, hub/worker.py, docs/adr/0050-background-tasks.md) ---
# Every slow or external piece of work is a task in the database queue, run by `manage.py
# run_worker` processes (any number). Queues let an operator give feeds or mail their own workers.
HUB_TASK_QUEUES = ["default", "mail", "feeds", "search"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": HUB_TASK_QUEUES}}
HUB_WORKER_THREADS = env_int("HUB_WORKER_THREADS", 4)
# Retries of transient failures: attempts in all, then exponential backoff from BASE_DELAY seconds.
HUB_TASKS_ATTEMPTS = env_int("HUB_TASKS_ATTEMPTS", 6)
HUB_TASKS_BASE_DELAY = float(env_str("HUB_TASKS_BASE_DELAY", "30"))
HUB_TASKS_MAX_DELAY = float(env_str("HUB_TASKS_MAX_DELAY", "3600"))
# Errors that mean "the other side is down, try later" for every task (a missing one is skipped).
HUB_TASKS_TRANSIENT_ERRORS = [
    "builtins.OSError",  # connection refused or reset, time-outs, DNS, and smtplib's SMTPException
    "django.db.utils.OperationalError",
    "elastic_transport.ConnectionError",
    "elastic_transport.ConnectionTimeout",
    "redis.exceptions.ConnectionError",
    "redis.exceptions.TimeoutError",
]
# Finished task rows are deleted after this many days (failed ones are kept longer for the admin).
HUB_TASKS_KEEP_SUCCESSFUL_DAYS = env_int("HUB_TASKS_KEEP_SUCCESSFUL_DAYS", 7)
HUB_TASKS_KEEP_FAILED_DAYS = env_int("HUB_TASKS_KEEP_FAILED_DAYS", 90)
# A task "running" longer than this lost its worker (killed outright): the admin lists it as stuck.
HUB_TASKS_STUCK_AFTER = env_int("HUB_TASKS_STUCK_AFTER", 3600)
# Periodic jobs, enqueued by `manage.py run_scheduler` once per period (hub/scheduler.py).
# Crontab lines in TIME_ZONE; a sixth, leading field gives seconds.
HUB_PERIODIC_TASKS = {
    "refresh-feeds": {"task": "profiles.tasks.refresh_due_feeds", "cron": env_str("HUB_CRON_FEEDS", "*/30 * * * *")},
    "send-digests": {"task": "hub.notifications.send_daily_digests", "cron": env_str("HUB_CRON_DIGESTS", "0 7 * * *")},
    "recompute-reputation": {"task": "qa.tasks.recompute_reputation", "cron": "30 3 * * *"},
    "tidy-task-records": {"task": "hub.housekeeping.tidy_task_records", "cron": "15 4 * * *"},
}
# --- end background tasks ---

# The Content Security Policy, sent by django-csp (docs/adr/0060-content-security-policy-with-django-csp.md).
# Templates carry no inline script, style attribute or event handler, so 'self' is enough. The
# Django and Wagtail admins are exempt where hub/urls.py mounts them. Reports go to hub/csp.py.
CSRF_FAILURE_VIEW = "hub.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", "https:"],
        "style-src": [SELF],
        "script-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        # report-uri, not report-to: every browser sends it at once (ADR 0060).
        "report-uri": [reverse_lazy("hub:csp_report")],
    },
}
HUB_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
HUB_DEMO_ENABLED = env_bool("HUB_DEMO_ENABLED", False)

# --- Q&A forum (qa/) ---------------------------------------------------------------------------
# Privileges by feedback score (Organisers and Moderators hold them all). See docs/adr/0030.
# A question's answers are shown this many to a page, `?page=N` (docs/adr/0111)
QA_ANSWERS_PER_PAGE = env_int("QA_ANSWERS_PER_PAGE", 30)
QA_PRIVILEGES = {
    "rate_negative": env_int("QA_PRIVILEGE_RATE_NEGATIVE", 5),
    "create_tags": env_int("QA_PRIVILEGE_CREATE_TAGS", 25),
    "edit_others": env_int("QA_PRIVILEGE_EDIT_OTHERS", 100),
    "close_duplicates": env_int("QA_PRIVILEGE_CLOSE_DUPLICATES", 250),
}
# Limits for new accounts (feedback score under QA_NEW_ACCOUNT_SCORE): (how many, per seconds).
QA_NEW_ACCOUNT_SCORE = env_int("QA_NEW_ACCOUNT_SCORE", 10)
QA_RATE_LIMITS = {
    "question": (env_int("QA_LIMIT_QUESTIONS", 1), env_int("QA_LIMIT_QUESTIONS_SECONDS", 600)),
    "answer": (env_int("QA_LIMIT_ANSWERS", 10), 3600),
    "comment": (env_int("QA_LIMIT_COMMENTS", 30), 3600),
    "rating": (env_int("QA_LIMIT_RATINGS", 20), 86400),
    "flag": (env_int("QA_LIMIT_FLAGS", 20), 86400),
}
# Similar-questions lookups while a member types a title: (how many, per seconds), per member.
QA_SIMILAR_RATE = (env_int("QA_SIMILAR_LOOKUPS", 30), 60)
# Serial rating: more ratings than this of one member's posts in a day are held for moderators.
QA_SERIAL_RATING_LIMIT = env_int("QA_SERIAL_RATING_LIMIT", 10)
# --- end of Q&A forum --------------------------------------------------------------------------
# Serve uploaded images from the app itself (fine for one server; turn off behind nginx or a bucket).
HUB_SERVE_MEDIA = env_bool("HUB_SERVE_MEDIA", True)
HUB_PAGE_SIZE = env_int("HUB_PAGE_SIZE", 20)

# --- Profiles: feed fetching (profiles/feeds/, docs/adr/0021-guarded-feed-fetching.md) ---
# Never set HUB_FEEDS_ALLOW_LOOPBACK outside tests: it lets the fetcher reach 127.0.0.1.
HUB_FEEDS_ALLOW_LOOPBACK = False
HUB_FEEDS_CONNECT_TIMEOUT = float(env_str("HUB_FEEDS_CONNECT_TIMEOUT", "5"))
HUB_FEEDS_READ_TIMEOUT = float(env_str("HUB_FEEDS_READ_TIMEOUT", "10"))
HUB_FEEDS_TOTAL_TIMEOUT = float(env_str("HUB_FEEDS_TOTAL_TIMEOUT", "30"))
HUB_FEEDS_MAX_BYTES = env_int("HUB_FEEDS_MAX_BYTES", 2 * 1024 * 1024)
HUB_FEEDS_MAX_REDIRECTS = env_int("HUB_FEEDS_MAX_REDIRECTS", 5)
HUB_FEEDS_ITEMS_PER_SOURCE = env_int("HUB_FEEDS_ITEMS_PER_SOURCE", 20)
HUB_FEEDS_REFRESH_NOW_SECONDS = env_int("HUB_FEEDS_REFRESH_NOW_SECONDS", 300)
HUB_FEEDS_PER_HOST = env_int("HUB_FEEDS_PER_HOST", 2)  # fetches from one host at once, across all workers
# --- end Profiles ---

# --- Browser tests and accessibility (tests/browser/) ---
# No request to other sites from any page, the admin included: no Gravatar lookups.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# --- end browser tests ---

# --- Wiki (wiki/, docs/adr/0013-wiki-documents.md) ---
# Every wiki document downloads (Content-Disposition: attachment), PDFs included: an uploaded
# file never renders in the hub's own origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# --- end Wiki ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Task and page-publish chatter would bury the progress of long commands.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
