"""Pelican settings for publishing: absolute links under the public address.

Set REGISTRY_SITE_URL to the address the site is published at.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = FEED_DOMAIN  # noqa: F405
RELATIVE_URLS = False
