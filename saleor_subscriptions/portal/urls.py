from django.urls import path

from . import views

urlpatterns = [
    path("", views.home_view, name="portal"),
    path("signin", views.signin_view, name="portal-signin"),
    path("in/<str:token>", views.link_view, name="portal-link"),
    path("token", views.token_view, name="portal-token"),
    path("signout", views.signout_view, name="portal-signout"),
    path("subscriptions/<int:subscription_id>/", views.subscription_view, name="portal-subscription"),
    path("subscriptions/<int:subscription_id>/<slug:action>", views.subscription_view, name="portal-action"),
]
