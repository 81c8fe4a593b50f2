"""Small factories: each builds a valid, published entry in both languages."""

import itertools

from django.utils import timezone

from countries.models import Country, SubRegion
from editorial.models import Source, Status
from practices.models import (
    Actor,
    ActorType,
    Level,
    Practice,
    Programme,
    ProgrammeKind,
    TargetGroup,
    Theme,
)

_sequence = itertools.count(1)


def _next():
    return next(_sequence)


def make_country(**fields):
    n = _next()
    code = fields.pop("code", f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    defaults = {
        "name_en": f"Country {n}",
        "name_es": f"País {n}",
        "slug": f"country-{n}",
        "subregion": SubRegion.CENTRAL_AMERICA,
    }
    return Country.objects.create(code=code, **{**defaults, **fields})


def make_vocabulary(model, **fields):
    n = _next()
    defaults = {"name_en": f"{model.__name__} {n}", "name_es": f"Término {n}", "slug": f"term-{n}"}
    return model.objects.create(**{**defaults, **fields})


def make_theme(**fields):
    return make_vocabulary(Theme, **fields)


def make_programme_kind(**fields):
    return make_vocabulary(ProgrammeKind, **fields)


def make_actor_type(**fields):
    return make_vocabulary(ActorType, **fields)


def make_target_group(**fields):
    return make_vocabulary(TargetGroup, **fields)


def make_actor(**fields):
    n = _next()
    if "actor_type" not in fields:
        fields["actor_type"] = make_actor_type()
    defaults = {"name_en": f"Agency {n}", "name_es": f"Agencia {n}"}
    return Actor.objects.create(**{**defaults, **fields})


def make_source(**fields):
    n = _next()
    defaults = {
        "title_en": f"Report {n}",
        "title_es": f"Informe {n}",
        "publisher_en": "International Organization for Migration (IOM)",
        "publisher_es": "Organización Internacional para las Migraciones (OIM)",
        "document": f"report-{n}.pdf",
    }
    return Source.objects.create(**{**defaults, **fields})


def make_programme(*, sources=None, **fields):
    n = _next()
    defaults = {
        "name_en": f"Regularization programme {n}",
        "name_es": f"Programa de regularización {n}",
        "summary_en": "A programme to regularize migrants.",
        "summary_es": "Un programa para regularizar a personas migrantes.",
        "status": Status.PUBLISHED,
    }
    if "kind" not in fields:
        fields["kind"] = make_programme_kind()
    if "country" not in fields:
        fields["country"] = make_country()
    programme = Programme.objects.create(**{**defaults, **fields})
    programme.sources.set(sources or [make_source()])
    return programme


def make_practice(
    *, countries=None, themes=None, sources=None, actors=(), target_groups=(), **fields
):
    n = _next()
    defaults = {
        "title_en": f"Good practice {n}",
        "title_es": f"Buena práctica {n}",
        "summary_en": "Local authorities help migrants regularize their status.",
        "summary_es": "Las autoridades locales ayudan a regularizar a las personas migrantes.",
        "description_en": "A description of the practice.",
        "description_es": "Una descripción de la práctica.",
        "level": Level.NATIONAL,
        "status": Status.PUBLISHED,
        "published_at": timezone.now(),
    }
    practice = Practice.objects.create(**{**defaults, **fields})
    practice.countries.set(countries or [make_country()])
    practice.themes.set(themes or [make_theme()])
    practice.sources.set(sources or [make_source()])
    practice.actors.set(actors)
    practice.target_groups.set(target_groups)
    return practice
