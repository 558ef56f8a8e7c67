"""Helpers shared by tests/ and bench/: hostile pages and sites, the app served over HTTP, load
clients, the judged search queries. Neither tests/ nor bench/ imports the other; both import this."""
