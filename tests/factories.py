"""Small factories: each builds a valid, published entry in both languages."""

import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from countries.models import Country, SubRegion
from editorial.models import EditorScope, Source, Status
from editorial.roles import EDITORS, REVIEWERS
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
from recommendations.models import Addressee, Forum, Recommendation

_sequence = itertools.count(1)


def _next():
    return next(_sequence)


def make_country(**fields):
    n = _next()
    code = fields.pop("code", None) or unused_code(n)
    defaults = {
        "name_en": f"Country {n}",
        "name_es": f"País {n}",
        "slug": f"country-{n}",
        "subregion": SubRegion.CENTRAL_AMERICA,
    }
    return Country.objects.create(code=code, **{**defaults, **fields})


def unused_code(n):
    """A two-letter code from the sequence that no country has: modules with the real content
    loaded hold Belize's BZ, Panama's PA…"""
    taken = set(Country.objects.values_list("code", flat=True))
    while (code := f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}") in taken:
        n += 1
    return code


def make_staff(group=REVIEWERS, *, countries=()):
    """A member of staff in one of the editorial groups, limited to `countries` if given."""
    n = _next()
    user = get_user_model().objects.create_user(
        f"staff-{n}", f"staff-{n}@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    if countries:
        EditorScope.objects.create(user=user).countries.set(countries)
    return user


def make_editor(**scope):
    return make_staff(EDITORS, **scope)


def make_reviewer(**scope):
    return make_staff(REVIEWERS, **scope)


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
    *,
    countries=None,
    themes=None,
    sources=None,
    actors=(),
    target_groups=(),
    compact_objectives=(),
    **fields,
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
    practice.compact_objectives.set(compact_objectives)
    return practice


def make_forum(*, countries=(), practices=(), **fields):
    defaults = {
        "name_en": "Forum on integration",
        "name_es": "Foro sobre integración",
        "summary_en": "Countries met.",
        "summary_es": "Los países se reunieron.",
        "status": Status.PUBLISHED,
        "start_date": date(2022, 8, 4),
        "end_date": date(2022, 8, 5),
    }
    forum = Forum.objects.create(**{**defaults, **fields})
    forum.countries.set(countries)
    forum.practices.set(practices)
    forum.sources.set([make_source()])
    return forum


def make_recommendation(*, addressees=None, themes=None, countries=(), practices=(), **fields):
    defaults = {
        "title_en": "Issue documents swiftly",
        "title_es": "Agilizar la emisión de documentos",
        "text_en": "Promote swift document issuance.",
        "text_es": "Promover procesos ágiles de emisión de documentos.",
        "status": Status.PUBLISHED,
    }
    recommendation = Recommendation.objects.create(**{**defaults, **fields})
    recommendation.addressees.set(addressees or [make_vocabulary(Addressee)])
    recommendation.themes.set(themes or [make_theme()])
    recommendation.countries.set(countries)
    recommendation.practices.set(practices)
    recommendation.sources.set([make_source()])
    return recommendation
