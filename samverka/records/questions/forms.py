"""Forms for raising and handling questions; the rules live in the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.bodies.models import Body
from samverka.records.questions.models import QuestionKind


class QuestionForm(forms.Form):
    to_body = forms.ModelChoiceField(
        label=_("To"), queryset=Body.objects.none(), help_text=_("The body that should answer or deliver.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices, initial=QuestionKind.QUESTION)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Question or order"), widget=forms.Textarea(attrs={"rows": 6}))
    due_on = forms.DateField(
        label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("When an answer is needed.")
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = bodies


class TextForm(forms.Form):
    """The answer, the delivery, or the reason for escalating or withdrawing."""

    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args: Any, label: Any = None, required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["text"].label = label
        self.fields["text"].required = required
