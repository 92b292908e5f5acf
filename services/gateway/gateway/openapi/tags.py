"""What each group of operations (an OpenAPI tag) is for, as partners read it on /docs. The services
tag their routes; the descriptions live here, beside the one document partners read."""

TAG_DESCRIPTIONS = {
    "operators": "The platform's operators (X-Operator-Key): register marketplaces and issue or revoke their "
                 "API keys.",
    "auth": "Short-lived user tokens, issued to your backend (a secret API key) for one of your users and role.",
    "marketplace": "Your marketplace as the services know it: its currencies and the effective terms of its "
                   "policy; staff change the policy of new bookings.",
    "providers": "Provider profiles, pausing and resuming, and (staff) a provider's record of misses, strikes "
                 "and suspensions.",
    "availability": "A provider's weekly hours and blocked periods, and the bookable slots they leave.",
    "offerings": "The kinds of lesson a provider offers, with their length and price.",
    "bookings": "Booking a slot, the booking's life (payment, acceptance, delivery) and its timeline.",
    "rescheduling": "Moving a lesson: reschedule requests and their answers, and the provider's own time edit.",
    "cancelling": "Cancelling a lesson, the refund it gets under the booking's terms, and refund exceptions.",
    "missed lessons": "Settling a missed lesson: a promo code or a refund as credits.",
    "payment methods": "The student's saved cards.",
    "wallet": "Credits: top-ups, balances and statements.",
    "payments": "What was paid for each booking, and how.",
    "ledger": "Staff: the double-entry ledger's trial balance.",
    "card refunds": "Staff: refunds to the card a lesson was paid with.",
    "promo codes": "Promo codes given for missed lessons, and what is left of them.",
    "reports": "Problem reports about a lesson, proposals to settle them, and escalation to staff.",
    "disputes": "Staff: escalated reports, their final decision, and the users' disputed marks.",
    "preferences": "Where and how each user is told of things: channel preferences, email and Discord channels, "
                   "the marketplace's Discord.",
    "inbox": "The in-platform inbox: alerts to read, archive or mark all read.",
    "alerts": "One alert, and staff's desk of alerts meant for staff.",
    "chat": "Threads and messages between the parties of a lesson.",
    "reminders": "The reminders due for a booking.",
    "deliveries": "Staff: how each alert went out on each channel, and replaying failed ones.",
    "webhooks": "Signed webhooks to your backend: endpoints, the event types, their deliveries and replays.",
    "stream": "A live server-sent event stream of the caller's alerts.",
    "operations": "Health and readiness of the gateway itself.",
}


def described_tags(paths: dict) -> list[dict]:
    """The tags the operations use, in the order they first appear, each with its description."""
    used = dict.fromkeys(tag for item in paths.values() for operation in item.values()
                         if isinstance(operation, dict) for tag in operation.get("tags", []))
    return [{"name": tag, **({"description": TAG_DESCRIPTIONS[tag]} if tag in TAG_DESCRIPTIONS else {})}
            for tag in used]
