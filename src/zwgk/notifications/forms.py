from django import forms

from . import kinds


class PreferencesForm(forms.Form):
    """One pair of checkboxes per registered kind: e-mail, and the e-mails of the day in one digest."""

    def __init__(self, *args, choices=None, **kwargs) -> None:  # noqa: ANN001, ANN003, ANN002
        super().__init__(*args, **kwargs)
        initial = {c.kind.key: c for c in (choices or [])}
        self.rows = []
        for kind in kinds.ordered():
            c = initial.get(kind.key)
            email = forms.BooleanField(label=f"{kind.label}：邮件", required=False, initial=c.email if c else kind.default_email)
            digest = forms.BooleanField(label=f"{kind.label}：每日汇总", required=False, initial=c.digest if c else kind.default_digest)
            self.fields[f"email__{kind.key}"] = email
            self.fields[f"digest__{kind.key}"] = digest
            self.rows.append((kind, self[f"email__{kind.key}"], self[f"digest__{kind.key}"]))

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {k.key: (self.cleaned_data[f"email__{k.key}"], self.cleaned_data[f"digest__{k.key}"]) for k in kinds.ordered()}


class ListFilter(forms.Form):
    show = forms.ChoiceField(choices=[("unread", "未读"), ("read", "已读"), ("all", "全部")], required=False)
    page = forms.IntegerField(min_value=1, max_value=10000, required=False)
