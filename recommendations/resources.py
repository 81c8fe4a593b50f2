from countries.models import Country
from editorial.models import Source
from editorial.resources import EditorialResource, listed, related
from practices.models import Actor, Practice, Theme

from .models import Addressee, Forum, Recommendation


class ForumResource(EditorialResource):
    organisers = listed("organisers", Actor, "pk")
    countries = listed("countries", Country, "code")
    practices = listed("practices", Practice, "pk")
    sources = listed("sources", Source, "pk")

    class Meta:
        model = Forum
        fields = (
            "id",
            "name_en",
            "name_es",
            "summary_en",
            "summary_es",
            "conclusions_en",
            "conclusions_es",
            "place_en",
            "place_es",
            "start_date",
            "end_date",
            "organisers",
            "countries",
            "practices",
            "sources",
            "status",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class RecommendationResource(EditorialResource):
    required_lists = ("addressees", "themes", "sources")

    addressees = listed("addressees", Addressee, "slug")
    themes = listed("themes", Theme, "slug")
    countries = listed("countries", Country, "code")
    practices = listed("practices", Practice, "pk")
    forum = related("forum", Forum, "pk")
    sources = listed("sources", Source, "pk")

    class Meta:
        model = Recommendation
        fields = (
            "id",
            "title_en",
            "title_es",
            "text_en",
            "text_es",
            "addressees",
            "horizon",
            "themes",
            "whole_region",
            "countries",
            "practices",
            "forum",
            "forum_role",
            "speaker_en",
            "speaker_es",
            "sources",
            "status",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
