from django.urls import path

from . import views

app_name = "lk_outages"

urlpatterns = [
    path("feed.ics", views.feed_ics, name="feed_ics"),
    path("feed.rss", views.feed_rss, name="feed_rss"),
    path("feed.json", views.feed_json, name="feed_json"),
    path("subscriptions/confirm/<str:token>/", views.subscription_confirm, name="confirm"),
    path("subscriptions/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
