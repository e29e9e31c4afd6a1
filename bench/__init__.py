"""The benchmark: this site against the stock MkDocs Material stack, at scale, in a real browser
and beside peer tools; `python -m bench` (bench/__main__.py) runs it and writes BENCHMARKS.md and
bench.json. One module per job: project copies (project), timing, scale, stock, server, browser,
peers (with peer, links, images), environment and report.
"""
