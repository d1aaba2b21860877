from __future__ import annotations

from rest_framework.pagination import CursorPagination


class ReferenceCursorPagination(CursorPagination):
    """Cursor pagination on the primary key: stable while records are added."""

    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
