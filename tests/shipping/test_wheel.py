"""The built wheel, installed in a fresh virtual environment outside the checkout, runs the
command line and the app with nothing from the checkout on sys.path."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lorkit.assessment import assess
from lorkit.next_steps import next_steps
from lorkit.profile_io import load_profile
from tests.conftest import AS_OF, ROOT, SAMPLES_DIR
from tests.shipping.conftest import Installed, clean_env

pytestmark = pytest.mark.shipping

SAMPLE = "pediatrics-guide-example"
APP_FOLDERS = ("app_pages", "ui")
SKIPPED = ("__pycache__", ".pyc", ".DS_Store")


def _files(folder: Path) -> set[str]:
    """Files under a folder of the checkout, relative to the checkout."""
    return {
        p.relative_to(ROOT).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not any(s in p.as_posix() for s in SKIPPED)
    }


# --- what the wheel holds ------------------------------------------------------------------


def test_the_wheel_installs_only_lorkit_and_lorkit_app(wheel_files):
    top = {name.split("/")[0] for name in wheel_files}
    assert {t for t in top if not t.endswith(".dist-info")} == {"lorkit", "lorkit_app"}


def test_the_wheel_holds_every_file_of_the_package(wheel_files):
    missing = _files(ROOT / "lorkit") - wheel_files
    assert not missing, (
        f"not in the wheel: {sorted(missing)}; add them to [tool.setuptools.package-data]"
    )


def test_the_wheel_holds_the_whole_app_in_one_folder(wheel_files):
    app = {"app.py", ".streamlit/config.toml"}
    for folder in APP_FOLDERS:
        app |= _files(ROOT / folder)
    missing = {f"lorkit_app/{p}" for p in app} - wheel_files
    assert not missing, (
        f"not in the wheel: {sorted(missing)}; a new folder needs a `lorkit_app.*` entry in "
        "[tool.setuptools] packages, a new kind of file one in package-data"
    )


# --- the installed command line --------------------------------------------------------------


def test_the_installed_package_is_used_not_the_checkout(installed: Installed):
    done = installed.run(
        installed.bin("python"), "-c",
        "import json, sys, lorkit, lorkit.cli, lorkit.rules, lorkit.launcher as l; "
        "print(json.dumps({'lorkit': lorkit.__file__, 'data': str(lorkit.rules.data_dir()), "
        "'app': str(l.app_script()), 'path': sys.path, "
        "'streamlit': 'streamlit' in sys.modules}))",
    )  # fmt: skip
    found = json.loads(done.stdout)
    for key in ("lorkit", "data", "app"):
        assert Path(found[key]).is_relative_to(installed.site), (key, found[key])
    assert Path(found["app"]) == installed.site / "lorkit_app" / "app.py"
    assert not any(p and Path(p).resolve().is_relative_to(ROOT) for p in found["path"])
    assert not found["streamlit"], "importing lorkit and its CLI must not import streamlit"


def test_the_installed_cli_assesses_a_shipped_sample(installed: Installed):
    sample = installed.site / "lorkit" / "data" / "samples" / f"{SAMPLE}.json"
    done = installed.run(
        installed.bin("lorkit"), "assess", sample, "--format", "json", "--as-of", AS_OF.isoformat()
    )
    result = json.loads(done.stdout)
    assert result["format"] == "lorkit-assessment"
    assert [t["track"] for t in result["tracks"]], "no tracks in the assessment"
    # the same answer as the checkout gives
    profile = load_profile(SAMPLES_DIR / f"{SAMPLE}.json")
    assessment = assess(profile, AS_OF)
    expected = {
        **assessment.to_dict(),
        "next_steps": [s.to_dict() for s in next_steps(profile, AS_OF, assessment=assessment)],
    }
    assert {k: v for k, v in result.items() if k != "source"} == json.loads(json.dumps(expected))


def test_the_installed_cli_prints_the_schema(installed: Installed):
    done = installed.run(installed.bin("lorkit"), "schema")
    assert json.loads(done.stdout)["title"].startswith("lorkit-profile")
    shipped = installed.site / "lorkit" / "data" / "schema" / "profile.schema.json"
    assert done.stdout == shipped.read_text(encoding="utf-8")


# --- the installed app -----------------------------------------------------------------------

APP_CHECK = r"""
import json, sys
from pathlib import Path

from lorkit.launcher import app_script
from streamlit import config
from streamlit.testing.v1 import AppTest

checkout = Path(sys.argv[1])
app = app_script()
report = {"app": str(app)}

# Streamlit reads the .streamlit/config.toml that sits beside the main script.
config._main_script_path = str(app)
config.get_config_options(force_reparse=True)
report["config"] = {
    k: config.get_option(k) for k in ("server.maxUploadSize", "client.showErrorDetails")
}


def seen(at):
    charts = len(at.get("vega_lite_chart")) + len(at.get("arrow_vega_lite_chart"))
    return {
        "title": at.main.title[0].value if at.main.title else None,
        "exceptions": [e.message for e in at.exception],
        "charts": charts,
    }


at = AppTest.from_file(str(app), default_timeout=60)
at.run()
report["start"] = seen(at)
at.button(key=sys.argv[2]).click().run()
report["after_sample"] = seen(at)
report["pages"] = {}
for page in sorted((app.parent / "app_pages").glob("*.py")):
    at.switch_page(f"app_pages/{page.name}").run()
    report["pages"][page.stem] = seen(at)
report["from_checkout"] = sorted(
    name for name, m in list(sys.modules.items())
    if getattr(m, "__file__", None) and Path(m.__file__).resolve().is_relative_to(checkout)
)
report["ui"] = sys.modules["ui"].__file__
print(json.dumps(report))
"""


def test_the_installed_app_runs_every_page_with_a_sample(installed: Installed):
    script = installed.workdir / "app_check.py"
    script.write_text(APP_CHECK, encoding="utf-8")
    done = installed.run(installed.bin("python"), script, ROOT, f"sample_{SAMPLE}", timeout=300)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(report["app"]).is_relative_to(installed.site)
    assert Path(report["ui"]).is_relative_to(installed.site / "lorkit_app")
    assert report["from_checkout"] == []
    assert report["config"] == {"server.maxUploadSize": 1, "client.showErrorDetails": "none"}
    assert report["start"]["exceptions"] == []
    assert report["start"]["title"] == "Plan your letters of recommendation"
    # "Open this sample" loads it and opens the Assessment page with its charts
    assert report["after_sample"]["exceptions"] == []
    assert report["after_sample"]["title"] == "Assessment"
    assert report["after_sample"]["charts"] > 0
    assert len(report["pages"]) >= 7
    broken = {
        page: seen["exceptions"] for page, seen in report["pages"].items() if seen["exceptions"]
    }
    assert not broken, broken


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(port: int) -> bytes | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_lorkit_app_serves_the_installed_app(installed: Installed):
    port = _free_port()
    log = installed.workdir / f"server-{port}.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [installed.bin("lorkit"), "app", "--server.port", str(port),
             "--server.headless", "true"],
            cwd=installed.workdir, env=clean_env(), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while (answer := _health(port)) is None and time.monotonic() < deadline:
            assert server.poll() is None, f"lorkit app exited:\n{log.read_text('utf-8')}"
            time.sleep(0.3)
        assert answer == b"ok", log.read_text("utf-8")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert page.status == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
