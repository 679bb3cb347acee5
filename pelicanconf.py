"""Pelican settings for the registry's public site (development defaults).

Everything the site shows comes from the registry, read by the plugin in
registry/site/; Pelican supplies the theme's Jinja2 environment, the writer
and the static-file copying. Paths follow the registry's own conventions:
the database is REGISTRY_DATABASE_URL (default registry.storage.db here) and the
prose is REGISTRY_CONTENT_DIR (default ./content, else the project's).
"""

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent


def _content_dir() -> str:
    if os.environ.get("REGISTRY_CONTENT_DIR"):
        return str(Path(os.environ["REGISTRY_CONTENT_DIR"]).resolve())
    here = Path.cwd() / "content"
    return str(here if here.is_dir() else PROJECT / "content")


SITENAME = "Global Alliance against Child Sexual Abuse Online: public registry"
#: Where the published site lives; feeds, the calendar and the sitemap need
#: absolute addresses even when pages link to each other relatively.
PUBLIC_URL = os.environ.get("REGISTRY_SITE_URL", "http://localhost:8000").rstrip("/")
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PATH = _content_dir()
OUTPUT_PATH = os.environ.get("REGISTRY_OUTPUT_DIR", str(Path.cwd() / "output"))
THEME = str(PROJECT / "theme")
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]

# The plugin lives in the registry package and is imported by name.
PLUGINS = ["registry.site"]

# Autoescape on: a registry field holding "<script>" must come out as text.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}

# The plugin reads content/ itself (to resolve {country:..} references and
# sanitise the HTML), so Pelican's blog machinery gets nothing to read or write.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
ARTICLE_SAVE_AS = PAGE_SAVE_AS = DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = False  # the atomic build always writes a fresh folder
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# The dev server (invoke serve / livereload).
BIND = "127.0.0.1"
PORT = 8000
