"""guide-runner benchmarks.

Run ``python benchmarks/run.py [--quick] [--json OUT]``; see docs/performance.md.
"""
