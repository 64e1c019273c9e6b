"""The page config the package ships keeps a fresh lab from calling out: no news prompt,
no update check, no extension-manager package index."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLUGINS = ("@jupyterlab/apputils-extension:announcements",  # news prompt + update check
           "@jupyterlab/extensionmanager-extension:plugin")  # the package index


def test_the_shipped_page_config_disables_the_plugins_that_call_out(monkeypatch) -> None:
    from jupyterlab_server.config import get_static_page_config

    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(REPO / "jupyter-config"))
    disabled = get_static_page_config(level="all").get("disabledExtensions", {})
    assert all(disabled.get(plugin) is True for plugin in PLUGINS), disabled


def test_those_plugins_exist_in_this_jupyterlab() -> None:
    """A renamed plugin would make the config a silent no-op."""
    from jupyterlab.commands import get_app_dir

    core = "".join(p.read_text(errors="replace")
                   for p in (Path(get_app_dir()) / "static").glob("jlab_core*.js"))
    for plugin in PLUGINS:
        assert f'"{plugin}"' in core, plugin


def test_the_wheel_installs_it_where_jupyterlab_reads_page_config() -> None:
    pyproject = (REPO / "pyproject.toml").read_text()
    assert '\n"jupyter-config/labconfig" = "etc/jupyter/labconfig"\n' in pyproject
