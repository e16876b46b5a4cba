"""Uploads are bounded before they are read: the application form checks the count and each file's size first,
a body larger than the request may send gets a Chinese 413 before it is read, files go to disk as they arrive."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.datastructures import MultiValueDict

from zwgk.applications import attachments, services
from zwgk.applications.forms import ApplicantForm
from zwgk.applications.models import Application, ApplicationFile
from zwgk.core.uploads import BoundedUploadHandler

from .test_applications_views import form_data

PDF = b"%PDF-1.4\n%test\n"


class Unreadable(io.RawIOBase):
    """A stream or file body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def read(self, *args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("the body was read")

    readinto = readline = read


def unreadable_file(name: str, size: int) -> UploadedFile:
    return UploadedFile(Unreadable(), name=name, content_type="application/pdf", size=size)


def _form(county, files) -> ApplicantForm:
    data = {k: v for k, v in form_data(county).items()}
    return ApplicantForm(data, MultiValueDict({"files": files}))


def test_too_many_or_too_large_files_are_refused_before_any_is_read(county):
    too_many = _form(county, [unreadable_file(f"证明{i}.pdf", 100) for i in range(attachments.MAX_FILES + 1)])
    assert not too_many.is_valid() and too_many.errors["files"] == ["最多上传 5 个附件，您选择了 6 个。"]
    too_large = _form(county, [unreadable_file("身份证.pdf", attachments.MAX_FILE_BYTES + 1)])
    assert not too_large.is_valid() and too_large.errors["files"] == ["附件“身份证.pdf”超过 10 MB。"]
    # the service, called from elsewhere, checks the same before reading
    with pytest.raises(ValidationError, match="超过 10 MB"):
        services.submit_online(form_data(county), county["jiaoti"], [unreadable_file("身份证.pdf", attachments.MAX_FILE_BYTES + 1)])
    with pytest.raises(ValidationError, match="最多上传 5 个附件"):
        services.submit_online(form_data(county), county["jiaoti"], [unreadable_file("a.pdf", 10)] * 6)
    assert not Application.objects.exists()


def test_too_many_files_through_the_public_form(client, county):
    files = [SimpleUploadedFile(f"证明{i}.pdf", PDF, content_type="application/pdf") for i in range(6)]
    page = client.post("/zfxxgk/apply/form/", {**form_data(county), "files": files})
    assert page.status_code == 200 and "最多上传 5 个附件" in page.content.decode()
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()


def test_an_over_large_body_gets_413_in_chinese_before_it_is_read(client, county):
    response = client.post("/zfxxgk/apply/form/", data=b"", content_type="multipart/form-data; boundary=x",
                           CONTENT_LENGTH=str(attachments.max_upload_bytes() + 10 * 1024 * 1024), **{"wsgi.input": Unreadable()})
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()
    # pages that take no files accept only form-sized bodies
    response = client.post("/zfxxgk/apply/status/", data=b"", content_type="application/x-www-form-urlencoded",
                           CONTENT_LENGTH=str(20 * 1024 * 1024), **{"wsgi.input": Unreadable()})
    assert response.status_code == 413
    assert not Application.objects.exists()


def test_the_upload_handler_stops_when_more_bytes_arrive_than_allowed(rf):
    files = [SimpleUploadedFile(f"{i}.pdf", PDF + b"x" * 1000, content_type="application/pdf") for i in range(3)]
    request = rf.post("/zfxxgk/apply/form/", {"name": "张三", "files": files})
    request.zwgk_body_limit = 1500  # less than the request sends
    request.upload_handlers = [BoundedUploadHandler(request), TemporaryFileUploadHandler(request)]
    assert request.POST["name"] == "张三"
    assert len(request.FILES.getlist("files")) == 1  # the second file passed the limit: the upload stopped there


def test_a_large_file_is_streamed_to_disk_and_stored_whole(client, county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    body = PDF + b"0" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE * 2)
    response = client.post("/zfxxgk/apply/form/", {**form_data(county), "files": [SimpleUploadedFile("材料.pdf", body)]})
    assert response.status_code == 302
    stored = ApplicationFile.objects.get()
    assert (stored.kind, stored.size, stored.name) == ("pdf", len(body), "材料.pdf")
    with stored.file.open("rb") as fh:
        assert fh.read() == body


def test_docx_is_judged_by_its_directory_without_reading_it_whole(county, settings, tmp_path):
    from docx import Document as Docx

    settings.MEDIA_ROOT = tmp_path
    buf = io.BytesIO()
    Docx().save(buf)
    fake = SimpleUploadedFile("说明.docx", b"PK\x03\x04 not really a zip")
    with pytest.raises(ValidationError, match="不是 PDF"):
        services.submit_online(form_data(county), county["jiaoti"], [fake])
    app = services.submit_online(form_data(county), county["jiaoti"], [SimpleUploadedFile("说明.docx", buf.getvalue())])
    assert app.files.get().kind == "docx"
