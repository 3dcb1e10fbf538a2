"""reportcli: look things up in China's 2024 Government Work Report from a terminal."""

__version__ = "0.1.0"
