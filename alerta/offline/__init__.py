"""The site for phones with no connection: zips (build.py, archive.py), a start page
(start_page.py), one self-contained HTML file per language (single_file.py)."""
