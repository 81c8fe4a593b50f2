from modeltranslation.translator import TranslationOptions, register

from .models import Country, KeyFigure


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name", "profile")
    required_languages = {"default": ("name",)}


@register(KeyFigure)
class KeyFigureTranslationOptions(TranslationOptions):
    fields = ("label", "unit", "note")
    required_languages = {"default": ("label",)}
