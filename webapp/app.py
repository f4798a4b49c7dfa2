"""The web app: Starlette routes, read-only database connections (``connection.Reader``: one kept
open while no writer wants the file, else one per request), pages rendered on the server with
Jinja2 (autoescaped), the same content as JSON with ``&format=json``.

Routes (stable, bookmarkable):

- ``/search?q=…&source=…&province=…&person=…&since=…&until=…&page=…`` (``&format=csv``: the results)
- ``/article/<article_id>`` and ``/article/<article_id>/raw`` (the page as it was received);
  ``/article/<article_id>/figure?metric=…&kind=…&period=…&value=…`` sends the reader on to that
  figure's sentence (the series page's links to reports it did not look up)
- ``/person?name=…``
- ``/series?province=…&metric=…`` (``&format=csv``: every report)

What keeps it safe: the database is opened read-only, and given up as soon as a writer asks for
it (a crawl can write between requests); every query is parameterised; every text is escaped by
the templates and the charts (``charts.py``); the pages run no script at all, and the
Content-Security-Policy says so (an injected ``<script>`` could not run even if it got through); a
stored page is served as plain text or in a sandbox; nothing takes SQL from the user.
"""
from __future__ import annotations

import datetime as dt
import re
import time
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from warehouse.db import WarehouseError

from . import charts, data, labels, searching
from .connection import Reader

PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
            "frame-ancestors 'none'")
# a stored page is someone else's HTML: shown without scripts, styles from elsewhere or requests
RAW_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
ARTICLE_ID = re.compile(r"[0-9a-f]{16}")
MAX_PARAM = 500  # characters of a query parameter


class BadRequest(Exception):
    """A parameter the page cannot use; shown as a 400 page that says which."""


class SecurityHeaders:
    """ASGI middleware: every response says what the browser may do with it (unless it set its
    own policy, as the stored-page view does), and how long the server took (Server-Timing)."""

    HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
               (b"x-frame-options", b"DENY")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        started = time.perf_counter()
        timing = scope["timing"] = {}

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                # the server's own time (what benchmarks/webapp_speed.py reads), and of it the
                # opening of the database
                spent = f"app;dur={1000 * (time.perf_counter() - started):.2f}"
                if "open_ms" in timing:
                    spent += f", db-open;dur={timing['open_ms']:.2f}"
                headers.append((b"server-timing", spent.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _templates() -> Environment:
    folder = resources.files("webapp").joinpath("templates")
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(labels=labels, snippet_parts=searching.snippet_parts)
    env.filters["number"] = labels.number
    env.filters["day"] = labels.day
    return env


def create_app(db, *, allowed_hosts: list[str] | None = None, keep_open: bool = True) -> Starlette:
    """The app over the warehouse at ``db``. ``allowed_hosts``: the Host headers it answers
    (the server names it for a loopback address, so that a web page elsewhere cannot reach it
    through a DNS name pointed at 127.0.0.1); None for any. ``keep_open`` False: the database is
    opened for every request and closed after it (for a file that programs other than this tool
    write: they do not say when they wait for it)."""
    db = Path(db)
    env = _templates()
    reader = Reader(db, keep_open=keep_open)

    @contextmanager
    def reading(request: Request):
        """The database, read-only, for one request (``connection.Reader``: waiting while a
        writer holds the file, up to VN_EDU_NEWS_READ_WAIT seconds)."""
        with reader.reading() as (con, open_ms):
            request.scope.get("timing", {})["open_ms"] = open_ms
            yield con

    def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
        context.setdefault("json_url", request.url.path + "?" + urlencode(params + [("format", "json")]))
        html = env.get_template(template).render(request_path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)

    def answer(request: Request, template: str, content: dict, **extra) -> Response:
        if _format(request, ("html", "json")) == "json":
            return JSONResponse(data.clean(content))
        return render(request, template, **content, **extra)

    # -- pages ------------------------------------------------------------------------------------
    def search_page(request: Request):
        fmt = _format(request, ("html", "json", "csv"))
        q = _text(request, "q")
        filters = {"source": _text(request, "source") or None, "province": _text(request, "province") or None,
                   "person": _text(request, "person") or None, "since": _date(request, "since"),
                   "until": _date(request, "until")}
        if filters["since"] and filters["until"] and filters["since"] > filters["until"]:
            raise BadRequest("«Từ ngày» sau «đến ngày»: không ngày nào ở giữa.")
        page = _int(request, "page", 1, 1, searching.MAX_RESULTS // searching.PER_PAGE)
        content = {"query": q, "filters": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in filters.items()},
                   "message": None, "total": 0, "months": [], "sources": [], "undated": 0, "page": page, "pages": 0,
                   "per_page": searching.PER_PAGE, "max_results": searching.MAX_RESULTS, "results": []}
        with reading(request) as con:
            if fmt == "csv":
                if not q.strip():
                    raise BadRequest("Chưa có từ khóa để tìm.")
                rows = searching.all_results(con, q, **filters)
                return _csv_response(_results_csv(rows if isinstance(rows, list) else []), "tim-kiem.csv")
            if q.strip():
                found = searching.find(con, q, page=page, **filters)
                content.update(message=found.message, total=found.total, undated=found.undated,
                               months=[{"month": m, "articles": n} for m, n in found.months],
                               sources=[{"source_id": s, "articles": n} for s, n in found.sources],
                               page=found.page, pages=found.pages, results=found.results)
            if fmt == "json":
                return JSONResponse(data.clean(content))
            source_list = data.sources(con)
        base = [(k, v) for k, v in (("q", q), *((k, content["filters"][k]) for k in
                                                 ("source", "province", "person", "since", "until"))) if v]

        def link(**change) -> str:
            params = dict(base)
            params.update({k: v for k, v in change.items() if v is not None})
            return "/search?" + urlencode([(k, v) for k, v in params.items() if v])

        def month_link(month: str) -> str:
            y, m = int(month[:4]), int(month[5:7])
            last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
            return link(since=f"{month}-01", until=last)

        months = [(m["month"], m["articles"]) for m in content["months"]]
        per_source = [(s["source_id"], s["articles"]) for s in content["sources"]]
        extra = {"attention_chart": charts.attention(months, month_link) if months else None,
                 "source_chart": charts.per_source(per_source, lambda s: link(source=s)) if per_source else None}
        return render(request, "search.html", **content, **extra, link=link, source_list=source_list,
                      provinces=data.provinces(), query_help=searching.QUERY_HELP,
                      csv_url=link(format="csv") if q.strip() else None)

    def article_page(request: Request):
        article_id = request.path_params["article_id"]
        if not ARTICLE_ID.fullmatch(article_id):
            raise HTTPException(404)
        with reading(request) as con:
            art = data.article(con, article_id)
        if art is None:
            raise HTTPException(404)
        return answer(request, "article.html", art)

    def figure_page(request: Request):
        """A series report's figure in its article: found in that one article by metric, kind,
        period and value, then the reader is sent to its sentence (``#figure-<seq>``)."""
        article_id = request.path_params["article_id"]
        if not ARTICLE_ID.fullmatch(article_id):
            raise HTTPException(404)
        value = _text(request, "value")
        try:
            number = float(value) if value else None
        except ValueError:
            raise BadRequest(f"«value={value}» không phải một số.") from None
        with reading(request) as con:
            seq = data.figure_seq(con, article_id, _text(request, "metric"), _text(request, "kind"),
                                  _text(request, "period") or None, number)
        return RedirectResponse(f"/article/{article_id}" + (f"#figure-{seq}" if seq is not None else ""),
                                status_code=302)

    def raw_page(request: Request):
        article_id = request.path_params["article_id"]
        if not ARTICLE_ID.fullmatch(article_id):
            raise HTTPException(404)
        with reading(request) as con:
            found = data.raw_page(con, article_id, db)
        if found is None:
            raise HTTPException(404)
        body, charset, content_type = found
        from crawler.articles.decode import decode_html

        text = decode_html(body, charset).text
        headers = {"content-security-policy": RAW_CSP, "cache-control": "no-store"}
        if request.query_params.get("view") == "html" and "html" in (content_type or "text/html"):
            return HTMLResponse(text, headers=headers)  # rendered in a sandbox: no script, nothing fetched
        return Response(text, media_type="text/plain; charset=utf-8", headers=headers)

    def person_page(request: Request):
        name = _text(request, "name")
        with reading(request) as con:
            content = data.person(con, name)
        return answer(request, "person.html", content)

    def series_page(request: Request):
        fmt = _format(request, ("html", "json", "csv"))
        province = _text(request, "province")
        metric = _text(request, "metric")
        metrics = data.metrics()
        if metric and metric not in {m["key"] for m in metrics}:
            raise BadRequest(f"Không có chỉ số «{metric}». Chọn một trong: "
                             + ", ".join(m["key"] for m in metrics) + ".")
        content = {"province": province, "metric": metric, "periods": [], "changes": [], "notes": [], "sources": [],
                   "other_kinds": {}, "metric_label": labels.metric(metric) if metric else "", "kinds": [],
                   "known_province": True, "asked": bool(province and metric)}
        if province and metric:
            with reading(request) as con:
                if fmt == "csv":
                    return _csv_response(data.series_csv(con, province, metric), f"chuoi-{metric}.csv")
                content.update(data.series(con, province, metric), asked=True)
        elif fmt == "csv":
            raise BadRequest("Cần chọn tỉnh và chỉ số.")
        if fmt == "json":
            return JSONResponse(data.clean(content))
        unit = next((p["unit"] for p in content["periods"] if p["unit"]), "count")
        extra = {"levels_chart": charts.levels(content["periods"], content["metric_label"], unit)
                 if any(p["points"] for p in content["periods"] if p["period"]) else None,
                 "changes_chart": charts.changes(content["changes"], content["metric_label"], unit)
                 if any(p["points"] for p in content["changes"] if p["period"]) else None,
                 "metrics": metrics, "provinces": data.provinces(),
                 "csv_url": "/series?" + urlencode({"province": province, "metric": metric, "format": "csv"})}
        return render(request, "series.html", **content, **extra)

    def home(request: Request):
        return RedirectResponse("/search", status_code=302)

    # -- errors -----------------------------------------------------------------------------------
    def error_page(request: Request, status: int, message: str, detail: str | None = None) -> Response:
        if request.query_params.get("format") == "json":
            return JSONResponse({"error": message, "detail": detail}, status_code=status)
        return render(request, "error.html", status=status, status_code=status, message=message, detail=detail)

    async def on_bad_request(request: Request, exc: BadRequest):
        return error_page(request, 400, str(exc))

    async def on_warehouse_error(request: Request, exc: WarehouseError):
        text = str(exc)
        if "in use by another process" in text:
            return error_page(request, 503, "Cơ sở dữ liệu đang được ghi quá lâu; thử lại sau ít phút.", text)
        if "no such database" in text:
            return error_page(request, 503, "Chưa có cơ sở dữ liệu: chạy `pipeline.py run` trước.", text)
        return error_page(request, 400, "Không trả lời được yêu cầu này.", text)

    async def on_http_error(request: Request, exc: HTTPException):
        message = {404: "Không tìm thấy trang này.", 405: "Chỉ đọc: trang này không nhận yêu cầu ghi."}.get(
            exc.status_code, "Yêu cầu không hợp lệ.")
        return error_page(request, exc.status_code, message)

    static = StaticFiles(directory=str(resources.files("webapp").joinpath("static")))
    routes = [Route("/", home), Route("/search", search_page), Route("/article/{article_id}", article_page),
              Route("/article/{article_id}/raw", raw_page), Route("/article/{article_id}/figure", figure_page),
              Route("/person", person_page),
              Route("/series", series_page), Mount("/static", app=static, name="static")]
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    @asynccontextmanager
    async def lifespan(app):
        yield
        reader.close()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={BadRequest: on_bad_request, WarehouseError: on_warehouse_error,
                                        HTTPException: on_http_error})
    app.state.db = db
    app.state.reader = reader
    return app


# -- parameters -------------------------------------------------------------------------------------
def _text(request: Request, name: str) -> str:
    value = request.query_params.get(name, "")
    if len(value) > MAX_PARAM:
        raise BadRequest(f"Tham số «{name}» quá dài (tối đa {MAX_PARAM} ký tự).")
    return value.strip()


def _date(request: Request, name: str) -> dt.date | None:
    value = _text(request, name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else _no_date(name, value)
    except ValueError:
        return _no_date(name, value)


def _no_date(name: str, value: str):
    raise BadRequest(f"«{name}={value}» không phải một ngày (YYYY-MM-DD).")


def _int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    value = _text(request, name)
    if not value:
        return default
    if not value.isdigit() or not lo <= int(value) <= hi:
        raise BadRequest(f"«{name}» phải là số nguyên từ {lo} đến {hi}.")
    return int(value)


def _format(request: Request, allowed: tuple[str, ...]) -> str:
    value = request.query_params.get("format", "html") or "html"
    if value not in allowed:
        raise BadRequest(f"«format={value}» không có ở trang này (có: {', '.join(allowed)}).")
    return value


def _csv_response(text: str, filename: str) -> Response:
    return Response("\ufeff" + text, media_type="text/csv; charset=utf-8",  # the BOM: Excel reads it as UTF-8
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


def _results_csv(rows: list[dict]) -> str:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["rank", "article_id", "title", "source_id", "date", "date_kind", "url", "score",
                                        "snippet"])
    return data.csv_text(frame, text_columns=("title", "snippet"))
