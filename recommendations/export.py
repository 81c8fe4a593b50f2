"""Open data for policy recommendations, with the same conventions as practices."""

from editorial.export import export_records, names, timestamp

RECOMMENDATION_FIELDS = [
    "id",
    "url",
    "title",
    "text",
    "addressed_to",
    "horizon",
    "themes",
    "whole_region",
    "countries",
    "country_codes",
    "illustrated_by",
    "forum",
    "sources",
    "published_at",
    "updated_at",
]


def recommendation_record(recommendation, request):
    return {
        "id": recommendation.pk,
        "url": request.build_absolute_uri(recommendation.get_absolute_url()),
        "title": recommendation.title,
        "text": recommendation.text,
        "addressed_to": names(recommendation.addressees),
        "horizon": str(recommendation.get_horizon_display()),
        "themes": names(recommendation.themes),
        "whole_region": recommendation.whole_region,
        "countries": names(recommendation.countries),
        "country_codes": [country.code for country in recommendation.countries.all()],
        "illustrated_by": [
            request.build_absolute_uri(practice.get_absolute_url())
            for practice in recommendation.published_practices
        ],
        "forum": str(forum) if (forum := recommendation.public_forum) else None,
        "sources": names(recommendation.sources),
        "published_at": timestamp(recommendation.published_at),
        "updated_at": timestamp(recommendation.updated_at),
    }


def export_recommendations(recommendations, request, fmt):
    records = (recommendation_record(item, request) for item in recommendations)
    return export_records(records, RECOMMENDATION_FIELDS, "recommendations", fmt)
