"""Stage 7, build: execute the notebooks (cached, parallel) and publish the HTML reports."""
from importlib import import_module


def __getattr__(name: str) -> object:
    """Modules of this stage load on first use: `analysis.<stage>.<module>` needs no import first."""
    try:
        return import_module(f"{__name__}.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
