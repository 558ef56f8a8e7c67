"""Archive of Vietnamese union news: cleaner, Vietnamese text, store, index, search and CLI."""

__version__ = "0.1.0"
