"""The base of the wallet service's tables: its own metadata, apart from every other service's."""

from shared.database import declarative_base

Base = declarative_base()
