"""Layanan's pages, split by concern (thin: parse, call an action or a query, render)."""
