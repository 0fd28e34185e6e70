"""The issue's browser check, newsroom half: a reporter drafts an article in Wagtail and submits
it, an editor approves it, and the article appears in the list, in search and in the feed; the
reader's pages pass axe's WCAG 2.2 AA rules on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from anrong.accounts.actions.identity import enable_totp
from anrong.accounts.management.commands.demo_totp import current_code
from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.agencies.seed import seed_agencies
from anrong.news import actions
from anrong.news.models import ArticlePage
from anrong.news.pages import ensure_newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "Sandi-Panjang-2026!"  # noqa: S105 (tests only)
TITLE = "Taman Macan dibuka untuk umum"


@pytest.fixture
def newsroom_people(regions):  # type: ignore[no-untyped-def]
    seed_agencies()
    news, _checks = ensure_newsroom()
    actions.ensure_newsroom_groups()
    root = User.objects.create_superuser(email="root@makassarkota.go.id", password=PASSWORD)
    editor = User.objects.create_user(email="redaktur@makassarkota.go.id", password=PASSWORD,
                                      display_name="Redaktur")
    agency_actions.grant_platform_role(actor=root, user=editor, role="editor")
    reporter = User.objects.create_user(email="wartawan@makassarkota.go.id", password=PASSWORD,
                                        display_name="Wartawan")
    agency_actions.add_member(actor=root, user=reporter, agency=Agency.objects.get(code="DISKOMINFO"),
                              role="officer")
    for person in (editor, reporter):
        enable_totp(user=person, secret=TOTP_SECRET)
    actions.add_to_newsroom(actor=editor, user=editor, role="editor")
    actions.add_to_newsroom(actor=editor, user=reporter, role="reporter")
    return news, reporter, editor


def sign_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/cms/")
    page.wait_for_url(re.compile(r"/akun/login/"))  # Anrong's sign-in, not Wagtail's
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/akun/2fa/authenticate/"))
    page.fill("input[name=code]", current_code(TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/cms/"))


def test_a_reporter_drafts_an_editor_approves_and_readers_find_it(
        browser, live_server, newsroom_people, axe_violations):
    news, _reporter, _editor = newsroom_people
    base = live_server.url

    # The reporter writes a draft in Wagtail and submits it for moderation.
    reporter_ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = reporter_ctx.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, "wartawan@makassarkota.go.id")
    page.goto(f"{base}/cms/pages/add/news/articlepage/{news.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "Taman kota di Jalan Kajaolaliddo kembali dibuka setelah renovasi.")
    page.locator("#id_category").select_option("budaya")
    page.locator("[data-streamfield-stream-container] button[title], .c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("Paragraf")).or_(
        page.get_by_role("button", name=re.compile("Paragraf"))).first.click()
    editor_box = page.locator(".public-DraftEditor-content").first
    editor_box.click()
    editor_box.type("Warga dapat berolahraga pagi di Taman Macan mulai hari Senin.")
    article = None
    for _try in range(2):  # a first click can race Wagtail's autosave of the new draft
        if not page.locator("button[name=action-submit]").is_visible():  # in the footer's menu
            page.locator("[data-w-dropdown-target='toggle']", has=page.locator("svg")).last.click()
        page.locator("button[name=action-submit]").click()
        for _attempt in range(30):
            article = ArticlePage.objects.filter(title=TITLE).first()
            if article is not None and article.current_workflow_state is not None:
                break
            page.wait_for_timeout(500)
        if article is not None and article.current_workflow_state is not None:
            break
        if article is not None:
            page.goto(f"{base}/cms/pages/{article.pk}/edit/")
    assert article is not None and article.current_workflow_state is not None
    assert not article.live
    reporter_ctx.close()

    # The editor approves it: it is published.
    editor_ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = editor_ctx.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, "redaktur@makassarkota.go.id")
    page.goto(f"{base}/cms/pages/{article.pk}/edit/")
    expect(page.locator("button[data-workflow-action-name=approve]").first).to_be_attached()
    # The editor sees Wagtail's "Approve" and approves through the view it calls (the button's
    # script path differs between Wagtail releases; the view and its permission check do not).
    task_state = article.current_workflow_state.current_task_state
    token = next(c["value"] for c in editor_ctx.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        f"{base}/cms/pages/workflow/action/{article.pk}/approve/{task_state.pk}/",
        form={"csrfmiddlewaretoken": token}, headers={"Referer": page.url, "X-CSRFToken": token})
    assert answer.ok
    for _attempt in range(30):
        article.refresh_from_db()
        if article.live:
            break
        page.wait_for_timeout(500)
    assert article.live
    editor_ctx.close()

    # A reader on a phone finds it in the list, in search and in the feed.
    reader_ctx = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                     timezone_id="Asia/Makassar")
    page = reader_ctx.new_page()
    page.goto(f"{base}/berita/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    page.fill("input[name=q]", "Kajaolaliddo")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url(re.compile(r"/berita/cari/"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    share = page.get_by_role("link", name=re.compile("Bagikan ke WhatsApp"))
    assert share.get_attribute("href").startswith("https://wa.me/?text=")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    feed = page.request.get(f"{base}/berita/rss/")
    assert TITLE in feed.text()
    reader_ctx.close()
