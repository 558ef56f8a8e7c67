"""The cleaner: HTML bytes and a URL in, an `Article` out, no I/O (so it runs over thousands of
pages and over the raw captures again). One module per stage of the pipeline over one lxml tree:
page limits, encoding, tree, metadata, title, boxes, body, lead, captions, assembly, site blocks;
`page_kind` is the one keep-or-drop policy for pages (crawl, reprocess and verify all ask it).

May import `archive.vietnamese`, `archive.article` and `archive.sites`; nothing of storage, search
or the crawler.
"""
