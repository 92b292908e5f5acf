"""Accounts, the double-entry ledger, payments, escrow, refunds, payouts, promo codes and credit bundles."""
