"""Operations over a whole data directory: `reprocess` (re-extract every article from its raw
capture), `verify` (store, index and captures checked against each other, with repair) and
`backup` (a consistent copy while in use).

The top of the library: may import extract, storage, search, vietnamese and the registry; never
the crawler or the web app.
"""
