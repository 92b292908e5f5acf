"""Taking a payout back into its booking's escrow when the lesson is refunded after it was paid out
(MS-3, a dispute settled after the payout): the provider's earnings may go negative and are recovered
from later payouts; the platform gives its fee back too."""
