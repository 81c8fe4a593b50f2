from import_export import fields, widgets

from countries.models import Country
from practices.models import Actor, Practice, Source, Theme
from practices.resources import EditorialResource, many

from .models import Addressee, Forum, Recommendation


class ForumResource(EditorialResource):
    organisers = fields.Field(attribute="organisers", column_name="organisers",
                              widget=many(Actor, "pk"))  # fmt: skip
    countries = fields.Field(attribute="countries", column_name="countries",
                             widget=many(Country, "code"))  # fmt: skip
    practices = fields.Field(attribute="practices", column_name="practices",
                             widget=many(Practice, "pk"))  # fmt: skip
    sources = fields.Field(attribute="sources", column_name="sources", widget=many(Source, "pk"))

    class Meta:
        model = Forum
        fields = (
            "id", "name_en", "name_es", "summary_en", "summary_es", "conclusions_en",
            "conclusions_es", "place_en", "place_es", "start_date", "end_date", "organisers",
            "countries", "practices", "sources", "status",
        )  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class RecommendationResource(EditorialResource):
    required_lists = ("addressees", "themes", "sources")

    addressees = fields.Field(attribute="addressees", column_name="addressees",
                              widget=many(Addressee, "slug"))  # fmt: skip
    themes = fields.Field(attribute="themes", column_name="themes", widget=many(Theme, "slug"))
    countries = fields.Field(attribute="countries", column_name="countries",
                             widget=many(Country, "code"))  # fmt: skip
    practices = fields.Field(attribute="practices", column_name="practices",
                             widget=many(Practice, "pk"))  # fmt: skip
    forum = fields.Field(attribute="forum", column_name="forum",
                         widget=widgets.ForeignKeyWidget(Forum, field="pk"))  # fmt: skip
    sources = fields.Field(attribute="sources", column_name="sources", widget=many(Source, "pk"))

    class Meta:
        model = Recommendation
        fields = (
            "id", "title_en", "title_es", "text_en", "text_es", "addressees", "horizon",
            "themes", "whole_region", "countries", "practices", "forum", "sources", "status",
        )  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
