def register_routes(router) -> None:
    """Register this app's API resources on the shared router (config/api_urls.py)."""
