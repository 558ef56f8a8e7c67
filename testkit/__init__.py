"""Helpers shared by tests/ and bench/: hostile pages and sites, replica sites of the platform families
(testkit.replicas), the app served over HTTP, load clients, the judged search queries. Neither tests/
nor bench/ imports the other; both import this."""
