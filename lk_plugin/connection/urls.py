from django.urls import path

from . import views

app_name = "lk_connection"

urlpatterns = [
    path("<int:pk>/invoices/<int:invoice_pk>/pay/", views.pay, name="pay"),
    path("<int:pk>/invoices/<int:invoice_pk>/demo-checkout/", views.demo_checkout, name="demo_checkout"),
    path("<int:pk>/tu-notice/", views.tu_notice, name="tu_notice"),
    path("<int:pk>/sign/<int:doc_pk>/", views.sign, name="sign"),
]
