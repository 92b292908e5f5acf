"""Whether a student contacted the provider about a lesson (RF-2, DS-4): a small projection of
the lesson's start (from booking's events) and the latest time the student wrote to the provider
(from notifications' chat events). The wallet reads no other service's tables."""
