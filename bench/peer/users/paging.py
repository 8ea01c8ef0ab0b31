from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response


def flag(request, name):
    return request.query_params.get(name, "").lower() in ("true", "1")


def positive_int(request, name, minimum, maximum):
    value = request.query_params[name]
    if not value.isdigit() or not minimum <= int(value) <= maximum:
        raise ValidationError({name: [f"A whole number from {minimum} to {maximum}."]})
    return int(value)


class ContractPagination(BasePagination):
    """_page and _page_size (contract 4.1), the body a plain array; the count only with _statistics=true.
    PageNumberPagination would count on every page (Django's Paginator), which the contract's reads do not."""

    def paginate_queryset(self, queryset, request, view=None):
        self.total = queryset.count() if flag(request, "_statistics") else None
        self.size = None
        if "_page" not in request.query_params and "_page_size" not in request.query_params:
            return None
        page = positive_int(request, "_page", 1, 10**9)
        self.size = positive_int(request, "_page_size", 0, 1000)
        offset = (page - 1) * self.size
        return list(queryset[offset:offset + self.size])

    def headers(self):
        if self.total is None:
            return {}
        headers = {"X-Total-Count": str(self.total)}
        if self.size:
            headers["X-Page-Count"] = str(-(-self.total // self.size))
        return headers

    def get_paginated_response(self, data):
        return Response(data, headers=self.headers())
