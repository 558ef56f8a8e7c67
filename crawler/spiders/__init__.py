"""The crawler's one generic spider lives in news.py."""
