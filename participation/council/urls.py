"""/<code>/council/: the council's pages (council members and staff)."""

from django.urls import path

from participation.council import api_views, views

app_name = "council"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("indicators/<slug:code>/", views.indicator, name="indicator"),
    path("survey/", views.explorer, name="explorer"),
    path("participation/", views.participation, name="participation"),
    path("open-answers/", views.open_answers, name="open_answers"),
    path("report/", views.report, name="report"),
    path("export/", views.export, name="export"),
    path("export/responses/", views.export_responses, name="export_responses"),
    path("tokens/", api_views.account_tokens, name="tokens"),
]
