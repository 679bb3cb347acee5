"""The theme's Jinja2 filters (JINJA_FILTERS in pelicanconf.py): dates as the site writes them."""


def long_date(day) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def long_time(moment) -> str:
    return f"{moment:%-d %B %Y, %H:%M} UTC" if moment else ""


FILTERS = {"long_date": long_date, "long_time": long_time}
