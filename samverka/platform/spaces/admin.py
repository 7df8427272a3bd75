from django.contrib import admin

from samverka.platform.spaces.models import Space, SpaceMembership


class SpaceMembershipInline(admin.TabularInline):
    model = SpaceMembership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    """Platform admins create spaces here; everything inside a space is run from the space's own pages."""

    list_display = ["name", "slug", "kind", "county"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpaceMembershipInline]
