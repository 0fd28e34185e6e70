"""API shapes of the catalogue. Lists are built from plain rows, not model instances."""

from __future__ import annotations

from ninja import Schema


class ServiceRowOut(Schema):
    code: str
    name: str
    summary: str
    agency_code: str
    agency_name: str
    category_code: str
    category_name: str
    fee_rupiah: int
    fee_note: str
    sla_working_days: int
    delivery: str
    delivery_label: str
    external_url: str


class ServiceDetailOut(ServiceRowOut):
    description: str
    requirements: list[str]
    legal_basis: str
    output: str
    life_events: list[str]
    updated_at: str


class CategoryOut(Schema):
    code: str
    name: str
    service_count: int


class LifeEventOut(Schema):
    code: str
    name: str
    description: str
    services: list[str]  # service codes, in the order a citizen needs them
