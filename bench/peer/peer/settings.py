"""The Django peer of the Accounts service's organization-user reads (bench/peer.sh): Django REST framework and
django-filter as a Django team would deploy them, against the service's own embedded PostgreSQL.

Production-like: DEBUG off, persistent connections, no middleware (the reads need none: no sessions, no CSRF on
GET, no auth). The database comes from the environment bench/peer.sh sets."""
import os

SECRET_KEY = "bench-peer-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "django_filters",
    "users",
]
MIDDLEWARE = []
ROOT_URLCONF = "peer.urls"
WSGI_APPLICATION = "peer.wsgi.application"

# The superuser, which row-level security does not apply to: the views filter by customer_id themselves.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": os.environ["PEER_DB_PASSWORD"],
        "HOST": "127.0.0.1",
        "PORT": os.environ["PEER_DB_PORT"],
        "CONN_MAX_AGE": None,
    }
}

USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
