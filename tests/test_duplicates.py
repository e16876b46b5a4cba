"""Identical applications submitted at the same moment are stored once (on SQLite and PostgreSQL alike)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from zwgk.applications import services
from zwgk.applications.models import Application

from .test_applications import applicant


def _submit_pair(data: dict, org) -> list:  # noqa: ANN001
    barrier = threading.Barrier(2)
    results: list = []

    def submit() -> None:
        try:
            barrier.wait()
            results.append(services.submit_online(data, org))
        except ValidationError as e:
            results.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_parallel_identical_submissions_are_stored_once(county):
    for i in range(5):
        data = applicant(description=f"第{i}份：浮梁县2024年城区公办小学划片范围的依据文件")
        results = _submit_pair(data, county["jiaoti"])
        stored = [r for r in results if isinstance(r, Application)]
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(stored) == 1 and len(refused) == 1, results
        assert f"您刚刚已经提交过同样的申请（查询码 {stored[0].tracking_code}），无需重复提交。" in refused[0].messages
    assert Application.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_different_applications_at_the_same_moment_are_both_stored(county):
    barrier = threading.Barrier(2)
    errors: list = []

    def submit(n: int) -> None:
        try:
            barrier.wait()
            services.submit_online(applicant(description=f"第{n}份不同的政府信息"), county["jiaoti"])
        except Exception as e:  # noqa: BLE001
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and Application.objects.count() == 2
