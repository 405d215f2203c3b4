"""The OpenAPI 3.1 document of the Open Referral UK API, served at /directory/api/openapi.json.

Written by hand after the Open Referral UK profile's own document (its paths, operation ids and
page envelope), for the parameters we support. The record schemas are the profile's compiled
JSON Schemas, unchanged (``oruk_schema/``); OpenAPI 3.1 takes JSON Schema 2020-12 as it is, so
they go into ``components/schemas`` without conversion. Errors are documented too: every error
is a JSON object ``{"error": "..."}``, and every response carries
``Access-Control-Allow-Origin: *``.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from . import oruk
from .models import WEEKDAY_NAMES

SCHEMA_FOLDER = Path(__file__).resolve().parent / "oruk_schema"
#: The profile's schemas we serve, by the name they have under ``components/schemas``.
ORUK_SCHEMAS = ("service", "service_list", "service_at_location", "service_at_location_list")
MAX_PAGE = 999_999_999  # nine digits: the API refuses longer numbers


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str, *, headers: dict | None = None) -> dict:
    return {
        "description": description,
        "headers": {"Access-Control-Allow-Origin": {"$ref": "#/components/headers/AnyOrigin"}}
        | (headers or {}),
        "content": {"application/json": {"schema": schema}},
    }


def _error(description: str) -> dict:
    return {"$ref": f"#/components/responses/{description}"}


def _page_of(item: str) -> dict:
    return {
        "allOf": [
            _ref("Page"),
            {
                "type": "object",
                "required": ["contents"],
                "properties": {"contents": {"type": "array", "items": _ref(item)}},
            },
        ]
    }


def _list(operation_id: str, summary: str, item: str, parameters: list[str]) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in parameters],
            "responses": {
                "200": _json(_page_of(item), "One page of the list."),
                "400": _error("BadParameter"),
            },
        }
    }


def _detail(operation_id: str, summary: str, what: str, schema: str) -> dict:
    return {
        "parameters": [
            {
                "in": "path",
                "name": "id",
                "required": True,
                "description": f"The id (a UUID) of the {what}.",
                "schema": {"type": "string", "format": "uuid"},
            }
        ],
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "responses": {
                "200": _json(_ref(schema), f"The {what}."),
                "404": _error("NotFound"),
            },
        },
    }


def _query(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


PARAMETERS = {
    "search": _query(
        "search",
        "Words to find in a service's name and description (the first 200 characters count).",
        {"type": "string"},
    ),
    "page": _query(
        "page",
        "The page to return, from 1. A number past the last page gives the last page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    ),
    "per_page": _query(
        "per_page",
        "How many items a page holds, 1 to 100.",
        {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
    ),
    "taxonomy_term_id": _query(
        "taxonomy_term_id",
        "Only services in this category (or one beneath it) or carrying this Budget Circle fact.",
        {"type": "string", "format": "uuid"},
    ),
    "taxonomy_id": _query(
        "taxonomy_id",
        "Only services whose category belongs to this taxonomy; for terms, only its terms.",
        {"type": "string", "format": "uuid"},
    ),
    "modified_after": _query(
        "modified_after",
        "Only services changed at or after this moment (a date alone means its midnight).",
        {"type": "string", "format": "date-time"},
    ),
    "day": _query(
        "day",
        "Only services running on this day: MO, TU, WE, TH, FR, SA or SU (a day's name in "
        "English, like Monday, works too).",
        {"type": "string", "enum": list(WEEKDAY_NAMES)},
    ),
    "postcode": _query(
        "postcode",
        "Only services covering this UK postcode or postcode district, like OX4 1AA or OX4.",
        {"type": "string"},
    ),
}

TAXONOMY = {
    "type": "object",
    "title": "Taxonomy",
    "description": "A taxonomy (HSDS 3.0 `taxonomy`), with its terms on /taxonomies/{id}.",
    "required": ["id", "name", "description"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "uri": {"type": "string", "format": "uri"},
        "version": {"type": "string"},
        "taxonomy_terms": {"type": "array", "items": _ref("taxonomy_term")},
    },
}

PAGE = {
    "type": "object",
    "description": "The page envelope of every list.",
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
    ],
    "properties": {
        "total_items": {"type": "integer", "minimum": 0},
        "total_pages": {"type": "integer", "minimum": 1},
        "page_number": {"type": "integer", "minimum": 1},
        "size": {"type": "integer", "minimum": 0},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
    },
}

ERROR = {
    "type": "object",
    "description": "What went wrong, in words.",
    "required": ["error"],
    "properties": {"error": {"type": "string", "minLength": 1}},
}

API_INFO = {
    "type": "object",
    "required": ["version", "profile", "openapi_url"],
    "properties": {
        "version": {"type": "string", "description": "HSDS version of this API."},
        "profile": {"type": "string", "format": "uri"},
        "openapi_url": {"type": "string", "format": "uri"},
    },
}


def _load(name: str) -> dict:
    return json.loads((SCHEMA_FOLDER / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Budget Circle directory: Open Referral UK API",
            "version": oruk.HSDS_VERSION,
            "description": (
                "Read-only and anonymous: GET and HEAD (OPTIONS answers a browser's preflight). "
                "The services anyone can find on Budget Circle, as Open Referral UK v3 (the UK "
                "profile of HSDS 3.0). Every response, errors included, is JSON and carries "
                '`Access-Control-Allow-Origin: *`; an error is `{"error": "..."}` saying '
                "what went wrong. Any other method gets a 405 naming the allowed ones. The "
                "record schemas are the Open Referral UK profile's own (Creative Commons "
                "Attribution Share-Alike 4.0, the Open Referral project)."
            ),
        },
        "paths": {
            "/": {
                "get": {
                    "operationId": "getAPIMetaInformation",
                    "summary": "This API and its relationship with HSDS.",
                    "responses": {"200": _json(_ref("ApiInfo"), "About this API.")},
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenAPIDocument",
                    "summary": "This document.",
                    "responses": {
                        "200": _json(
                            {"type": "object", "required": ["openapi", "info", "paths"]},
                            "The OpenAPI document of this API.",
                        )
                    },
                }
            },
            "/services": _list(
                "getPaginatedListOfServices",
                "Services, by name, with their one-to-one fields.",
                "service_list",
                [
                    "search",
                    "page",
                    "per_page",
                    "taxonomy_term_id",
                    "taxonomy_id",
                    "modified_after",
                    "day",
                    "postcode",
                ],
            ),
            "/services/{id}": _detail(
                "getFullyNestedServiceById",
                "One service with everything related to it.",
                "service",
                "service",
            ),
            "/taxonomies": _list(
                "getPaginatedListOfTaxonomies",
                "Taxonomies, by name.",
                "taxonomy",
                ["page", "per_page"],
            ),
            "/taxonomies/{id}": _detail(
                "getTaxonomyById", "One taxonomy with its terms.", "taxonomy", "taxonomy"
            ),
            "/taxonomy_terms": _list(
                "getPaginatedListOfTaxonomyTerms",
                "Taxonomy terms, by taxonomy and name.",
                "taxonomy_term",
                ["page", "per_page", "taxonomy_id"],
            ),
            "/taxonomy_terms/{id}": _detail(
                "getTaxonomyTermById", "One taxonomy term.", "taxonomy term", "taxonomy_term"
            ),
            "/service_at_locations": _list(
                "getPaginatedListOfServiceAtLocation",
                "Services at their venues (a service delivered only at home has none).",
                "service_at_location_list",
                ["page", "per_page", "day", "postcode"],
            ),
            "/service_at_locations/{id}": _detail(
                "getServiceAtLocationWithNestedDataById",
                "One service at one venue.",
                "service at location",
                "service_at_location",
            ),
        },
        "components": {
            "schemas": {
                "ApiInfo": API_INFO,
                "Page": PAGE,
                "Error": ERROR,
                "taxonomy": TAXONOMY,
                # The profile defines a term inside a service's attributes; we point there.
                "taxonomy_term": {
                    "$ref": "#/components/schemas/service/properties/attributes/items"
                    "/properties/taxonomy_term"
                },
            }
            | {name: _load(name) for name in ORUK_SCHEMAS},
            "parameters": PARAMETERS,
            "headers": {
                "AnyOrigin": {
                    "description": "Any web page may read the response.",
                    "required": True,
                    "schema": {"type": "string", "const": "*"},
                }
            },
            "responses": {
                "BadParameter": _json(
                    _ref("Error"), "A parameter we cannot use; the error says which and why."
                ),
                "NotFound": _json(_ref("Error"), "Nothing published has that id."),
            },
        },
    }


def document(api_root: str) -> dict:
    """The document, with ``api_root`` (the absolute URL of /directory/api/) as its server."""
    served = copy.copy(_document())
    served["servers"] = [{"url": api_root.rstrip("/")}]
    return served
