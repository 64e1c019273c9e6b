"""One file of another installed package, loaded without importing the package."""

from __future__ import annotations

import subprocess
import sys

from jupyter_safeai.scan.package_data import load_file_module, package_dir


def test_a_missing_package_or_file_gives_none() -> None:
    assert package_dir("no_such_package_safeai_test") is None
    assert load_file_module("no_such_package_safeai_test", "x.py", "_x") is None
    assert load_file_module("jupyter_safeai", "no_such_file.py", "_x") is None


def test_one_file_loads_without_its_package() -> None:
    code = ("import sys\n"
            "from jupyter_safeai.scan.package_data import load_file_module\n"
            "m = load_file_module('spacy', 'lang/en/stop_words.py', '_t_stop_words')\n"
            "assert m is not None and 'among' in m.STOP_WORDS\n"
            "assert 'spacy' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_package_dir_is_the_packages_folder() -> None:
    folder = package_dir("jupyter_safeai")
    assert folder is not None and (folder / "scan" / "package_data.py").is_file()
