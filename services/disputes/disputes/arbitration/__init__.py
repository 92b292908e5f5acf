"""Disputes: a report escalated to staff (DS-3), by a party or because nobody answered it for
7 days (DS-5), and the staff decision on it, which is final. A dispute's id is its report's id."""
