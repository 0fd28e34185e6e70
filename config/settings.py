"""Anrong settings: one module, everything that differs between machines read from the environment.

Tier 0 (laptop, tests): nothing set; SQLite under var/, in-memory channel layer, console SMS.
Tier 1+ (server): DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG=false.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ANRONG_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("ANRONG_TESTING", False)
# bench/http_baseline.py sets this to expose a bare Django view to compare against.
BENCH_ENDPOINTS = env_bool("ANRONG_BENCH", False)

_DEV_SECRET = "django-insecure-anrong-local-only-never-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY") or (_DEV_SECRET if (DEBUG or TESTING) else "")
# Without DEBUG and without SECRET_KEY, commands that need no secret (makemigrations, check,
# showmigrations…) still run with a throwaway key; serving and the task worker refuse to start
# (config/asgi.py, anrong/core/apps.py) and `check --deploy` reports anrong.E001.
SECRET_KEY_MISSING = not SECRET_KEY
if SECRET_KEY_MISSING:
    import secrets

    SECRET_KEY = secrets.token_urlsafe(50)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.headless",
    "oauth2_provider",
    # Wagtail: the newsroom (/cms/).
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    # Anrong: the folder list is the architecture.
    "anrong.core",
    "anrong.accounts",
    "anrong.agencies",
    "anrong.services",
    "anrong.integrations",
    "anrong.reports",
    "anrong.meetings",
    "anrong.news",
    "anrong.alerts",
]

MIDDLEWARE = [
    "anrong.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "anrong.core.middleware.ChosenLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "anrong.accounts.middleware.StaffTotpMiddleware",
    "anrong.accounts.middleware.LanguagePreferenceMiddleware",
    "anrong.accounts.profile_middleware.ProfileRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "anrong.core.context_processors.platform",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'anrong.sqlite3'}"
# Connections persist per thread (the ASGI handler keeps a small pool of long-lived threads).
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=0 if TESTING else int(os.environ.get("DB_CONN_MAX_AGE", "60")), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and the task worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    # One file per test process: two test runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: optional. Without it, local memory; with it, shared cache and channel layer. -----
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py's default 5 s socket timeout equals channels-redis' blocking read, which
            # then times out in a quiet room and drops the websocket; its pool of 100 ran out
            # when hundreds of sockets closed at once (bench/meeting_load.py).
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15,
                                  "max_connections": int(os.environ.get(
                                      "CHANNEL_LAYER_MAX_CONNECTIONS", "1000"))}]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Background work: Django's tasks API, database backend, `manage.py db_worker`. ---------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Identity --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# SMS / WhatsApp gateway: console by default (the code is written to the log); an HTTP gateway
# when SMS_GATEWAY_URL is set. See anrong/core/gateways.py and docs/deploy.md.
SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "http" if os.environ.get("SMS_GATEWAY_URL") else "console")
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
SMS_GATEWAY_SENDER = os.environ.get("SMS_GATEWAY_SENDER", "ANRONG")

# --- Internationalisation: Bahasa Indonesia first, English on request; WITA; Rupiah. ----------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "anrong_lang"
LANGUAGE_COOKIE_SECURE = not DEBUG and not TESTING
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files: npm packages are installed by `make` into node_modules and collected. ----
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
if (BASE_DIR / "node_modules").exists():
    STATICFILES_DIRS.append(("vendor", BASE_DIR / "node_modules"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": VAR_DIR / "media"}},
    # Citizens' documents and agencies' outputs: never under MEDIA_URL, served only through
    # views that check permission (anrong.core.storage.private_storage).
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": VAR_DIR / ("test-private" if TESTING else "private"),
                            "base_url": None}},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_URL = "/media/"

# --- Security: on by default; the local demo (DEBUG) relaxes only what plain HTTP needs. ---------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging: structured JSON, one line an event, each with the request id. -------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "anrong.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json",
                    "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "uvicorn.access": {"level": "WARNING"},
        # PDF rendering (output documents) logs every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Every webhook POST would be a line; the delivery log is in the database instead.
        "httpx": {"level": "WARNING"},
    },
}

# --- Identity: allauth ---
# Citizens: "Masuk atau daftar dengan nomor HP" (login by code; new numbers get an account).
# Staff: email + password on /akun/login/, then TOTP (allauth.mfa), mandatory for every staff role
# (anrong.accounts.middleware). Apps: allauth.headless "app" client at /api/auth/, JWT access
# tokens sent as "Authorization: Bearer" to /api/v1/ (docs/api-auth.md).
LOGIN_URL = "account_request_login_code"
ACCOUNT_ADAPTER = "anrong.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_USER_MODEL_EMAIL_FIELD = "email"
ACCOUNT_LOGIN_METHODS = {"phone", "email"}
ACCOUNT_SIGNUP_FIELDS = ["phone*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 5 * 60
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_FORMS = {
    "login": "anrong.accounts.forms_identity.StaffLoginForm",
    "request_login_code": "anrong.accounts.forms_identity.PhoneCodeRequestForm",
    "confirm_login_code": "anrong.accounts.forms_identity.PhoneCodeConfirmForm",
}
# Per IP and per key (the phone number or email). "confirm_login_code" is Anrong's own action:
# wrong codes per IP across all codes; per code, ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS applies.
ACCOUNT_RATE_LIMITS = {
    "request_login_code": "10/m/ip,3/5m/key",
    "confirm_login_code": "10/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Anrong Kota Makassar"
MFA_TRUST_ENABLED = False
MFA_TOTP_TOLERANCE = 1  # one 30-second step of clock drift either way (RFC 6238 §5.2)
# Sessions are recorded at sign-in (enough to end them all); per-request activity tracking would
# write to the database on every request.
USERSESSIONS_TRACK_ACTIVITY = False
HEADLESS_CLIENTS = ("app",)
HEADLESS_TOKEN_STRATEGY = "allauth.headless.tokens.strategies.jwt.JWTTokenStrategy"  # noqa: S105
HEADLESS_JWT_ALGORITHM = "HS256"  # signed with SECRET_KEY: every node shares it already
HEADLESS_JWT_ACCESS_TOKEN_EXPIRES_IN = 15 * 60
HEADLESS_JWT_REFRESH_TOKEN_EXPIRES_IN = 30 * 24 * 60 * 60
HEADLESS_JWT_STATEFUL_VALIDATION_ENABLED = True  # sign-out and deactivation end tokens at once
# Agency API keys (anrong.integrations.ratelimit): requests a minute per key, and failed keys a
# minute per client address. Counted in the cache (Redis when REDIS_URL is set).
API_KEY_RATE_LIMIT = int(os.environ.get("API_KEY_RATE_LIMIT", "600"))
API_KEY_FAILURE_LIMIT = int(os.environ.get("API_KEY_FAILURE_LIMIT", "20"))
SMS_GATEWAY_TIMEOUT = float(os.environ.get("SMS_GATEWAY_TIMEOUT", "10"))
if TESTING:  # tests sign staff in many times; production keeps Django's default hasher
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Email ---
# Console backend by default (messages are written to the log). SMTP when EMAIL_URL is set
# (smtp://user:password@host:587, smtps://… for implicit TLS, "?tls=false" to turn STARTTLS off)
# or EMAIL_HOST (with EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS).
# Tests: Django's runner swaps in the locmem backend (mail.outbox).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Anrong Kota Makassar <noreply@anrong.makassarkota.go.id>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Links in emails and SMS are made absolute with this address.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The address printed under the QR code of output documents (public verification page). It stays
# on paper for years, so it may be set apart from SITE_URL (e.g. a short, permanent domain).
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL") or SITE_URL
_email_url = os.environ.get("EMAIL_URL", "")
if _email_url:
    from urllib.parse import parse_qs, unquote, urlparse

    _parsed = urlparse(_email_url)
    if _parsed.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured("EMAIL_URL must start with smtp:// or smtps://")
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _parsed.hostname or ""
    EMAIL_HOST_USER = unquote(_parsed.username or "")
    EMAIL_HOST_PASSWORD = unquote(_parsed.password or "")
    EMAIL_USE_SSL = _parsed.scheme == "smtps"
    EMAIL_PORT = _parsed.port or (465 if EMAIL_USE_SSL else 587)
    _tls = parse_qs(_parsed.query).get("tls", ["true"])[0].lower() in {"1", "true", "yes", "on"}
    EMAIL_USE_TLS = not EMAIL_USE_SSL and _tls
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Single sign-on for agency apps: django-oauth-toolkit as an OpenID Connect provider (/o/) ---
# The RS256 signing key: OIDC_RSA_PRIVATE_KEY (PEM text) or OIDC_RSA_PRIVATE_KEY_FILE. Without
# either, a key is made once in var/oidc-rsa.pem (fine for one machine; `check --deploy` warns).
# Keys retired by a rotation stay in the JWKS while tokens signed with them live:
# OIDC_RSA_PRIVATE_KEYS_INACTIVE_FILES, paths separated by commas.
def _oidc_private_key() -> tuple[str, bool]:
    pem = os.environ.get("OIDC_RSA_PRIVATE_KEY", "").replace("\\n", "\n")
    if pem:
        return pem, True
    path = Path(os.environ.get("OIDC_RSA_PRIVATE_KEY_FILE", "") or VAR_DIR / "oidc-rsa.pem")
    configured = bool(os.environ.get("OIDC_RSA_PRIVATE_KEY_FILE"))
    if not path.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
        path.chmod(0o600)
    return path.read_text(), configured


OIDC_RSA_PRIVATE_KEY, OIDC_KEY_CONFIGURED = _oidc_private_key()
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": OIDC_RSA_PRIVATE_KEY,
    "OIDC_RSA_PRIVATE_KEYS_INACTIVE": [
        Path(p.strip()).read_text()
        for p in env_list("OIDC_RSA_PRIVATE_KEYS_INACTIVE_FILES") if p.strip()
    ],
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    # A logout carrying a valid id_token_hint of the signed-in person needs no extra click; the
    # post-logout URI must be registered exactly. Our view revokes only the calling app's tokens.
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    "OIDC_RP_INITIATED_LOGOUT_DELETE_TOKENS": False,
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OIDC_TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED": ["client_secret_basic", "client_secret_post",
                                                   "none"],
    # Only apps of an active agency, consent remembered per app, the `nik` claim only while the
    # person's consent names it (anrong/integrations/oidc_validator.py).
    "OAUTH2_VALIDATOR_CLASS": "anrong.integrations.oidc_validator.CityOAuth2Validator",
    # PKCE accepts S256 only ("plain" is refused when the request arrives).
    "OAUTH2_SERVER_CLASS": "anrong.integrations.oidc_validator.CityOIDCServer",
    "SCOPES": {
        "openid": "OpenID Connect",
        "profile": "Nama dan bahasa",
        "phone": "Nomor HP",
        "nik": "NIK",
    },
    "DEFAULT_SCOPES": ["openid"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    "REFRESH_TOKEN_EXPIRE_SECONDS": 30 * 24 * 3600,
    "ROTATE_REFRESH_TOKEN": True,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"] if (DEBUG or TESTING) else ["https"],
    # PKCE is asked of every public client (the validator decides per client); confidential
    # clients may use it. RFC 9700: no implicit or password grant, no "plain" PKCE, no token in
    # a URL, `iss` in the authorization response, tokens stored hashed, a replayed refresh token
    # revokes its whole family.
    "PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": not (DEBUG or TESTING),
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}

# --- Webhooks to agency systems (anrong.integrations.delivery) ------------------------------------
WEBHOOK_BATCH_SIZE = int(os.environ.get("WEBHOOK_BATCH_SIZE", "100"))
WEBHOOK_CONCURRENCY = int(os.environ.get("WEBHOOK_CONCURRENCY", "16"))
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
# How long a worker holds the deliveries it claimed; if it dies, another picks them up after.
WEBHOOK_LEASE_SECONDS = float(os.environ.get("WEBHOOK_LEASE_SECONDS", "300"))
# An endpoint that has failed every attempt for this long is disabled and its admins told.
WEBHOOK_DISABLE_AFTER_HOURS = float(os.environ.get("WEBHOOK_DISABLE_AFTER_HOURS", "24"))
# Plain http:// endpoints only on a developer's machine; agencies get https.
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", DEBUG or TESTING)

# --- Lapor (anrong.reports) ----------------------------------------------------------------------
# Floods: reports a signed-in account may send an hour and a day, and reports from one network
# address an hour (counted on an HMAC of the address, never the address itself).
LAPOR_MAX_PER_ACCOUNT_HOUR = int(os.environ.get("LAPOR_MAX_PER_ACCOUNT_HOUR", "5"))
LAPOR_MAX_PER_ACCOUNT_DAY = int(os.environ.get("LAPOR_MAX_PER_ACCOUNT_DAY", "20"))
LAPOR_MAX_PER_ADDRESS_HOUR = int(os.environ.get("LAPOR_MAX_PER_ADDRESS_HOUR", "30"))
# A photo may be this large before it is re-encoded (phones send 2–6 MB).
LAPOR_PHOTO_MAX_BYTES = int(os.environ.get("LAPOR_PHOTO_MAX_BYTES", str(8 * 1024 * 1024)))

# --- Rapat Virtual (anrong.meetings) --------------------------------------------------------------
# STUN/TURN servers for the browsers' calls, as JSON (RTCIceServer objects); none by default.
MEETING_ICE_SERVERS = os.environ.get("MEETING_ICE_SERVERS", "[]")
# LiveKit (the SFU for conversations of more than 4): all three, or none.
LIVEKIT_URL = os.environ.get("LIVEKIT_URL", "")
LIVEKIT_API_KEY = os.environ.get("LIVEKIT_API_KEY", "")
LIVEKIT_API_SECRET = os.environ.get("LIVEKIT_API_SECRET", "")


# --- Wagtail: the newsroom ---------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Makaverse News"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_USAGE_COUNT_ENABLED = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Wagtail's database search: SQLite's FTS5 here, PostgreSQL's full-text search on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}

# --- Makaverse News: the newsroom and Cek Fakta (anrong.news) -----------------------------------
# Staff reach /cms/ through Anrong's own sign-in (password + TOTP, StaffTotpMiddleware covers
# /cms/), never Wagtail's password-only form; passwords are managed in /akun/, not in Wagtail.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
# Nothing is fetched from outside at run time: YouTube/Vimeo iframes are built from the URL alone.
WAGTAILEMBEDS_FINDERS = [{"class": "anrong.news.embeds.OfflineVideoFinder"}]
# Readers' list: articles per page (HTML and JSON API), items in the RSS/Atom feeds.
NEWS_PAGE_SIZE = 20
NEWS_FEED_SIZE = 30


# --- Emergency alerts (anrong.alerts) -----------------------------------------------------------
# CAP 1.2 <sender> of every message (an address that identifies the city's alerting authority).
ALERTS_CAP_SENDER = os.environ.get("ALERTS_CAP_SENDER", "peringatan@makassarkota.go.id")
# Web push: the adapter (anrong.alerts.push: WebPushAdapter, ConsoleAdapter, MemoryAdapter), the
# VAPID key pair (base64url; `manage.py alerts_vapid_keys` prints a new one) and its contact.
# Without keys, DEBUG (`make run`) generates a pair once into var/vapid.json; several nodes must
# share keys from the environment.
ALERTS_PUSH_ADAPTER = os.environ.get(
    "ALERTS_PUSH_ADAPTER",
    "anrong.alerts.push.MemoryAdapter" if TESTING else "anrong.alerts.push.WebPushAdapter")
ALERTS_VAPID_PRIVATE_KEY = os.environ.get("ALERTS_VAPID_PRIVATE_KEY", "")
ALERTS_VAPID_PUBLIC_KEY = os.environ.get("ALERTS_VAPID_PUBLIC_KEY", "")
ALERTS_VAPID_SUBJECT = os.environ.get("ALERTS_VAPID_SUBJECT", "mailto:diskominfo@makassarkota.go.id")
ALERTS_VAPID_GENERATE = env_bool("ALERTS_VAPID_GENERATE", DEBUG)
# How long a push service keeps an undelivered alert for an offline phone (seconds).
ALERTS_PUSH_TTL = int(os.environ.get("ALERTS_PUSH_TTL", "3600"))
# The longest an alert may run before it needs an update (hours).
ALERTS_MAX_HOURS = int(os.environ.get("ALERTS_MAX_HOURS", "168"))
# New push subscriptions from one network address per hour (counted on an HMAC of it).
ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS_HOUR = int(
    os.environ.get("ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS_HOUR", "30"))
