"""The lessons this service knows of, from booking's events: parties, times, status and price.
Disputes never reads booking's tables; a report is about a lesson recorded here."""
