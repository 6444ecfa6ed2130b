"""The packaging files are complete and consistent (fast: nothing is built here).

Building and smoke-testing the bundle itself is packaging/build.sh.
"""

from __future__ import annotations

import ast
import configparser
import fnmatch
import re
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
RESOURCES = REPO / "resources"
ICONS = RESOURCES / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(spec: str) -> str:
    return _norm(re.split(r"[\s<>=!~;\[]", spec.strip(), maxsplit=1)[0])


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            assert "==" in line, f"{path.name}: '{line}' is not pinned with =="
            name, version = line.split("==", 1)
            pins[_norm(name)] = version.split(";")[0].strip()
    return pins


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the build


@pytest.mark.parametrize(
    "name",
    ["peerdesk.spec", "entry.py", "build.sh", "smoke_test.sh", "requirements-build.txt", "constraints.txt",
     "make_icons.py", "README.md", "windows/peerdesk.iss", "linux/install-menu-entry.sh"],
)
def test_packaging_file_exists(name):
    assert (PACKAGING / name).is_file()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("name", ["build.sh", "smoke_test.sh", "linux/install-menu-entry.sh"])
def test_shell_scripts_parse(name):
    result = subprocess.run(["bash", "-n", str(PACKAGING / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_entry_script_runs_the_peerdesk_command():
    tree = ast.parse((PACKAGING / "entry.py").read_text(encoding="utf-8"))
    imports = {(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               for alias in node.names}
    assert ("peerdesk.cli", "main") in imports


def _spec_list(name: str) -> list[str]:
    tree = ast.parse((PACKAGING / "peerdesk.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"peerdesk.spec has no {name}")


def test_spec_is_python_and_names_the_bundle():
    source = (PACKAGING / "peerdesk.spec").read_text(encoding="utf-8")
    compile(source, "peerdesk.spec", "exec")
    assert 'name="PeerDesk"' in source  # dist/PeerDesk
    assert 'name="peerdesk"' in source  # dist/PeerDesk/peerdesk(.exe)
    assert "entry.py" in source


def test_spec_leaves_out_unused_qt_but_nothing_peerdesk_imports():
    excluded = set(_spec_list("UNUSED_QT_MODULES"))
    for big in ("QtWebEngineCore", "QtQml", "QtQuick", "QtPdf", "Qt3DCore", "QtMultimedia"):
        assert big in excluded
    used = set()
    for path in (REPO / "src" / "peerdesk").rglob("*.py"):
        used |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used, "no PySide6 import found in src/peerdesk"
    wrongly = sorted(used & excluded)
    assert not wrongly, f"PeerDesk imports {wrongly}: take them out of UNUSED_QT_MODULES in packaging/peerdesk.spec"


def test_spec_keeps_the_platform_plugins_the_smoke_test_and_desktops_need():
    source = (PACKAGING / "peerdesk.spec").read_text(encoding="utf-8")
    platforms = re.search(r'"platforms":\s*\[([^\]]*)\]', source)
    assert platforms
    for name in ("offscreen", "xcb", "wayland", "windows"):
        assert f'"{name}"' in platforms.group(1)


def test_spec_carries_resources_and_migration_scripts_as_files():
    source = (PACKAGING / "peerdesk.spec").read_text(encoding="utf-8")
    assert 'collect_data_files("peerdesk.resources")' in source
    assert "include_py_files=True" in source
    assert '("*.py", "versions/*.py", "*.mako")' in source


def test_spec_carries_every_alembic_folder():
    """Alembic reads env.py and versions/*.py by path: each folder of them (the data folder's,
    the team server's) must be collected as files, or `peerdesk server init` fails in the bundle."""
    storage = REPO / "src" / "peerdesk" / "storage"
    folders = sorted(path.parent.name for path in storage.glob("*/env.py"))
    assert "migrations" in folders
    assert sorted(_spec_list("ALEMBIC_FOLDERS")) == folders


def _imported_modules() -> set[str]:
    """Every module (and its parents) that src/peerdesk imports."""
    found = set()
    for path in (REPO / "src" / "peerdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                parts = name.split(".")
                found |= {".".join(parts[: i + 1]) for i in range(len(parts))}
    return found


def test_spec_leaves_out_no_python_module_peerdesk_imports():
    excluded = set(_spec_list("UNUSED_PYTHON_MODULES"))
    assert {"setuptools", "sqlalchemy.dialects.mysql"} <= excluded
    wrongly = sorted(excluded & _imported_modules())
    assert not wrongly, f"PeerDesk imports {wrongly}: take them out of UNUSED_PYTHON_MODULES in packaging/peerdesk.spec"


def test_spec_takes_from_the_system_only_what_no_wheel_brings():
    """The libraries the Linux bundle leaves to the system are the build machine's (X11, the C++
    runtime, fonts, D-Bus, CUPS), never Qt's, Python's or a wheel's own."""
    names = _spec_list("SYSTEM_LIBRARIES")
    assert "libstdc++.so.6" in names and "libdbus-1.so.3" in names
    for name in names:
        assert re.fullmatch(r"lib[\w+.-]+\.so\.\d+", name), name
        assert not name.startswith(("libQt6", "libpyside", "libshiboken", "libpython", "libicu", "libssl", "libcrypto"))


def test_build_fails_when_the_bundle_outgrows_its_size():
    build = (PACKAGING / "build.sh").read_text(encoding="utf-8")
    limit = re.search(r'max_mb="\$\{MAX_MB:-(\d+)\}"', build)
    assert limit, "build.sh has no size limit"
    assert "du -sb" in build and "$((max_mb * 1000000))" in build
    readme = (PACKAGING / "README.md").read_text(encoding="utf-8")
    assert f"{limit.group(1)} MB" in readme, "packaging/README.md does not give build.sh's size limit"


def test_every_runtime_dependency_is_pinned():
    pins = _pins(PACKAGING / "constraints.txt")
    runtime = [_requirement_name(dep) for dep in _pyproject()["project"]["dependencies"]]
    assert runtime
    missing = [name for name in runtime if name not in pins]
    assert not missing, f"packaging/constraints.txt does not pin {missing}"
    for name, version in pins.items():
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), f"{name}=={version}"


def test_every_build_requirement_is_pinned():
    pins = _pins(PACKAGING / "constraints.txt")
    for line in (PACKAGING / "requirements-build.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            assert _requirement_name(line) in pins, f"{line} is not pinned in constraints.txt"
    assert "pyinstaller" in pins


def test_resources_are_all_package_data():
    """Everything in resources/ reaches the wheel, and so the bundle: the bundle reads the
    installed package peerdesk.resources, never the checkout."""
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["peerdesk.resources"]
    for path in RESOURCES.rglob("*"):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix in {".py", ".pyc"}:
            continue
        rel = path.relative_to(RESOURCES).as_posix()
        assert any(fnmatch.fnmatch(rel, p) and rel.count("/") == p.count("/") for p in patterns), (
            f"resources/{rel} is not in pyproject's package-data for peerdesk.resources, "
            "so neither the wheel nor the bundle would carry it"
        )


# --------------------------------------------------------------------------- installers


def test_desktop_file_has_the_required_keys():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(RESOURCES / "peerdesk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "PeerDesk"
    assert entry["Exec"].split()[0] == "peerdesk"
    assert entry["Icon"] == "peerdesk"
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Categories"].endswith(";")
    for action in filter(None, entry.get("Actions", "").split(";")):
        assert parser[f"Desktop Action {action}"]["Exec"].startswith("peerdesk")


def _iss() -> str:
    return (PACKAGING / "windows" / "peerdesk.iss").read_text(encoding="utf-8")


def test_windows_installer_is_per_user_without_admin_rights():
    iss = _iss()
    assert re.search(r"^PrivilegesRequired=lowest\s*$", iss, re.M)
    assert re.search(r"^DefaultDirName=\{(autopf|userpf|localappdata\}\\Programs)", iss, re.M)
    assert re.search(r"^Name: \"\{autoprograms\}\\\{#AppName\}\"; Filename: \"\{app\}\\\{#AppExe\}\"", iss, re.M)
    assert '#define AppExe "peerdesk.exe"' in iss
    assert r"SetupIconFile={#Repo}\resources\icons\peerdesk.ico" in iss


def test_windows_uninstall_keeps_the_records_unless_asked():
    iss = _iss()
    from peerdesk.config import APP_NAME

    assert f"DataFolder = '{{localappdata}}\\{APP_NAME}';" in iss  # platformdirs' folder on Windows
    assert "MB_DEFBUTTON2" in iss  # "No" is the default answer
    assert "UninstallSilent()" in iss  # a silent uninstall keeps them unless /DELETEDATA=yes
    # the install folder is not the data folder
    assert "{app}" not in iss.split("\n[Code]\n", 1)[1]


# --------------------------------------------------------------------------- icons


def test_icon_svg_renders(qapp):
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICONS / "peerdesk.svg"))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == renderer.defaultSize().height()


@pytest.mark.parametrize("size", PNG_SIZES)
def test_icon_pngs_are_the_size_they_say(size):
    from PySide6.QtGui import QImage

    path = ICONS / f"peerdesk-{size}.png"
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    image = QImage(str(path))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    corner = image.pixelColor(0, 0)
    assert corner.alpha() == 0, "the icon's corners are transparent"


def test_ico_parses_with_the_sizes_windows_needs():
    data = (ICONS / "peerdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _colors, _res, _planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        size = width or 256
        assert (width or 256) == (height or 256)
        assert bits == 32
        assert offset + length <= len(data)
        blob = data[offset : offset + length]
        if blob[:8] == PNG_SIGNATURE:
            png_w, png_h = struct.unpack_from(">II", blob, 16)
            assert (png_w, png_h) == (size, size)
        else:
            header_size, bmp_w, bmp_h, _planes, bmp_bits = struct.unpack_from("<IiiHH", blob, 0)
            assert (header_size, bmp_w, bmp_h, bmp_bits) == (40, size, 2 * size, 32)
            mask_row = ((size + 31) // 32) * 4
            assert length == 40 + size * size * 4 + mask_row * size
        sizes.append(size)
    for needed in (16, 32, 48, 256):
        assert needed in sizes


def test_ico_reads_in_qt():
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(ICONS / "peerdesk.ico"))
    if b"ico" not in [bytes(f) for f in QImageReader.supportedImageFormats()]:
        pytest.skip("Qt's ico plugin is not available")
    sizes = set()
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.add(image.width())
    assert {16, 32, 48, 256} <= sizes
