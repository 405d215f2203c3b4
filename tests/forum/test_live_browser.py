"""In a real browser, a reply appears on the other person's open page without a reload.

The site runs under Daphne (``asgi_live_server``) so the page's WebSocket works as in production.
"""

import pytest
from playwright.sync_api import expect

from conversations.services import start_conversation
from tests.browser_support import session_cookie

from .conftest import make_user, trusted_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Keeps what the page's WebSocket receives, so the test can wait until the page follows the
# topic before anyone replies (a reply sent earlier would rightly never reach it).
RECORD_SOCKET_MESSAGES = """
(() => {
  const NativeWebSocket = window.WebSocket;
  window.__socketMessages = [];
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        try { window.__socketMessages.push(JSON.parse(event.data)); } catch (error) {}
      });
    }
  };
})();
"""
FOLLOWING = """(topicId) => window.__socketMessages.some(
  (message) => message.type === "following" && message.stream === "topic" && message.id === topicId
)"""


@pytest.fixture
def conversation(asgi_live_server):
    """Maya and Tom's private conversation, and an outsider. Listed before ``chromium``, so it is
    made before Playwright runs its event loop in this thread: the notifications and live
    broadcast that posting sends use ``async_to_sync``, which needs the thread free."""
    maya, tom = trusted_member("Maya H"), trusted_member("Tom C")
    outsider = make_user("Outsider")
    topic = start_conversation(maya, [tom], "Our chat about PAs", "Are you free on Thursday?")
    cookies = {
        name: session_cookie(person, asgi_live_server.url)
        for name, person in (("maya", maya), ("tom", tom), ("outsider", outsider))
    }
    return topic, cookies


def test_a_reply_appears_on_the_other_persons_page_without_reloading(
    asgi_live_server, conversation, chromium
):
    topic, cookies = conversation
    url = asgi_live_server.url + topic.get_absolute_url()

    def page_for(person):
        context = chromium.new_context()
        context.add_cookies([cookies[person]])
        context.add_init_script(RECORD_SOCKET_MESSAGES)
        return context.new_page()

    maya_page = page_for("maya")
    maya_page.goto(url)
    expect(maya_page.get_by_role("heading", level=1)).to_have_text("Our chat about PAs")
    maya_page.wait_for_function(FOLLOWING, arg=topic.pk, timeout=10_000)
    maya_page.evaluate("window.__notReloaded = true")  # gone if her page reloads or navigates

    tom_page = page_for("tom")
    tom_page.goto(url)
    tom_page.get_by_label("Your message").fill("Yes, **Thursday** at 10 works for me.")
    tom_page.get_by_role("button", name="Send").click()
    expect(tom_page.locator("[data-posts]")).to_contain_text("Thursday at 10 works for me")

    new_post = maya_page.locator("[data-posts] .post--new")
    expect(new_post).to_contain_text("Thursday at 10 works for me", timeout=10_000)
    expect(new_post).to_contain_text("Tom C")
    expect(new_post.locator("strong", has_text="Thursday")).to_be_visible()
    expect(maya_page.locator("[data-live-announcer]")).to_have_text("New reply from Tom C")
    assert maya_page.evaluate("window.__notReloaded") is True
    assert maya_page.url == url

    outsider_page = page_for("outsider")
    response = outsider_page.goto(url)
    assert response.status == 404
    expect(outsider_page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    expect(outsider_page.locator("main")).not_to_contain_text("Our chat about PAs")


def test_the_page_may_open_a_websocket_to_its_own_host_only(
    asgi_live_server, conversation, chromium
):
    """The CSP's connect-src is 'self' (it allowed ws: and wss: to any host, issue 13 item 9):
    the page's own socket still follows the topic, and one to another host is refused."""
    topic, cookies = conversation
    context = chromium.new_context()
    context.add_cookies([cookies["maya"]])
    context.add_init_script(RECORD_SOCKET_MESSAGES)
    page = context.new_page()
    page.goto(asgi_live_server.url + topic.get_absolute_url())
    page.wait_for_function(FOLLOWING, arg=topic.pk, timeout=10_000)
    blocked = page.evaluate(
        """() => new Promise((resolve) => {
          document.addEventListener("securitypolicyviolation", (event) =>
            resolve(event.violatedDirective + " " + event.blockedURI));
          try { new WebSocket("ws://elsewhere.example/ws/"); }
          catch (error) { resolve("refused " + error.name); }
          setTimeout(() => resolve("allowed"), 5000);
        })"""
    )
    assert blocked != "allowed", blocked
    assert "connect-src" in blocked or blocked.startswith("refused"), blocked
