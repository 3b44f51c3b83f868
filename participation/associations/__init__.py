"""Associations and public boards, their representatives, yearly composition
reports and activities: models, the representatives' pages, forms, services,
selectors and the staff's admin (docs/ARCHITECTURE.md)."""
