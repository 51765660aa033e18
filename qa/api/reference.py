"""The API's front doors: the JSON root at /api/v1/ and the readable reference at /api/.

The reference is the OpenAPI schema drf-spectacular generates, read server-side into a plain page
(every endpoint, its methods, parameters and what it answers), so it works without JavaScript and
under the hub's strict Content Security Policy. Swagger UI (from drf-spectacular-sidecar, served by
the hub itself) adds "try it out" on top when JavaScript runs.
"""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

METHODS = ("get", "post", "put", "patch", "delete")
ROOT_LINKS = {"questions": "qa:api_questions", "tags": "qa:api_tags"}


@dataclass
class Operation:
    method: str
    summary: str
    parameters: list[dict] = field(default_factory=list)
    needs_sign_in: bool = False
    responses: list[str] = field(default_factory=list)


@dataclass
class Endpoint:
    path: str
    operations: list[Operation]


class ApiRoot(APIView):
    """Where the API starts: links to its collections, the schema and the readable reference."""

    @extend_schema(exclude=True)
    def get(self, request):
        links = {name: request.build_absolute_uri(reverse(url_name)) for name, url_name in ROOT_LINKS.items()}
        # Addresses that need a value: {placeholders}, as in the reference.
        links["comments"] = request.build_absolute_uri(reverse("qa:api_comments")) + "?question={id}"
        links["ratings"] = request.build_absolute_uri(reverse("qa:api_ratings")) + "?member={username}"
        links["member"] = request.build_absolute_uri(reverse("qa:api_member", args=["USERNAME"])).replace(
            "USERNAME", "{username}"
        )
        links["schema"] = request.build_absolute_uri(reverse("qa:api_schema"))
        links["reference"] = request.build_absolute_uri(reverse("qa:api_reference"))
        return Response(links)


def _operation(method: str, spec: dict) -> Operation:
    return Operation(
        method=method.upper(),
        summary=(spec.get("description") or spec.get("summary") or "").strip(),
        parameters=[
            {
                "name": p["name"],
                "where": p["in"],
                "required": p.get("required", False),
                "about": p.get("description", ""),
            }
            for p in spec.get("parameters", [])
        ],
        needs_sign_in=method != "get",
        responses=sorted(spec.get("responses", {})),
    )


def endpoints() -> list[Endpoint]:
    schema = SchemaGenerator(urlconf="qa.api.v1_urls").get_schema(request=None, public=True)
    return [
        Endpoint(path, [_operation(method, spec) for method, spec in item.items() if method in METHODS])
        for path, item in sorted(schema["paths"].items())
    ]


def reference(request):
    """The API reference page, in the hub's own look."""
    return render(request, "qa/api_reference.html", {"endpoints": endpoints()})
