"""Settings for zwgk, all from environment variables with safe defaults.

Environment:
  ZWGK_VAR_DIR          where the SQLite database, the secret key, uploads and logs live
                        (default: ``var/`` in the checkout, or in the current directory)
  DATABASE_URL          e.g. ``postgres://user:pass@127.0.0.1:5432/zwgk``; SQLite in WAL mode when unset
  ZWGK_SECRET_KEY       the secret key; generated into ``$ZWGK_VAR_DIR/secret_key`` when unset
  ZWGK_DEBUG            ``1`` turns debugging on (never in production)
  ZWGK_ALLOWED_HOSTS    comma-separated host names (default ``127.0.0.1,localhost``)
  ZWGK_HTTPS            ``1`` (default unless debugging): secure cookies and HSTS; ``0`` for plain-HTTP demos
  ZWGK_PROXY_SSL_HEADER ``1`` when a TLS-terminating proxy sets ``X-Forwarded-Proto``
  ZWGK_EMAIL_HOST, ZWGK_EMAIL_PORT, ZWGK_EMAIL_USER, ZWGK_EMAIL_PASSWORD, ZWGK_EMAIL_TLS,
  ZWGK_EMAIL_FROM       outgoing mail; without a host, mail is written to ``$ZWGK_VAR_DIR/mail``
  ZWGK_LOGIN_FAILURE_LIMIT, ZWGK_LOGIN_COOLOFF_MINUTES   login throttling (5 failures, 15 minutes)
  REDIS_URL             the shared cache in Redis (e.g. ``redis://127.0.0.1:6379/0``); the database cache when unset
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


PACKAGE_DIR = Path(__file__).resolve().parent
_checkout = PACKAGE_DIR.parent.parent
if (_checkout / "pyproject.toml").exists():
    _default_var = _checkout / "var"
else:
    _default_var = Path.cwd() / "var"
VAR_DIR = Path(os.environ.get("ZWGK_VAR_DIR") or _default_var).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    given = os.environ.get("ZWGK_SECRET_KEY")
    if given:
        return given
    path = VAR_DIR / "secret_key"
    if not path.exists():
        # O_EXCL: two processes starting at once cannot both write a key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("ZWGK_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ZWGK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

INSTALLED_APPS = [
    "zwgk.core.admin_site.ZwgkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_tasks_db",
    "django_prose_editor",  # the body editor's JS and CSS (its static files only)
    "zwgk.core",
    "zwgk.notifications",
    "zwgk.screening",
    "zwgk.search",
    "zwgk.publishing",
    "zwgk.applications",
    "zwgk.monitoring",
    "zwgk.workplan",
    "zwgk.portal",
    "zwgk.api",  # before ninja: its templates/ninja/swagger.html (lang="zh-CN") replaces ninja's
    "ninja",
]

MIDDLEWARE = [
    "zwgk.core.uploads.RequestSizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "zwgk.core.middleware.SecurityHeadersMiddleware",
    "zwgk.core.middleware.LongUrlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "zwgk.core.middleware.CleanTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zwgk.core.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zwgk.urls"
WSGI_APPLICATION = "zwgk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zwgk.core.context_processors.site",
                "zwgk.portal.views.care_context",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=env_int("ZWGK_DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "zwgk.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
                # BEGIN so two writers queue (busy timeout) instead of failing mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA busy_timeout=20000;"
                ),
            },
            # A file, not memory, so that concurrency tests run against real SQLite locking.
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------------------------
# "throttle" holds the rate-limit counts and is shared by every worker process and server: Django's database
# cache (a table made by `createcachetable`, which `migrate` runs too), or Redis when REDIS_URL is set.
# "default" holds cached pages and search results, keyed by the content change token kept in the database, so a
# per-process cache is correct too: on the embedded SQLite profile it is in memory (a shared database cache would
# make every anonymous page view take SQLite's one write lock); on PostgreSQL the database cache; Redis when set.
# The backends are Django's with an atomic incr() for the database cache and a clear() of its own keys for Redis
# (zwgk.core.caches). With Redis both caches share one database, kept apart by their KEY_PREFIX (neither a prefix of
# the other followed by ":"), so neither collides with nor clears the other.
_THROTTLE_DB = {"BACKEND": "zwgk.core.caches.DatabaseCache", "LOCATION": "zwgk_throttle",
                "OPTIONS": {"MAX_ENTRIES": 100_000}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "zwgk.core.caches.RedisCache", "LOCATION": os.environ["REDIS_URL"], "KEY_PREFIX": "zwgk"},
        "throttle": {"BACKEND": "zwgk.core.caches.RedisCache", "LOCATION": os.environ["REDIS_URL"],
                     "KEY_PREFIX": "zwgk-throttle"},
    }
elif os.environ.get("DATABASE_URL"):
    CACHES = {
        "default": {"BACKEND": "zwgk.core.caches.DatabaseCache", "LOCATION": "zwgk_cache",
                    "OPTIONS": {"MAX_ENTRIES": 5000}},
        "throttle": _THROTTLE_DB,
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "zwgk", "OPTIONS": {"MAX_ENTRIES": 2000}},
        "throttle": _THROTTLE_DB,
    }

# --- Background tasks (django.tasks with the database backend) --------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Accounts, passwords, sessions ------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "zwgk.core.backends.AdminRoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"

HTTPS = env_bool("ZWGK_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "zwgk_session"
CSRF_COOKIE_NAME = "zwgk_csrftoken"
if HTTPS:
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False
if env_bool("ZWGK_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = HTTPS

# Login throttling (django-axes): lock the username from this address after repeated failures.
AXES_FAILURE_LIMIT = env_int("ZWGK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("ZWGK_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_COOLOFF_MESSAGE = "账号已暂时锁定：登录失败次数过多，请稍后再试。"
AXES_PERMALOCK_MESSAGE = "账号已锁定：登录失败次数过多，请联系系统管理员解锁。"
AXES_IPWARE_PROXY_COUNT = env_int("ZWGK_PROXY_COUNT", 0) or None

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# --- Language and time ----------------------------------------------------------------------
CSRF_FAILURE_VIEW = "zwgk.core.views.csrf_failure"  # the Chinese 403 page, not Django's English template
LANGUAGE_CODE = "zh-hans"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]  # Chinese for django-axes and django-tasks-db, which ship none
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve app static files even without collectstatic (runserver, a quick start); `serve` collects them.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Request bodies (zwgk.core.uploads): form fields up to 5 MB (a long document body); files are written to disk as
# they arrive above 256 KB. A body may be at most ZWGK_REQUEST_MAX_BYTES, plus what a view that takes uploads
# declares (its file count × size); larger declared bodies get a 413 before they are read. The reverse proxy's
# limit (nginx client_max_body_size) should be no smaller than the largest upload and no larger than needed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
FILE_UPLOAD_HANDLERS = [
    "zwgk.core.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
ZWGK_REQUEST_MAX_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE + 1024 * 1024

# --- Mail -----------------------------------------------------------------------------------
if os.environ.get("ZWGK_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["ZWGK_EMAIL_HOST"],
                "port": env_int("ZWGK_EMAIL_PORT", 25),
                "username": os.environ.get("ZWGK_EMAIL_USER", ""),
                "password": os.environ.get("ZWGK_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("ZWGK_EMAIL_TLS", False),
                "timeout": 30,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("ZWGK_EMAIL_FROM", "zwgk@localhost")

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZWGK_LOG_LEVEL", "INFO")},
    # One line per crawled page or probe would drown the log: the crawler reports per run instead.
    "loggers": {"axes": {"level": "WARNING"}, "httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}

# --- The platform's own settings ------------------------------------------------------------
# The public site's identity (header, footer and the national page meta tags). The defaults are illustrative
# placeholders: set the real values per deployment through these environment variables (docs/operations.md).
ZWGK_SITE = {
    "name": os.environ.get("ZWGK_SITE_NAME", "浮梁县人民政府"),
    "county": os.environ.get("ZWGK_COUNTY", "浮梁县"),
    "site_id_code": os.environ.get("ZWGK_SITE_ID_CODE", "3602220001"),  # 网站标识码 (illustrative default)
    "icp": os.environ.get("ZWGK_ICP", "赣ICP备00000000号"),
    "police_filing": os.environ.get("ZWGK_POLICE_FILING", "赣公网安备 36022202000000号"),
    "host": os.environ.get("ZWGK_SITE_HOST", "浮梁县人民政府办公室"),
    "contact": os.environ.get("ZWGK_SITE_CONTACT", "0798-2621000"),
    "address": os.environ.get("ZWGK_SITE_ADDRESS", "江西省景德镇市浮梁县浮梁镇"),
    "operator": os.environ.get("ZWGK_SITE_OPERATOR", ""),  # 承办单位 (shown when set)
    "tagline": os.environ.get("ZWGK_SITE_TAGLINE", "公开透明　便民利民"),  # the home page banner's line
    # the 党政机关 mark links to the site's entry at the 中央机构编制委员会办公室 register (shown unlinked when empty)
    "conac_url": os.environ.get("ZWGK_SITE_CONAC_URL", ""),
    "icp_url": os.environ.get("ZWGK_ICP_URL", "https://beian.miit.gov.cn/"),
    "police_filing_url": os.environ.get("ZWGK_POLICE_FILING_URL", "https://beian.mps.gov.cn/"),
}
# Screening checks the links in a body over the network (off where the intranet has no outside access).
ZWGK_SCREENING_CHECK_LINKS = env_bool("ZWGK_SCREENING_CHECK_LINKS", True)
# Attachments: the size limit of one file in MB.
ZWGK_ATTACHMENT_MAX_MB = env_int("ZWGK_ATTACHMENT_MAX_MB", 50)
# Genres added locally to the official list (comma-separated).
ZWGK_EXTRA_GENRES = [g.strip() for g in os.environ.get("ZWGK_EXTRA_GENRES", "").split(",") if g.strip()]
# The longest address (path and query, as sent) a request may have: longer ones get the Chinese 414 page. Below
# gunicorn's request-line limit (./run: --limit-request-line 8190, its maximum), so Django answers first.
ZWGK_MAX_URL_LENGTH = env_int("ZWGK_MAX_URL_LENGTH", 4096)
# Search results are cached (in the shared cache) until the index changes; 0 turns the cache off.
ZWGK_SEARCH_CACHE_SECONDS = env_int("ZWGK_SEARCH_CACHE_SECONDS", 300)
# Public document pages for anonymous visitors without a session: cached in the shared cache, keyed by the content change
# token (any publication, change or withdrawal renders them afresh); 0 turns the cache off.
ZWGK_PAGE_CACHE_SECONDS = env_int("ZWGK_PAGE_CACHE_SECONDS", 300)
# Each search reads the newest N matches first; broader queries get an estimated total (zwgk.search.query).
ZWGK_SEARCH_WINDOW = env_int("ZWGK_SEARCH_WINDOW", 1000)
# The public address of this platform's portal: it is registered for inspection by default.
ZWGK_PUBLIC_URL = os.environ.get("ZWGK_PUBLIC_URL", "http://127.0.0.1:8000/")
# The inspection crawler checks outbound links too (turn off where the intranet cannot reach the internet).
ZWGK_INSPECT_CHECK_OUTBOUND = env_bool("ZWGK_INSPECT_CHECK_OUTBOUND", True)
# Whether the reply clock stops while a fee is unpaid (practice, default yes; zwgk.applications.rules).
ZWGK_FEE_STOPS_CLOCK = env_bool("ZWGK_FEE_STOPS_CLOCK", True)
# Background tasks: a running task's worker writes a heartbeat every N seconds; the scheduler requeues a RUNNING task
# whose heartbeat is older than the stale limit (its worker was killed), at most up to the attempt limit
# (zwgk.core.heartbeat). The limit is a few beats, so that a busy database or a long garbage collection is not taken
# for a dead worker.
ZWGK_TASK_HEARTBEAT_SECONDS = float(os.environ.get("ZWGK_TASK_HEARTBEAT_SECONDS") or 10)
ZWGK_TASK_STALE_SECONDS = float(os.environ.get("ZWGK_TASK_STALE_SECONDS") or 90)
ZWGK_TASK_MAX_ATTEMPTS = env_int("ZWGK_TASK_MAX_ATTEMPTS", 3)
# An inspection that is RUNNING with no background task (from before runs had one, or a `zwgk inspect` on another host)
# has no heartbeat: it is queued again once it started this long ago (6 h; a crawl on this host is judged by its process).
ZWGK_RUN_ORPHAN_SECONDS = env_int("ZWGK_RUN_ORPHAN_SECONDS", 6 * 3600)
# Tests switch this on: a write to a zwgk model outside a service function raises.
ZWGK_STRICT_WRITES = env_bool("ZWGK_STRICT_WRITES", False)
