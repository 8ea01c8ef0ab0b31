import json
import uuid
from itertools import islice

from django.contrib.postgres.fields import ArrayField
from django.db.models import OuterRef, Subquery, TextField
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated
from rest_framework.filters import OrderingFilter
from rest_framework.utils.encoders import JSONEncoder

from users.filters import OrganizationUserFilter
from users.models import OrganizationUser, OrganizationUserExternalClient
from users.paging import ContractPagination, flag
from users.serializers import OrganizationUserSerializer

# Rows per server-side cursor fetch and per chunk written to the socket (Django's own iterator default).
CHUNK_ROWS = 2000


def customer_of(request):
    """The tenant is the X-PIGELLO-CUSTOMER-ID header; unlike the service, the other six headers and the client
    secret are not checked, and the database role is not subject to row-level security."""
    try:
        return uuid.UUID(request.headers.get("X-PIGELLO-CUSTOMER-ID", ""))
    except ValueError:
        raise NotAuthenticated("X-PIGELLO-CUSTOMER-ID must be a customer's id.")


class ContractOrdering(OrderingFilter):
    """_order_by=last_name,-created_at; the order made total with id, as the contract requires."""

    ordering_param = "_order_by"

    def get_ordering(self, request, queryset, view):
        return [*super().get_ordering(request, queryset, view), "id"]


class ArraySubquery(Subquery):
    """ARRAY(SELECT ...): the to-many ids in the row's own query, so a page or an export needs no second query
    (prefetch_related would, and Django 3.2 ignores it under iterator())."""
    template = "ARRAY(%(subquery)s)"


class OrganizationUsers:
    serializer_class = OrganizationUserSerializer

    def get_queryset(self):
        links = OrganizationUserExternalClient.objects.filter(
            customer_id=OuterRef("customer_id"), organizationuser_id=OuterRef("id")
        ).values(text=Cast("externalclient_id", TextField()))
        return OrganizationUser.objects.filter(customer_id=customer_of(self.request)).annotate(
            external_client_ids=ArraySubquery(links, output_field=ArrayField(TextField()))
        )


class OrganizationUserList(OrganizationUsers, generics.ListAPIView):
    filterset_class = OrganizationUserFilter
    filter_backends = [*generics.ListAPIView.filter_backends, ContractOrdering]
    ordering = ["-created_at"]
    ordering_fields = [
        "created_at", "custom_id", "username", "email", "first_name", "last_name", "corporate_name", "ssn",
        "birth_date", "org_no", "detail_access", "is_active", "active_to", "last_login",
    ]
    pagination_class = ContractPagination

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        jsonl = flag(request, "_jsonl")
        response = StreamingHttpResponse(
            stream(queryset, self.get_serializer(), jsonl),
            content_type="application/jsonl" if jsonl else "application/json",
        )
        for name, value in self.paginator.headers().items():
            response[name] = value
        return response


class OrganizationUserDetail(OrganizationUsers, generics.RetrieveAPIView):
    pass


def stream(queryset, serializer, jsonl):
    """Every row through a server-side cursor, CHUNK_ROWS at a time: JSON Lines, or one JSON array."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=JSONEncoder().default).encode
    rows = queryset.iterator(chunk_size=CHUNK_ROWS)
    first = True
    if not jsonl:
        yield "["
    while chunk := list(islice(rows, CHUNK_ROWS)):
        if jsonl:
            yield "".join(encode(serializer.to_representation(row)) + "\n" for row in chunk)
        else:
            yield ("" if first else ",") + ",".join(encode(serializer.to_representation(row)) for row in chunk)
        first = False
    if not jsonl:
        yield "]"
