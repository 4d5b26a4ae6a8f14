"""The web explorer (``warlog serve``, extra ``warlog[web]``): the events of a store on a list, a timeline
and a map, each event with its claims ledger beside the article's text, and a JSON API, read-only.

    >>> from warlog import store, web
    >>> app = web.create_app(store.open_for_reading("warlog.db"))   # any ASGI server runs it
"""
from __future__ import annotations

from ..store import Store


def create_app(store: Store):
    """The ASGI application over ``store``; MissingExtra when the ``web`` extra is not installed."""
    from .app import build

    return build(store)


def serve(store: Store, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the explorer over ``store`` with uvicorn until interrupted."""
    app = create_app(store)
    try:
        import uvicorn
    except ImportError:
        from ..errors import MissingExtra

        raise MissingExtra("the web explorer needs uvicorn: pip install 'warlog[web]'") from None
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
