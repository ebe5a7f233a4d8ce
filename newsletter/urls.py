from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("abonnieren/", views.subscribe, name="subscribe"),
    path("danke/", views.thanks, name="thanks"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
