from shared.events import MissResolved

# Why a missed lesson's money went back, as the student is told.
_REFUND_REASONS = {
    "credit_refund": "The provider missed the lesson and refunded it as wallet credits.",
    "platform_refund": "The provider missed the lesson and did not resolve it in time; the platform refunded it "
                       "as wallet credits.",
}


def refund_reason(resolved: MissResolved) -> str:
    return _REFUND_REASONS.get(resolved.remedy, "The lesson was missed; it was refunded as wallet credits.")
