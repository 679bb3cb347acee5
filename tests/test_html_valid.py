"""Every page of the built site, and its stylesheets, pass the current Nu Html Checker.

One run of `java -jar vnu.jar --errors-only` over all pages (the jar comes from npm's
vnu-jar, installed into .ci/node/ by .ci/browser-deps).
"""

import pytest
import sitecheck

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def site(request):
    return sitecheck.site_for(request, sitecheck.vnu_missing())


def test_every_page_and_stylesheet_is_valid_html_and_css(site):
    checked, errors = sitecheck.vnu_errors(site)
    sitecheck.record(files_validated=checked, html_errors=len(errors))
    assert checked >= len(sitecheck.html_pages(site))
    # the search page, and beside the theme's stylesheets those of the search UI the build adds
    assert site / "search/index.html" in sitecheck.html_pages(site)
    assert (site / "pagefind/pagefind-component-ui.css").is_file()
    assert errors == [], f"{len(errors)} errors from the Nu Html Checker:\n" + "\n".join(errors[:100])
