"""Missed lessons (MS-1..MS-3): what booking reported missed, and the money of how each was resolved:
a refund as credits (clawed back first if the lesson was paid out) or a promo code."""
