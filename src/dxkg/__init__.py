"""dxkg: a knowledge graph of Vietnam's digital transformation, built from news articles."""

__version__ = "0.1.0"
