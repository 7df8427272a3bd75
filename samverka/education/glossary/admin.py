"""The glossary in the admin site: platform admins keep the terms; every write goes through ``services``."""

from typing import Any

from django.contrib import admin

from samverka.education.glossary import services
from samverka.education.glossary.models import Definition, Term, Topic


class _EditorsOnly:
    def has_module_permission(self, request: Any) -> bool:
        return bool(request.user.has_perm("glossary.edit_glossary"))

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return self.has_module_permission(request)


class DefinitionInline(_EditorsOnly, admin.StackedInline):
    model = Definition
    extra = 1
    fields = ["source", "source_url", "text_sv", "text_en", "position"]


@admin.register(Term)
class TermAdmin(_EditorsOnly, admin.ModelAdmin):
    list_display = ["term_sv", "term_en", "abbreviation"]
    list_filter = ["topics"]
    search_fields = ["term_sv", "term_en", "abbreviation"]
    filter_horizontal = ["topics"]
    inlines = [DefinitionInline]

    def save_model(self, request: Any, obj: Term, form: Any, change: bool) -> None:
        services.term_save(term=obj, actor=request.user)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        services.term_set_topics(term=form.instance, actor=request.user, topics=form.cleaned_data["topics"])
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        for definition in formset.save(commit=False):
            services.definition_save(definition=definition, actor=request.user)
        for definition in formset.deleted_objects:
            services.definition_delete(definition=definition, actor=request.user)

    def delete_model(self, request: Any, obj: Term) -> None:
        services.term_delete(term=obj, actor=request.user)


@admin.register(Topic)
class TopicAdmin(_EditorsOnly, admin.ModelAdmin):
    list_display = ["slug", "name_sv", "name_en", "position"]
