"""Pelican settings for the registry's public site (development defaults).

A Pelican site with one plugin, `registry.site`, which reads the registry and
writes its pages and open data. Everything else is Pelican as its documentation
describes it: pages in content/pages/, news articles in content/news/, the
theme in theme/, SITEURL and RELATIVE_URLS as usual. The database is
REGISTRY_DATABASE_URL (default registry.db here); the content folder is
REGISTRY_CONTENT_DIR (default ./content, else the project's).
"""

import os
from pathlib import Path

from registry.site.filters import FILTERS

PROJECT = Path(__file__).resolve().parent


def _content_dir() -> str:
    if os.environ.get("REGISTRY_CONTENT_DIR"):
        return str(Path(os.environ["REGISTRY_CONTENT_DIR"]).resolve())
    here = Path.cwd() / "content"
    return str(here if here.is_dir() else PROJECT / "content")


SITENAME = "Global Alliance against Child Sexual Abuse Online: public registry"
SITEURL = ""
RELATIVE_URLS = True
#: Feeds, the calendar, the sitemap and the open data need absolute addresses
#: even when pages link to each other relatively: this is the public address.
FEED_DOMAIN = os.environ.get("REGISTRY_SITE_URL", "http://localhost:8000").rstrip("/")
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = _content_dir()
OUTPUT_PATH = os.environ.get("REGISTRY_OUTPUT_DIR", str(Path.cwd() / "output"))
THEME = str(PROJECT / "theme")
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]

# The registry plugin lives in the registry package; pelican-neighbors (a
# community plugin) gives each news article links to the next and previous one.
PLUGINS = ["registry.site", "pelican.plugins.neighbors"]

# Autoescape on: a registry field holding "<script>" must come out as text.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}
JINJA_FILTERS = FILTERS
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.tables": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# Pages (content/pages/) and news articles (content/news/), read by Pelican.
# The registry's own prose (home.md, data.md, instruments/, sessions/) is read
# by the plugin, through Pelican's readers, for the registry's pages.
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
STATIC_PATHS = []
PAGE_URL, PAGE_SAVE_AS = "{slug}/", "{slug}/index.html"
ARTICLE_URL, ARTICLE_SAVE_AS = "news/{slug}/", "news/{slug}/index.html"
# Translations (`about.fr.md` beside `about.md`, with the same Slug) are published under the
# language's code, as the registry's own pages are (registry/rules/language.py).
PAGE_LANG_URL, PAGE_LANG_SAVE_AS = "{lang}/{slug}/", "{lang}/{slug}/index.html"
ARTICLE_LANG_URL, ARTICLE_LANG_SAVE_AS = "{lang}/news/{slug}/", "{lang}/news/{slug}/index.html"
INDEX_SAVE_AS = "news/index.html"
DIRECT_TEMPLATES = ["index"]
PAGINATED_TEMPLATES = {"index": None}
DEFAULT_PAGINATION = False
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = "feeds/news.atom"
FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = False  # the atomic build always writes a fresh folder
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# The dev server (invoke serve / livereload, or pelican --listen).
BIND = "127.0.0.1"
PORT = 8000
