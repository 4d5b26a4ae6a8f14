"""The explorer's ASGI application (Starlette): pages, the JSON API and downloads, read-only over one store.

Article text is data: the templates escape every value (Jinja's autoescape), the scripts build the
page with DOM calls and textContent only, and every answer carries a Content-Security-Policy that runs
no script but the app's own files and lets no HTML be made from a string (Trusted Types).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlencode

try:
    import jinja2
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles
except ImportError as exc:  # pragma: no cover - the web extra is missing
    from ..errors import MissingExtra

    raise MissingExtra(f"the web explorer needs {(exc.name or 'starlette').split('.')[0]}: pip install 'warlog[web]'") from None

from .. import __version__, browse, export
from ..errors import BadArgument, NotFound, WarlogError
from ..store import Store
from . import views

HERE = Path(__file__).parent
log = logging.getLogger("warlog.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
       "require-trusted-types-for 'script'; trusted-types 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-opener-policy", b"same-origin")]
DOCUMENT_FIELDS = ("id", "path", "format", "title", "sha256", "licence", "page_id", "revision_id", "ingested_at")
DOWNLOADS = {"ged-csv": ("text/csv; charset=utf-8", "csv"), "acled-csv": ("text/csv; charset=utf-8", "csv"),
             "geojson": ("application/geo+json", "geojson"), "json": ("application/json", "json")}


class Headers:
    """Adds the security headers to every answer, pages, API, static files and errors alike."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, receive, sending)


def build(store: Store):
    """The application over ``store``, which it only reads."""
    explorer = Explorer(store)
    handlers = {kind: explorer.error for kind in (WarlogError, HTTPException, Exception)}
    return Headers(Starlette(routes=explorer.routes(), exception_handlers=handlers))


class Explorer:
    """The pages and API calls over one store: each method answers one route."""

    def __init__(self, store: Store):
        self.store = store
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals["version"] = __version__

    def routes(self) -> list:
        return [
            Route("/", self.index), Route("/events/{event_id}", self.event_page),
            Route("/api/events", self.api_events), Route("/api/events/{event_id}", self.api_event),
            Route("/api/events/{event_id}/document", self.api_document),
            Route("/api/timeline", self.api_timeline), Route("/api/map", self.api_map),
            Route("/download/{fmt}", self.download),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]

    def page(self, name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)

    def index(self, request: Request):
        from ..event_types import known

        f = views.filters(request.query_params)  # a bad value is said at once, not after the script runs
        q = {k: request.query_params.get(k, "") for k in views.FILTER_PARAMS}
        return self.page("index.html", q=q, types=known(), role=f.role,
                         qs=urlencode({k: v for k, v in q.items() if v}))

    def event_page(self, request: Request):
        eid = request.path_params["event_id"]
        record = self._record(eid)
        doc = browse.document(self.store, eid) or {**dict.fromkeys(DOCUMENT_FIELDS), **record["document"], "text": ""}
        return self.page("event.html", ev=record, doc=doc, ledger=views.ledger(record),
                         runs=views.runs(doc["text"], record.get("claims") or []),
                         neighbours=browse.neighbours(self.store, eid))

    def api_events(self, request: Request):
        p = request.query_params
        offset, size = views.whole("offset", p.get("offset") or None), views.whole("size", p.get("size") or None)
        result = browse.page(self.store, views.filters(p), sort=p.get("sort") or "date",
                             order=p.get("order") or "desc", offset=0 if offset is None else offset,
                             size=50 if size is None else size)
        return JSONResponse(result.to_dict())

    def api_event(self, request: Request):
        return JSONResponse(self._record(request.path_params["event_id"]))

    def api_document(self, request: Request):
        eid = request.path_params["event_id"]
        doc = browse.document(self.store, eid)
        if doc is None:
            raise NotFound("no such event", path=eid)
        return JSONResponse(doc)

    def api_timeline(self, request: Request):
        return JSONResponse(browse.timeline(self.store, views.filters(request.query_params),
                                            by=request.query_params.get("by") or "side"))

    def api_map(self, request: Request):
        return JSONResponse(browse.places(self.store, views.filters(request.query_params)),
                            media_type="application/geo+json")

    def download(self, request: Request):
        fmt = request.path_params["fmt"]
        if fmt not in DOWNLOADS:
            raise NotFound(f"no such download; one of {', '.join(DOWNLOADS)}", path=fmt)
        f = views.filters(request.query_params)
        media, ext = DOWNLOADS[fmt]
        body = json.dumps(export.records(self.store, f), ensure_ascii=False) if fmt == "json" \
            else export.export(self.store, fmt, None, f)
        return Response(body, media_type=media,
                        headers={"content-disposition": f'attachment; filename="warlog-events.{ext}"'})

    def _record(self, event_id: str) -> dict:
        e = self.store.t["events"]
        with self.store.engine.connect() as con:
            record = con.execute(self.store.sa.select(e.c.record).where(e.c.id == event_id)).scalar()
        if record is None:
            raise NotFound("no such event", path=event_id)
        return json.loads(record)

    def error(self, request: Request, exc: Exception) -> Response:
        """The one place where an error becomes an answer: JSON under /api/ and /download/, a page
        elsewhere. A WarlogError says what was wrong; anything else is an internal error, logged here
        and said without its details."""
        status, body = _error_body(request, exc)
        if request.url.path.startswith(("/api/", "/download/")):
            return JSONResponse(body, status_code=status)
        return self.page("error.html", status=status, error=body["error"])


def _error_body(request: Request, exc: Exception) -> tuple[int, dict]:
    if isinstance(exc, HTTPException):
        status, code, reason, param = exc.status_code, "not-found" if exc.status_code == 404 else "http", \
            exc.detail, None
    elif isinstance(exc, WarlogError):
        status = 400 if isinstance(exc, BadArgument) else 404 if isinstance(exc, NotFound) else 500
        code, reason = exc.code, exc.reason
        param = views.parameter(exc) if isinstance(exc, BadArgument) else None
    else:
        log.error("internal error on %s", request.url.path, exc_info=exc)
        status, code, reason, param = 500, "internal", "internal error (please report)", None
    return status, {"error": {"code": code, "reason": reason, "parameter": param, "status": status}}
