from rest_framework import serializers

from users.models import OrganizationUser


class Reference(serializers.Field):
    """A to-one relation as the service writes it: {"id": ...}, or null (DRF writes null without calling this)."""

    def to_representation(self, value):
        return {"id": str(value)}


class References(serializers.Field):
    """A to-many relation from an array of ids: [{"id": ...}, ...]."""

    def to_representation(self, value):
        return [{"id": str(related)} for related in value]


class NotYetProvided(serializers.Field):
    """Fields the contract writes as null until their application exists (tags, customer_columns,
    profile_picture)."""

    def __init__(self):
        super().__init__(read_only=True)

    def get_attribute(self, instance):
        return None


class OrganizationUserSerializer(serializers.ModelSerializer):
    organization = Reference(source="organization_id")
    role = Reference(source="role_id")
    external_clients = References(source="external_client_ids")
    tags = NotYetProvided()
    customer_columns = NotYetProvided()
    profile_picture = NotYetProvided()

    class Meta:
        model = OrganizationUser
        fields = [
            "id", "created_at", "custom_id", "username", "email", "email_verified", "phone_number",
            "phone_number_verified", "first_name", "last_name", "corporate_name", "full_name", "communication_name",
            "ssn", "ssn_is_coordination_number", "birth_date", "org_no", "fmi", "organization", "role",
            "detail_access", "is_active", "active_to", "anonymized", "anonymization_name", "last_login",
            "mfa_has_totp", "mfa_has_hotp", "hotp_invite_sendout_time", "prefer_invoice_view_only",
            "invoice_distribution_instruction", "reminder_distribution_instruction", "debt_distribution_instruction",
            "send_out_distribution_instruction", "external_clients", "tags", "customer_columns", "profile_picture",
        ]
        read_only_fields = fields
