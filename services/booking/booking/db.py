"""The base of the booking service's tables: its own metadata, apart from every other service's."""

from shared.database import declarative_base

Base = declarative_base()
