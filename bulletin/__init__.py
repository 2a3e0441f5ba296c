"""bulletin: turn a news article or community notice into accessible print and audio."""

__version__ = "0.1.0"
