"""Stage 1, read: find captures under the given paths and yield one Capture per candidate article."""

from quietpress.capture.discover import (ReadOptions, find_capture_files, read_capture_file, read_captures,
                                         relative_source, sniff_format)

__all__ = ["ReadOptions", "find_capture_files", "read_capture_file", "read_captures", "relative_source", "sniff_format"]
