from django.urls import path

from openpes.web.www.mydata_views import views

urlpatterns = [
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/download.json", views.my_data_json, name="my_data_json"),
    path("me/data/download.html", views.my_data_html, name="my_data_html"),
    path("me/data/corrections/", views.my_data_correct, name="my_data_correct"),
]
