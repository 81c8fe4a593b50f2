from modeltranslation.translator import TranslationOptions, register

from .models import Source


class VocabularyTranslationOptions(TranslationOptions):
    """For every concrete Vocabulary: its label is required in the default language."""

    fields = ("name", "description")
    required_languages = {"default": ("name",)}


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title", "publisher", "note")
    required_languages = {"default": ("title", "publisher")}
