from enum import StrEnum


class Channel(StrEnum):
    IN_PLATFORM = "in_platform"
    EMAIL = "email"
    DISCORD = "discord"


# The channels that leave the platform: sent by delivery rows, retried, possibly failing.
EXTERNAL_CHANNELS = (Channel.EMAIL, Channel.DISCORD)


class AlertKind(StrEnum):
    BOOKING = "booking"  # confirmed, awaiting acceptance, declined, did not go through, delivered; paused, reactivated
    PAYMENT = "payment"  # payment failed, refund, payout, credits topped up
    REMINDER = "reminder"  # before a lesson (NT-3)
    DISPUTE = "dispute"  # a report's steps: reported, proposed, rejected, escalated, resolved
    CHAT = "chat"  # a chat message still unread after the policy delay (NT-4)
    CHANNEL = "channel"  # about the user's own channels (a Discord webhook switched off): not a choice


CHOOSABLE_KINDS = tuple(kind for kind in AlertKind if kind is not AlertKind.CHANNEL)
