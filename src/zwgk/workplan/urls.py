from django.urls import path

from . import views

app_name = "workplan"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_view, name="import"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/report.docx", views.leaders_report, name="leaders_report"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/report/", views.report_submit, name="report_submit"),
    path("tasks/<int:pk>/review/", views.report_review, name="report_review"),
    path("tasks/<int:pk>/close/", views.task_close, name="close"),
    path("tasks/<int:pk>/supervise/", views.task_supervise, name="supervise"),
    path("tasks/<int:pk>/answer/", views.supervision_answer, name="answer"),
    path("tasks/<int:pk>/schedule/", views.task_schedule, name="schedule"),
    path("tasks/<int:pk>/units/", views.task_units, name="units"),
    path("tasks/<int:pk>/milestone/", views.milestone_done, name="milestone_done"),
    path("files/<int:pk>/", views.report_file, name="file"),
    path("assessment/", views.assessment, name="assessment"),
    path("assessment/periods/new/", views.period_new, name="period_new"),
    path("assessment/indicators/save/", views.indicator_save, name="indicator_save"),
    path("assessment/periods/<int:pk>/", views.period_detail, name="period"),
    path("assessment/periods/<int:pk>/compute/", views.period_compute, name="period_compute"),
    path("assessment/scores/<int:pk>/", views.score_detail, name="score"),
    path("cases/", views.cases, name="cases"),
    path("cases/decide/", views.case_decide, name="case_decide"),
]
