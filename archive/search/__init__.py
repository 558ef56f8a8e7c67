"""Search over the archive: the index schema, building the Whoosh index from the store, the query
language, ranking, snippets, did-you-mean, near-duplicate groups, exports and citations; `engine`
(`SearchEngine`) ties them together for the CLI and the web app.

Every use of Whoosh internals (codec, postings, columns) lives in `archive.search.whoosh`.
May import `archive.storage`, `archive.vietnamese` and `archive.article`; never extract, ops or
the crawler.
"""
