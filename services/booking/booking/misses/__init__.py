"""Missed lessons, after booking.lesson_missed (MS-2, MS-3, RF-1, PC-1, PS-1): the provider (or staff)
resolves the miss with a promo code or a refund as credits; left unresolved past the grace period, the
platform refunds the student and the miss counts against the provider. A miss is resolved once."""
