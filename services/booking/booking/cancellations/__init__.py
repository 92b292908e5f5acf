"""Cancelling a lesson under the booking's own terms (CX-1 to CX-3): who may cancel, what is
refunded and in which form, exceptions granted afterwards, and paying the provider what they keep."""
