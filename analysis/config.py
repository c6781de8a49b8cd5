"""Every path the project uses, resolved from the project root or a chosen data directory."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
BUILD_DIR = ROOT / ".build"
FONTS_DIR = PACKAGE_DIR / "fonts"
TEMPLATES_DIR = PACKAGE_DIR / "build" / "templates"


@dataclass(frozen=True)
class DataPaths:
    """The files of one data directory (the shipped one or a user's copy)."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "processed"

    @property
    def catalog(self) -> Path:
        return self.root / "indicators.yml"

    @property
    def extracted(self) -> Path:
        return self.processed / "indicators.csv"

    @property
    def set_aside(self) -> Path:
        """Extracted figures the table cannot hold, listed with the check each fails."""
        return self.processed / "set_aside.csv"

    @property
    def hand_entered(self) -> Path:
        return self.root / "reference" / "hand_entered.csv"

    @property
    def documents(self) -> Path:
        """The documents hand-entered figures cite: issuer, title, meeting, date (optional file)."""
        return self.root / "reference" / "documents.csv"

    @property
    def corrections(self) -> Path:
        return self.root / "corrections.csv"

    @property
    def units(self) -> Path:
        """This directory's unit vocabulary, or the shipped data/units.yml when it has none."""
        own = self.root / "units.yml"
        return own if own.exists() else DATA_DIR / "units.yml"


def data_paths(data_dir: str | Path | None = None) -> DataPaths:
    """Paths of `data_dir`, or of the shipped data directory when None."""
    return DataPaths(Path(data_dir).resolve() if data_dir else DATA_DIR)
