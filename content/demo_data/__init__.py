"""The demo site's content as data files, and the reader of its page files (markup.py)."""
