"""The service's tables, read as they are (managed = False: Flyway owns the schema, V3 and later).

Django 3.2 has no composite primary keys: `id` stands in for (customer_id, id), which is unique in practice (random
UUIDs), and every query filters by customer_id besides. The to-one relations stay plain uuid columns: the service
writes them as {"id": ...} without reading the related row, and a ForeignKey would tempt a join."""
from django.db import models


class OrganizationUser(models.Model):
    customer_id = models.UUIDField()
    id = models.UUIDField(primary_key=True)
    created_at = models.DateTimeField()
    custom_id = models.CharField(max_length=128, null=True)
    username = models.CharField(max_length=150, null=True)
    email = models.CharField(max_length=254, null=True)
    email_verified = models.BooleanField()
    phone_number = models.CharField(max_length=36, null=True)
    phone_number_verified = models.BooleanField()
    first_name = models.CharField(max_length=255, null=True)
    last_name = models.CharField(max_length=255, null=True)
    corporate_name = models.CharField(max_length=255, null=True)
    full_name = models.TextField(null=True)
    communication_name = models.TextField(null=True)
    ssn = models.CharField(max_length=13, null=True)
    ssn_is_coordination_number = models.BooleanField()
    birth_date = models.DateField(null=True)
    org_no = models.CharField(max_length=11, null=True)
    fmi = models.CharField(max_length=20, null=True)
    organization_id = models.UUIDField(null=True)
    role_id = models.UUIDField(null=True)
    detail_access = models.IntegerField()
    is_active = models.BooleanField()
    active_to = models.DateTimeField(null=True)
    anonymized = models.BooleanField()
    anonymization_name = models.CharField(max_length=255, null=True)
    last_login = models.DateTimeField(null=True)
    mfa_has_totp = models.BooleanField()
    mfa_has_hotp = models.BooleanField()
    hotp_invite_sendout_time = models.DateTimeField(null=True)
    prefer_invoice_view_only = models.BooleanField()
    invoice_distribution_instruction = models.JSONField(null=True)
    reminder_distribution_instruction = models.JSONField(null=True)
    debt_distribution_instruction = models.JSONField(null=True)
    send_out_distribution_instruction = models.JSONField(null=True)

    class Meta:
        managed = False
        db_table = "organizationuser"


class OrganizationUserExternalClient(models.Model):
    """The to-many link table; its key is (customer_id, organizationuser_id, externalclient_id), of which Django
    can declare one column only. Read through a subquery, never saved."""

    customer_id = models.UUIDField()
    organizationuser_id = models.UUIDField()
    externalclient_id = models.UUIDField(primary_key=True)

    class Meta:
        managed = False
        db_table = "organizationuser_external_client"
