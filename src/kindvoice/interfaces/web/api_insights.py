"""The JSON API: insights (every figure, as `kindvoice insights --json` gives them, plus
practice week by week and the daily moods of the window), each chart as SVG, and the routers
of the program and the Learn library."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from kindvoice.core.errors import NotFoundError
from kindvoice.domain.insights.common import window_start
from kindvoice.interfaces.web import learn_api, program_api
from kindvoice.interfaces.web.charts import WEB_CHARTS, chart_id
from kindvoice.interfaces.web.pages_insights import MAX_WEEKS, find_slot
from kindvoice.interfaces.web.svg_charts import Frame, message_chart
from kindvoice.interfaces.web.viewer import Viewer
from kindvoice.services import insight_series

router = APIRouter(tags=["insights"])
router.include_router(program_api.router)
router.include_router(learn_api.router)

Weeks = Annotated[int, Query(ge=1, le=MAX_WEEKS)]
SVG_TYPE = "image/svg+xml"


def plain(value: Any) -> Any:
    """The same JSON shape as `kindvoice insights --json`."""
    from kindvoice.interfaces.cli.insights_cmds import plain as cli_plain

    return cli_plain(value)


@router.get("/insights")
def insights(ctx: Viewer, weeks: Weeks = 12) -> dict[str, Any]:
    """Every insight over the last ``weeks`` weeks (setbacks and what helps use everything),
    practice week by week, and the daily moods of the window with their usual level."""
    series = insight_series.gather(ctx, weeks)
    found = series.found
    body: dict[str, Any] = plain(found)
    first = window_start(found.today, found.weeks)
    body["practice"] = plain(series.practice)
    body["moods"] = [plain(day) for day in series.moods if day.day >= first]
    body["charts"] = list(WEB_CHARTS)
    return body


@router.get(
    "/insights/charts/{name}.svg",
    response_class=Response,
    responses={200: {"content": {SVG_TYPE: {}}}},
)
def chart(
    ctx: Viewer,
    name: Annotated[str, Path(max_length=40)],
    weeks: Weeks = 12,
) -> Response:
    """One chart as an SVG picture (its names are listed under ``charts`` in /insights). When
    there isn't enough behind it yet, the picture holds the kind sentence that says so."""
    if name not in WEB_CHARTS:
        raise NotFoundError("not_found")
    series = insight_series.gather(ctx, weeks)
    slot = find_slot(series, name)
    if slot is None:  # pragma: no cover - every name in WEB_CHARTS has a slot
        raise NotFoundError("not_found")
    if slot.drawn is not None:
        markup = slot.drawn.svg
    else:
        markup = message_chart(Frame(chart_id(name), slot.title, slot.few), slot.few)
    return Response(markup, media_type=SVG_TYPE)
