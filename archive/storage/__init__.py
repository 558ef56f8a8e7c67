"""The archive's source of truth: the SQLite store (articles, versions, sites, crawl runs and its
migrations) and the WARC captures of every fetched response, kept so articles can be re-extracted.

May import `archive.article` and `archive.vietnamese`; nothing of extract, search or the crawler.
"""
