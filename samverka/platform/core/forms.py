"""Form helpers every app shares: a service's ValidationError shown on the form, a field for several files,
a select rendered (and optionally cached) as a string."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.forms.forms import BaseForm
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


def add_service_error(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on its field when the form has it, else on top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that lets the user pick several files at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files, each cleaned like a single ``FileField``; the cleaned value is a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class FastSelect(forms.Select):
    """A single ``<select>`` whose options are built as a string, not through a template per option.

    With ``cache_key`` and ``version`` (a callable returning a string that changes when the choices
    change) the option list is kept in the default cache per language: the rendered list of a
    290-municipality dropdown is then read from the cache, and its queryset never runs. The chosen
    value is marked ``selected`` on the cached text, so one user's choice never reaches another.
    Flat choices only (no option groups); the markup is what ``forms.Select`` renders.
    """

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        cache_key: str = "",
        version: Callable[[], str] | None = None,
        timeout: int | None = 3600,
    ) -> None:
        super().__init__(attrs, choices)
        self.cache_key, self.version, self.timeout = cache_key, version, timeout

    def _options(self) -> str:
        return "".join(format_html('<option value="{}">{}</option>\n', value, label) for value, label in self.choices)

    def options_html(self) -> str:
        """The unselected option list, from the cache when the widget has a key."""
        if not self.cache_key or self.version is None:
            return self._options()
        key = f"select-options:{self.cache_key}:{self.version()}:{get_language()}"
        options = cache.get(key)
        if options is None:
            options = self._options()
            cache.set(key, options, self.timeout)
        return str(options)

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        options = self.options_html()
        for chosen in self.format_value(value)[:1]:
            marker = format_html('<option value="{}">', chosen)
            options = options.replace(marker, marker[:-1] + " selected>", 1)
        final_attrs = self.build_attrs(self.attrs, attrs)
        return mark_safe(  # noqa: S308 - every part is escaped by format_html/flatatt above
            format_html('<select name="{}"{}>\n', name, flatatt(final_attrs)) + options + "</select>"
        )
