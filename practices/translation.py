from modeltranslation.translator import TranslationOptions, register

from editorial.translation import VocabularyTranslationOptions

from .models import (
    Actor,
    ActorType,
    CompactObjective,
    Practice,
    Programme,
    ProgrammeKind,
    TargetGroup,
    Theme,
)

for vocabulary in (Theme, ProgrammeKind, ActorType, TargetGroup):
    register(vocabulary)(VocabularyTranslationOptions)


@register(CompactObjective)
class CompactObjectiveTranslationOptions(VocabularyTranslationOptions):
    fields = (*VocabularyTranslationOptions.fields, "short_name")
    required_languages = {"default": ("name", "short_name")}


@register(Actor)
class ActorTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "es")


# Drafts may be written in one language first; publishing requires both (Editorial.clean).
@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "legal_basis", "eligibility", "responsible_institution")


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "results", "lessons_learned")
