"""buildozer.spec, read as buildozer reads it: the APK gets every data file the app loads,
the same Kivy and version as pyproject.toml, and no permission it does not need."""
from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hardware.device_profiles import load_profiles

ROOT = Path(__file__).resolve().parents[2]


def spec() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # case-sensitive
    parser.read(ROOT / "buildozer.spec", encoding="utf-8")
    return parser["app"]


def as_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def packaged_files() -> list[Path]:
    """What buildozer copies from source.dir: no hidden or excluded folder."""
    app = spec()
    excluded = tuple(as_list(app["source.exclude_dirs"]))
    files = []
    for path in (ROOT / app["source.dir"]).rglob("*"):
        relative = path.relative_to(ROOT)
        if path.is_dir() or any(part.startswith(".") or part == "__pycache__"
                                or part.endswith(".egg-info")  # pip's, in a checkout
                                for part in relative.parts):
            continue
        if any(relative.as_posix().startswith(f"{folder}/") for folder in excluded):
            continue
        files.append(relative)
    return files


def test_the_apk_holds_every_data_file_the_app_loads() -> None:
    exts = set(as_list(spec()["source.include_exts"]))
    files = packaged_files()
    packaged = {f.as_posix() for f in files if f.suffix.lstrip(".") in exts}
    for folder, pattern, at_least in [("i18n", "*.yml", 6 * 5), ("levels/packs", "**/*.yml", 30),
                                      ("app", "**/*.kv", 5),
                                      ("accessibility/presets", "*.yml", 7),
                                      ("hardware/profiles", "*.yml", 5),
                                      ("app/assets", "**/*.png", 20),
                                      ("app/assets", "**/*.wav", 6),
                                      ("adapters/speech/dicts", "*.dict", 5)]:
        loaded = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).glob(pattern)}
        assert len(loaded) >= at_least, folder
        assert loaded <= packaged, sorted(loaded - packaged)
    # nothing else a module could open is left behind (documentation and root files aside)
    left_out = [f.as_posix() for f in files if f.suffix.lstrip(".") not in exts
                and f.suffix != ".md" and len(f.parts) > 1]
    assert left_out == []
    assert "main.py" in packaged and "app/__main__.py" in packaged
    assert not any(f.startswith(("tests/", "benchmarks/", "hardware/firmware/"))
                   for f in packaged)


def test_same_kivy_and_version_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    app = spec()
    kivy_pin = next(d for d in project["dependencies"] if d.startswith("kivy"))
    assert kivy_pin in as_list(app["requirements"])
    assert app["version"] == project["version"]


def test_requirements_are_what_the_android_build_imports() -> None:
    requirements = {r.split("==")[0] for r in as_list(spec()["requirements"])}
    assert {"python3", "kivy", "sqlite3", "pyyaml", "python-i18n", "platformdirs", "pyjnius",
            "pyserial", "usb4a", "usbserial4a"} <= requirements
    assert not requirements & {"evdev", "pyttsx3", "pyaudio", "pocketsphinx",
                               "speechrecognition"}  # Linux/desktop only


def test_no_permission_it_does_not_need() -> None:
    app = spec()
    permissions = set(as_list(app.get("android.permissions", "")))
    assert "INTERNET" not in permissions and "android.permission.INTERNET" not in permissions
    assert "RECORD_AUDIO" not in permissions  # voice commands are not in the Android build
    assert permissions <= {"WAKE_LOCK"}
    assert app["android.allow_backup"] == "False"  # no copy of progress in anyone's cloud
    assert set(as_list(app["orientation"])) <= {"landscape", "landscape-reverse"}


@pytest.mark.parametrize("key", ["android.extra_manifest_xml",
                                 "android.manifest.intent_filters", "android.res_xml"])
def test_android_resources_exist(key: str) -> None:
    for path in as_list(spec()[key]):
        assert (ROOT / path).is_file(), path


def test_usb_filter_lists_the_known_switch_boxes() -> None:
    root = ET.parse(ROOT / spec()["android.res_xml"]).getroot()
    listed = {(int(d.get("vendor-id", "")), int(d.get("product-id", "")))
              for d in root.iter("usb-device")}
    known = {(u.vendor, u.product) for p in load_profiles() if p.kind == "serial"
             for u in p.usb + p.usb_generic}
    assert listed == known
