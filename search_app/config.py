"""App settings, in one place."""


class DefaultConfig:
    DATA_DIR = "data"
    PAGE_SIZE = 10
    MAX_PAGE_SIZE = 100
    MAX_QUERY_CHARS = 500
    CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
