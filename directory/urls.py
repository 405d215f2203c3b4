from django.urls import path

from . import api, views

app_name = "directory"

urlpatterns = [
    path("", views.find_support, name="find"),
    path("new/", views.new_listing, name="new"),
    path("mine/", views.my_listings, name="mine"),
    # Open Referral UK API
    path("api/", api.root, name="api_root"),
    path("api/openapi.json", api.openapi_document, name="api_openapi"),
    path("api/services", api.services, name="api_services"),
    path("api/services/<uuid:service_id>", api.service_detail, name="api_service"),
    path("api/taxonomies", api.taxonomies, name="api_taxonomies"),
    path("api/taxonomies/<uuid:taxonomy_id>", api.taxonomy_detail, name="api_taxonomy"),
    path("api/taxonomy_terms", api.taxonomy_terms, name="api_taxonomy_terms"),
    path("api/taxonomy_terms/<uuid:term_id>", api.taxonomy_term_detail, name="api_taxonomy_term"),
    path("api/service_at_locations", api.service_at_locations, name="api_service_at_locations"),
    path(
        "api/service_at_locations/<uuid:link_id>",
        api.service_at_location_detail,
        name="api_service_at_location",
    ),
    # Anything else under api/ is a JSON 404, not a redirect to an HTML page.
    path("api/<path:rest>", api.unknown_path, name="api_unknown"),
    # A listing, and what its provider and visitors do with it
    path("<slug:slug>/", views.listing_page, name="listing"),
    path("<slug:slug>/enquire/", views.enquire, name="enquire"),
    path("<slug:slug>/claim/", views.claim, name="claim"),
    path("<slug:slug>/edit/", views.edit_listing, name="edit"),
    path("<slug:slug>/confirm/", views.confirm_listing, name="confirm"),
    path("<slug:slug>/services/new/", views.edit_service, name="new_service"),
    path("<slug:slug>/services/<uuid:service_id>/", views.edit_service, name="edit_service"),
]
