from modeltranslation.translator import TranslationOptions, register

from .models import (
    Actor,
    ActorType,
    Practice,
    Programme,
    ProgrammeKind,
    Source,
    TargetGroup,
    Theme,
)


class VocabularyTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": ("name",)}


for vocabulary in (Theme, ProgrammeKind, ActorType, TargetGroup):
    register(vocabulary)(VocabularyTranslationOptions)


@register(Actor)
class ActorTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "es")


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title", "publisher", "note")
    required_languages = {"default": ("title", "publisher")}


# Drafts may be written in one language first; publishing requires both (Editorial.clean).
@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "legal_basis", "eligibility", "responsible_institution")


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "results", "lessons_learned")
