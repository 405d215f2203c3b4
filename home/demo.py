"""The demo page tree; the guides issue adds guides, the glossary and standard pages."""

from wagtail.models import Page, Site

from .models import HomePage

HOME_INTRO = (
    "<p>Budget Circle is for anyone in England with a personal budget or a personal health "
    "budget, and for the people who help them. Learn how it works, find a personal assistant, "
    "talk to people who have done it, and buy things together.</p>"
)


def ensure_home_page() -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = root.add_child(
            instance=HomePage(title="Budget Circle", slug="home-budget-circle", intro=HOME_INTRO)
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def load(stdout):
    ensure_home_page()
    stdout.write("  home page ready")
