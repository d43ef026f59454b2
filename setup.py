"""Build step beyond pyproject.toml: the interface's gettext catalogues (engine/base/locale/*/LC_MESSAGES/*.po) are
compiled to .mo by Babel when the package is built, so an installed itaplan reads compiled catalogues."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the .po in the source tree
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path("engine/base/locale").glob("*/LC_MESSAGES/*.po")):
            # engine/ is installed as the package itaplan (pyproject's package-dir)
            target = Path(self.build_lib) / "itaplan" / po.relative_to("engine").with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source)
            with target.open("wb") as out:
                write_mo(out, catalog)


setup(cmdclass={"build_py": BuildWithCatalogues})
