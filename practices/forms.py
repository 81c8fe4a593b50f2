from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from countries.models import Country
from editorial.filters import languages, url_word
from editorial.views import printable

from .models import Level, Theme

MAX_COMPARED = 4
# The largest id a database row can have (a signed 64-bit integer): a larger number names none.
LARGEST_ID = 2**63 - 1


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("Name of the practice"), max_length=250)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences: what was done, by whom, for whom."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How it works, its results and what others can learn from it."),
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, widget=forms.RadioSelect)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    source_url = forms.URLField(
        label=_("Link to a report or web page about it"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    name = forms.CharField(label=_("Your name"), max_length=150)
    # The column's length: Django's form field alone would pass 320 characters to it.
    email = forms.EmailField(label=_("Your e-mail"), max_length=254)
    organisation = forms.CharField(label=_("Your organisation"), max_length=200, required=False)
    # Left empty by people; bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = Country.objects.by_name()

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


# Translators: a word of web addresses: lower-case letters, no spaces or accents.
PROGRAMME = pgettext_lazy("URL parameter", "programme")


def programme_parameter(language=None):
    """How addresses in `language` (the page's by default) name a programme to compare."""
    return url_word(PROGRAMME, language or get_language())


def chosen_programmes(query):
    """The programme numbers `query` names to compare, written in either language's words, so
    a link keeps working whichever language it was shared in."""
    return [value for code in languages() for value in query.getlist(programme_parameter(code))]


class ProgrammeNumbers(forms.MultipleChoiceField):
    """Lets every submitted value through, so the form can say which ones it could not use."""

    def valid_value(self, value):
        return True


class CompareForm(forms.Form):
    """The programmes to compare, by number; unknown numbers and extras become notices."""

    programme = ProgrammeNumbers(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, data, *, programmes):
        super().__init__(data)
        self.choices = programmes
        self.problems = []

    def clean_programme(self):
        numbers = []
        for value in self.cleaned_data["programme"]:
            # isdigit() alone accepts "²", which int() refuses.
            if not (value.isascii() and value.isdigit()):
                self.problems.append(
                    _("“%(value)s” is not a programme number.") % {"value": printable(value, 40)}
                )
            elif int(value) not in numbers:
                numbers.append(int(value))
        if len(numbers) > MAX_COMPARED:
            self.problems.append(
                _("At most %(n)s programmes can be compared; showing the first %(n)s.")
                % {"n": MAX_COMPARED}
            )
            numbers = numbers[:MAX_COMPARED]
        return numbers

    @property
    def selected(self):
        return set(self.cleaned_data.get("programme", []))

    def compared(self, published):
        """The chosen published programmes, in the order asked for."""
        numbers = self.cleaned_data.get("programme", [])
        possible = [number for number in numbers if number <= LARGEST_ID]
        found = {programme.pk: programme for programme in published.filter(pk__in=possible)}
        if missing := [number for number in numbers if number not in found]:
            self.problems.append(
                _("No published programme has the number %(numbers)s.")
                % {"numbers": ", ".join(map(str, missing))}
            )
        return [found[number] for number in numbers if number in found]
