from django.urls import path

from users import views

USERS = "accounts/users/organization/organizationuser/"

urlpatterns = [
    path(USERS + "list/", views.OrganizationUserList.as_view()),
    path(USERS + "<uuid:pk>/", views.OrganizationUserDetail.as_view()),
]
