"""/<code>/associations/: the representatives' area."""

from django.urls import path

from participation.associations import views

app_name = "participation"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.association_request, name="request"),
    path("join/", views.join, name="join"),
    path("<uuid:public_id>/", views.association_detail, name="association"),
    path("<uuid:public_id>/edit/", views.association_edit, name="edit"),
    path("<uuid:public_id>/reports/new/", views.report_new, name="report_new"),
    path("<uuid:public_id>/reports/<int:year>/", views.report_edit, name="report"),
    path("<uuid:public_id>/activities/new/", views.activity_new, name="activity_new"),
    path(
        "<uuid:public_id>/activities/<int:pk>/",
        views.activity_edit,
        name="activity",
    ),
    path(
        "<uuid:public_id>/activities/<int:pk>/delete/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "<uuid:public_id>/activities/import/",
        views.activity_import,
        name="activity_import",
    ),
]
