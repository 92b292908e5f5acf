"""Missed lessons settled by booking's missed-lesson flow (MS-2, MS-3): the provider's promo code or
credit refund, or the platform's refund after the grace period, closes the lesson's report."""
