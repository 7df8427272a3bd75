from django.contrib import admin

from samverka.platform.core.models import County, Municipality


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Municipality)
class MunicipalityAdmin(CountyAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
