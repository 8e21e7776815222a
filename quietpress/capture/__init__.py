"""Stage 1, read: find captures under the given paths and yield one Capture per candidate article."""

from quietpress.capture.discover import find_capture_files, read_capture_file, read_captures, sniff_format

__all__ = ["find_capture_files", "read_capture_file", "read_captures", "sniff_format"]
