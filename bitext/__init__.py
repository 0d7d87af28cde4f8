"""bitext: a static-site generator for bilingual research digests."""

__version__ = "0.1.0"
