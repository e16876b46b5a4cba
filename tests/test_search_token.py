"""The index change token: written once per transaction, and anew in every transaction."""

import pytest
from django.db import transaction

from zwgk.core import audit
from zwgk.search import index


@pytest.mark.django_db(transaction=True)
def test_each_transaction_writes_a_new_token_once():
    seen = []
    with audit.allow_direct_writes():  # the index is written inside services; here the writer alone
        _thirty(seen)
    assert len(set(seen)) == 30


def _thirty(seen):
    for _ in range(30):  # ids of freed atomic blocks are reused; the marker must not carry over
        with transaction.atomic():
            index._changed()
            first = index.token()
            index._changed()
            assert index.token() == first  # once per transaction
        seen.append(first)
