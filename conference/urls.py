from django.urls import path

from . import feeds, views

app_name = "conference"

urlpatterns = [
    path("feeds/veranstaltungen.rss", feeds.EventFeed(), name="feed-rss"),
    path("feeds/veranstaltungen.atom", feeds.EventAtomFeed(), name="feed-atom"),
    path("kalender/veranstaltungen.ics", views.upcoming_calendar, name="calendar"),
    path("kalender/<int:page_id>.ics", views.page_calendar, name="page-calendar"),
]
