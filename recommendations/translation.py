from modeltranslation.translator import TranslationOptions, register

from editorial.translation import VocabularyTranslationOptions

from .models import Addressee, Forum, Recommendation

register(Addressee)(VocabularyTranslationOptions)


# Drafts may be written in one language first; publishing requires both (Editorial.clean).
@register(Forum)
class ForumTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "conclusions", "place")


@register(Recommendation)
class RecommendationTranslationOptions(TranslationOptions):
    fields = ("title", "text", "speaker")
