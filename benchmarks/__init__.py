"""guide-runner benchmarks: ``python benchmarks/run.py [--quick] [--json OUT]`` (docs/performance.md)."""
