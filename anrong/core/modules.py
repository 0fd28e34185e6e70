"""The module registry: each app declares itself once, in its AppConfig.ready().

The home screen, search, the war room and `seed_demo` read this registry; none of them imports a
module by name. Adding a service area is a new app plus one `register(Module(...))`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Module:
    """One service area as the platform sees it.

    `icon` is how the home screen draws the module's tile (see `{% module_icon %}` in
    anrong/core/templatetags/anrong_shell.py):
      - the name of one of the platform's built-in line icons: "document", "megaphone", "news",
        "alert", "shop", "food", "clock", "video", "health", "chart", "map", "user", "grid"
        (drawn as small inline SVG in the text colour, so it suits light and dark tiles);
      - otherwise any short text, typically one emoji ("🍜"), shown as it is;
      - empty: the generic "grid" icon.
    Icons are decorative (hidden from screen readers); `name` and `description` carry the meaning.
    """

    slug: str
    name: Any  # a lazy translation string
    icon: str = ""
    description: Any = ""
    citizen_url: str = ""  # URL name of the citizen entry page, "" if none
    staff_url: str = ""  # URL name of the staff entry page, "" if none
    order: int = 100
    api_router: str = ""  # dotted path to a ninja Router, mounted at /api/v1/<slug>/
    # More routers of the module, (sub-path, dotted path): mounted at /api/v1/<slug>/<sub-path>/.
    # Django Ninja's nested routers lose a slash in the OpenAPI paths, so parts of a module's
    # API are mounted beside its router, not inside it.
    api_routers: tuple[tuple[str, str], ...] = ()
    search_types: tuple[str, ...] = ()
    warroom_metrics: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    # The event types an agency may subscribe its webhooks to: each payload names the agency
    # ("agency": its code), and an event goes only to that agency's endpoints.
    webhook_events: tuple[str, ...] = ()
    seeder: Callable[..., Any] | None = None
    # The module's clock: escalates work past its due time, once, and returns how many items it
    # escalated (`manage.py escalate_overdue` runs every module's).
    escalate: Callable[[], int] | None = None
    seed_after: tuple[str, ...] = field(default_factory=tuple)
    # Personal-data rights (UU 27/2022). `personal_data(user)` returns everything the module
    # holds about the person, JSON-serialisable; `anonymise(user)` removes or blanks it inside
    # the caller's transaction and returns what the module must keep, and why, in plain words.
    # `kept_on_deletion` says the same before the person confirms (lazy translation strings).
    personal_data: Callable[[Any], dict[str, Any]] | None = None
    anonymise: Callable[[Any], list[str]] | None = None
    kept_on_deletion: tuple[Any, ...] = ()

    def url(self, which: str = "citizen") -> str | None:
        name = self.citizen_url if which == "citizen" else self.staff_url
        if not name:
            return None
        try:
            return reverse(name)
        except NoReverseMatch:
            return None


_registry: dict[str, Module] = {}


def register(module: Module) -> Module:
    _registry[module.slug] = module
    return module


def all_modules() -> list[Module]:
    return sorted(_registry.values(), key=lambda m: (m.order, m.slug))


def get(slug: str) -> Module | None:
    return _registry.get(slug)


def webhook_event_types() -> list[str]:
    """Every event type agencies may subscribe webhooks to, across modules, sorted."""
    return sorted({t for m in _registry.values() for t in m.webhook_events})


def escalate_everywhere() -> dict[str, int]:
    """Run every module's clock; how many items each escalated, by module slug."""
    return {m.slug: m.escalate() for m in all_modules() if m.escalate is not None}


def home_tiles() -> list[Module]:
    """Modules that have a citizen page that actually resolves."""
    return [m for m in all_modules() if m.citizen_url and m.url("citizen")]


def seed_order() -> list[Module]:
    """Modules with a seeder, dependencies first (stable topological order)."""
    ordered: list[Module] = []
    seen: set[str] = set()

    def visit(m: Module) -> None:
        if m.slug in seen:
            return
        seen.add(m.slug)
        for dep in m.seed_after:
            if dep in _registry:
                visit(_registry[dep])
        ordered.append(m)

    for m in all_modules():
        visit(m)
    return [m for m in ordered if m.seeder is not None]


def personal_data_of(user: Any) -> dict[str, dict[str, Any]]:
    """Every module's account of what it holds about `user`, by module slug."""
    return {m.slug: m.personal_data(user) for m in all_modules() if m.personal_data is not None}


def anonymise_everywhere(user: Any) -> dict[str, list[str]]:
    """Ask every module to remove `user`'s personal data; returns what each had to keep.
    Call inside one transaction (accounts.actions.anonymise_account does)."""
    return {m.slug: list(m.anonymise(user)) for m in all_modules() if m.anonymise is not None}


def kept_on_deletion() -> list[tuple[Module, list[Any]]]:
    """What each module will keep when an account is deleted, for the page that asks first."""
    return [(m, list(m.kept_on_deletion)) for m in all_modules() if m.kept_on_deletion]
