"""Promo codes (PC-1, PC-2): a missed lesson's value, held for the student to book a replacement with
the same provider; single-use, and given back as credits if it expires unused."""
