"""Paying providers for delivered lessons: the price leaves escrow, split between provider and platform."""
