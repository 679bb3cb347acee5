"""The theme's Jinja2 filters (JINJA_FILTERS in pelicanconf.py): dates, numbers and
addresses as the page being written needs them, in its language (rules/language.py)."""

from jinja2 import pass_context

from registry.rules import language
from registry.site import urls


@pass_context
def link(context, path: str) -> str:
    """The address of `path` from the page being written: a page in the page's language
    (French pages link to French pages), a file from the one shared set."""
    return f"{context['SITEURL']}/{urls.in_language(path, language.current())}"


FILTERS = {
    "long_date": language.long_date,
    "short_date": language.short_date,
    "long_time": language.long_time,
    "number": language.number,
    "link": link,
}
