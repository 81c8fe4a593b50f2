"""A search longer than a search reads (a pasted paragraph) is searched by its first words, and
the page says so, rather than answering 400."""

import pytest

from editorial.search import MAX_QUERY_LENGTH, first_words

from .factories import make_practice

pytestmark = pytest.mark.django_db


def long_search(first):
    words = [first, *(f"filler{n:03}" for n in range(40))]
    return " ".join(words)


def test_a_search_longer_than_200_characters_is_searched_by_its_first_words(client):
    make_practice(title_en="Migratory amnesty in Belize")
    typed = long_search("amnesty")
    assert len(typed) > MAX_QUERY_LENGTH
    response = client.get("/en/practices/", {"q": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert [p.title for p in response.context["page_obj"]] == ["Migratory amnesty in Belize"]
    kept = first_words(typed)
    assert typed.startswith(kept) and typed[len(kept)] == " "
    assert f"only its first words were searched for: “{kept}”" in page
    assert f'name="q" type="search" maxlength="200" value="{kept}"' in page


def test_a_long_search_is_said_in_spanish_on_a_spanish_page(client):
    page = client.get("/es/practicas/", {"q": long_search("amnistia")}).content.decode()
    assert "solo se buscaron sus primeras palabras" in page


def test_a_long_recommendation_search_is_accepted_too(client):
    response = client.get("/es/recomendaciones/", {"q": "z" * 300})
    assert response.status_code == 200
    assert "primeras palabras" in response.content.decode()


def test_a_search_of_a_single_word_longer_than_the_limit_keeps_its_first_characters():
    assert first_words("a" * 500) == "a" * MAX_QUERY_LENGTH


def test_a_search_within_the_limits_is_left_as_typed(client):
    page = client.get("/en/practices/", {"q": "amnesty in Belize"}).content.decode()
    assert "first words" not in page
