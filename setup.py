"""A wheel carries the built Dashboard pages: `pip install .` builds them first when they are missing.

An editable install (`make`) reads them from dashboard/dist/, which the Makefile builds.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DASHBOARD = Path(__file__).resolve().parent / "dashboard"
INSTALLED_AT = Path("saleor_subscriptions", "resources", "dashboard")


def build_dashboard() -> Path | None:
    """dashboard/dist/, after `npm ci` and `npm run build` when it is missing; None without npm."""
    dist = DASHBOARD / "dist"
    if (dist / "index.html").exists():
        return dist
    npm = shutil.which("npm")
    if npm is None:
        print("warning: npm (Node.js >= 20) not found: the wheel has no Dashboard pages", file=sys.stderr)
        return None
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=DASHBOARD, check=True)
    subprocess.run([npm, "run", "build"], cwd=DASHBOARD, check=True)
    return dist


class BuildWithDashboard(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        dist = build_dashboard()
        if dist is not None:
            self.copy_tree(str(dist), str(Path(self.build_lib) / INSTALLED_AT))


setup(cmdclass={"build_py": BuildWithDashboard})
