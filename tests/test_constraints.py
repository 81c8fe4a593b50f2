"""The database itself refuses inconsistent entries, whatever path wrote them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import override

from editorial.models import Source, Status
from practices.models import Practice, Programme

from .factories import make_country, make_practice, make_programme, make_source

pytestmark = pytest.mark.django_db


def assert_rejected(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_programme_ending_before_it_starts_is_rejected():
    programme = make_programme(start_year=2020)
    programme.end_year = 2019
    assert_rejected(programme.save)


def test_programme_may_end_the_year_it_starts():
    programme = make_programme(start_year=2020, end_year=2020)
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_practice_ending_before_it_starts_is_rejected():
    practice = make_practice(start_year=2022)
    assert_rejected(lambda: Practice.objects.filter(pk=practice.pk).update(end_year=2010))


def test_an_entry_cannot_be_both_planned_and_ongoing():
    assert_rejected(lambda: make_practice(start_year=2023, is_planned=True, is_ongoing=True))


def test_a_planned_entry_reads_as_planned_not_as_begun():
    practice = make_practice(start_year=2023, is_planned=True)
    with override("en"):
        assert practice.period_label == "planned for 2023"
    with override("es"):
        assert practice.period_label == "con inicio previsto en 2023"


def test_implausible_start_year_is_rejected():
    assert_rejected(lambda: make_programme(start_year=20))


def test_duplicate_country_code_is_rejected():
    make_country(code="CR", slug="costa-rica")
    assert_rejected(lambda: make_country(code="CR", slug="costa-rica-2"))


def test_duplicate_country_slug_is_rejected():
    make_country(code="CR", slug="costa-rica")
    assert_rejected(lambda: make_country(code="CX", slug="costa-rica"))


def test_country_code_must_be_two_capital_letters():
    assert_rejected(lambda: make_country(code="cr"))


def test_source_needs_a_url_or_a_document_name():
    assert_rejected(lambda: make_source(url="", document=""))


def test_source_with_only_a_url_is_accepted():
    source = make_source(url="https://www.iom.int/", document="")
    assert Source.objects.filter(pk=source.pk).exists()


def test_beneficiaries_without_a_year_are_rejected():
    assert_rejected(lambda: make_programme(beneficiaries=7000, beneficiaries_year=None))


def test_published_practice_without_date_is_rejected():
    practice = make_practice()
    assert_rejected(
        lambda: Practice.objects.filter(pk=practice.pk).update(
            status=Status.PUBLISHED, published_at=None
        )
    )


def test_publishing_gets_a_date_when_none_was_given():
    practice = make_practice(status=Status.DRAFT, published_at=None)
    practice.status = Status.PUBLISHED
    practice.save()
    assert practice.published_at is not None


def test_publishing_with_a_missing_translation_names_the_fields():
    practice = make_practice(status=Status.DRAFT, summary_es="", description_es="")
    practice.status = Status.PUBLISHED
    with pytest.raises(ValidationError) as error, override("en"):
        practice.full_clean()
    message = " ".join(error.value.messages)
    assert "summary (Spanish)" in message
    assert "description (Spanish)" in message
    assert "title" not in message


def test_draft_may_be_saved_in_one_language():
    practice = make_practice(status=Status.DRAFT, published_at=None, summary_es="")
    practice.full_clean()
    with override("en"):
        assert practice.missing_translations() == ["summary (Spanish)"]
