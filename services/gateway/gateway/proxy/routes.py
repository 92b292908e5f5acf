"""The route table: which service serves a /v1 path, decided by its first segment."""

ROUTES: dict[str, tuple[str, ...]] = {
    "booking": ("marketplace", "providers", "offerings", "availability", "slots", "bookings", "courses",
                "sessions"),
    "wallet": ("wallet", "accounts", "payments", "payment-methods", "promo-codes", "card-refunds", "credits", "bundles",
               "payouts", "ledger"),
    "disputes": ("reports", "disputes"),
    "notifications": ("chats", "messages", "alerts", "inbox", "preferences", "channels", "webhooks",
                      "reminders", "deliveries", "stream"),
}

SERVICE_OF_SEGMENT = {segment: service for service, segments in ROUTES.items() for segment in segments}


def service_for(path: str) -> str | None:
    """The service of a path like /v1/bookings/123, or None when the gateway routes it nowhere."""
    if not path.startswith("/v1/"):
        return None
    segment = path[len("/v1/"):].split("/", 1)[0]
    return SERVICE_OF_SEGMENT.get(segment)
