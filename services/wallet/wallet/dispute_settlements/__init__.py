"""The money of a settled problem report (DS-1, DS-3): a refund to the student as credits and the rest
of the price to the provider, once per report, never more than was captured (RF-3)."""
