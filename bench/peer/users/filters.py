from django_filters import rest_framework as filters

from users.models import OrganizationUser


class OrganizationUserFilter(filters.FilterSet):
    """The contract's filter grammar in django-filter's own spelling (field__lookup), for the fields the benchmark
    reads and a few more of each type; the service offers every operator on every field."""

    organization = filters.UUIDFilter(field_name="organization_id")
    organization__isnull = filters.BooleanFilter(field_name="organization_id", lookup_expr="isnull")
    role = filters.UUIDFilter(field_name="role_id")

    class Meta:
        model = OrganizationUser
        fields = {
            "id": ["exact"],
            "first_name": ["exact", "icontains", "istartswith"],
            "last_name": ["exact", "icontains", "istartswith"],
            "corporate_name": ["exact", "icontains"],
            "email": ["exact", "iexact", "icontains"],
            "custom_id": ["exact"],
            "is_active": ["exact"],
            "anonymized": ["exact"],
            "detail_access": ["exact", "in"],
            "birth_date": ["exact", "gt", "gte", "lt", "lte", "isnull"],
            "created_at": ["gt", "gte", "lt", "lte"],
        }
