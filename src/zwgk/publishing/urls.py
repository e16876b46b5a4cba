from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_new, name="new"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/submit/", views.document_submit, name="submit"),
    path("<int:pk>/withdraw/", views.document_withdraw, name="withdraw"),
    path("<int:pk>/preview/", views.document_preview, name="preview"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("screen/", views.screen_preview, name="screen"),
    path("paste/", views.clean_paste, name="paste"),
    path("normative/", views.normative_library, name="normative"),
    path("<int:pk>/cleanup/", views.normative_cleanup, name="cleanup"),
    path("catalog/", views.catalog, name="catalog"),
    path("review/", views.review_queue, name="queue"),
    path("review/<int:pk>/", views.review, name="review"),
]
