"""quietpress: turn folders of news captures into a quiet, static, offline archive."""

__version__ = "0.1.0"
