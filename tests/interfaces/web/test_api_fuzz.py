"""Property-based fuzzing of the JSON API from its own OpenAPI document (schemathesis).

Schemathesis generates requests for every operation in /api/v1/openapi.json, valid and
invalid, and sends them to the app in-process. Whatever arrives, the API must answer without
a server error (no 5xx), in local mode (cookie + CSRF header) and in hosted mode (a signed-in
person's bearer token). The NLP model is warmed first, so the first example isn't special.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="the API fuzzing needs schemathesis")

from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402

from tests.interfaces.web.conftest import PASSWORD, Site, headers, make_site  # noqa: E402

pytestmark = pytest.mark.slow
EXAMPLES = 25
SIGN_OFFS = ("/api/v1/account", "/api/v1/session")
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


def _site(tmp: Path, hosted: bool) -> tuple[Site, dict[str, str], dict[str, str]]:
    # Schemathesis asks for the schema as "testserver", so local mode lets that name in too.
    site = make_site(tmp, hosted=hosted, extra_hosts=("testserver",))
    browser = site.client()
    if hosted:
        browser.post(
            "/api/v1/account",
            json={"login": "fuzz", "password": PASSWORD},
            headers=headers(browser),
        )
        token = browser.post(
            "/api/v1/session",
            json={"login": "fuzz", "password": PASSWORD},
            headers=headers(browser),
        ).json()["token"]
        return site, {"Authorization": f"Bearer {token}"}, {}
    token = headers(browser)["X-CSRF-Token"]
    return site, {"X-CSRF-Token": token, "Cookie": f"kv_csrf={token}"}, {}


@pytest.fixture(scope="module")
def local(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Site, dict[str, str], dict[str, str]]]:
    found = _site(tmp_path_factory.mktemp("fuzz-local"), hosted=False)
    yield found
    found[0].close()


@pytest.fixture(scope="module")
def hosted_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Site, dict[str, str], dict[str, str]]]:
    found = _site(tmp_path_factory.mktemp("fuzz-hosted"), hosted=True)
    yield found
    found[0].close()


def _schema(site: Site) -> Any:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", site.app)


def _operations(site: Site) -> list[Any]:
    return [result.ok() for result in _schema(site).get_all_operations()]


def _fuzz(site: Site, extra_headers: dict[str, str], cookies: dict[str, str], base: str) -> None:
    failures: list[str] = []
    tried = 0
    operations = _operations(site)
    assert len(operations) >= 10
    for operation in operations:
        if operation.method.upper() == "DELETE" and operation.path in SIGN_OFFS:
            continue  # ending the fuzzing account's session would end the run; tested elsewhere

        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @SETTINGS
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                response = case.call(base_url=base, headers=extra_headers)
                if response.status_code >= 500:
                    failures.append(
                        f"{case.method} {case.formatted_path} → {response.status_code}: "
                        f"{case.path_parameters} {case.query} {str(case.body)[:200]}"
                    )

            try:
                run()
            except Unsatisfiable:
                # Nothing to get wrong (no parameters or body): only valid requests exist.
                assert mode is GenerationMode.NEGATIVE
            tried += 1
    print(f"fuzzed {len(operations)} operations ({tried} runs of up to {EXAMPLES} requests)")
    assert not failures, "\n".join(failures[:20])


def test_no_input_makes_the_local_api_fail(
    local: tuple[Site, dict[str, str], dict[str, str]],
) -> None:
    site, extra, cookies = local
    TestClient(site.app, base_url=site.base_url).post(
        "/api/v1/analyze", json={"thought": "warm the model"}, headers=extra
    )
    _fuzz(site, extra, cookies, site.base_url)


def test_no_input_makes_the_hosted_api_fail(
    hosted_site: tuple[Site, dict[str, str], dict[str, str]],
) -> None:
    site, extra, cookies = hosted_site
    _fuzz(site, extra, cookies, site.base_url)
