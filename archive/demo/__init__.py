"""The bundled sample: three real-shaped sites (sample_site/), a generated larger site, and the
small HTTP server that serves them on 127.0.0.1 for the demo, the tests and the benchmarks.

Imports only `archive.vietnamese`; nothing else of the archive.
"""
