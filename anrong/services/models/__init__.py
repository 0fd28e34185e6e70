"""Layanan's data, split by concern: the catalogue, form definitions, and applications."""

from .applications import Application, Document, LifeEventFiling, StatusChange
from .catalogue import Category, LifeEvent, LifeEventStep, Service
from .forms import FormVersion

__all__ = [
    "Application", "Category", "Document", "FormVersion", "LifeEvent", "LifeEventFiling",
    "LifeEventStep", "Service", "StatusChange",
]
