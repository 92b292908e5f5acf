"""The double-entry ledger: append-only transactions whose postings sum to zero per currency.
Balances are sums of postings; nothing else holds money."""
