"""Staff refunding a lesson to the card that paid for it (RF-2, DS-4), never half-done (RF-3).

A card refund is written as pending and committed before the processor is called, with an
idempotency key derived from its id; the ledger, the refund and the event follow in one transaction
only once the processor said yes. A failure is recorded (nothing moved) and can be retried under the
same key, so a refund the processor made but the wallet did not record is found, not repeated.
"""
