"""The spoken version: script (what is said), normalisation (how), engines (which voice)."""

# Imported eagerly (cheap: num2words loads only with a language's rules) so that the name
# ``bulletin.speech.normalize`` is always the function. A lazy import inside a wrapper would let
# Python rebind the name to the ``normalize`` subpackage on first use.
from .normalize import normalize

__all__ = ["normalize"]
