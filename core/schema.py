"""OpenAPI additions shared by every endpoint (drf-spectacular hooks)."""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error has this body.",
    "properties": {
        "code": {"type": "string", "example": "invalid"},
        "detail": {"type": "string"},
        "fields": {
            "type": "object",
            "description": "Messages per input field (400 only).",
            "additionalProperties": True,
        },
    },
    "required": ["code", "detail", "fields"],
}

ERROR_STATUSES = {
    "400": "Invalid input: `fields` has the messages.",
    "401": "Not authenticated.",
    "403": "Not allowed for this user.",
    "404": "Not found.",
    "409": "Conflicts with the current state (for example an order action that does not fit its status).",
    "429": "Too many requests (throttled or locked out).",
}


def add_error_responses(result, generator, request, public):
    """Document the error statuses every operation may answer, with the shared error body."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(
                    status, {"description": description, "content": {"application/json": {"schema": reference}}}
                )
    return result
