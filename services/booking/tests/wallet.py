"""The wallet's side of the saga, played by the test: its events on the run's exchange, the way
the real wallet publishes them, for booking's real consumer to handle. Each helper waits until the
consumer has handled the event, unless told not to."""

import uuid

from shared.events import Envelope, EventData, Money, PaymentCaptured, PaymentFailed, ProviderPaid, RefundIssued
from shared.messaging.broker import Broker
from shared.messaging.codec import envelope_message
from shared.testing.nodes import CountingConsumer, eventually


class WalletStandIn:
    def __init__(self, market, broker: Broker, consumer: CountingConsumer):
        self.market, self.broker, self.consumer = market, broker, consumer

    async def publish(self, data: EventData, source: str = "wallet", subject: str | None = None,
                      envelope: Envelope | None = None, wait: bool = True) -> Envelope:
        envelope = envelope or Envelope(type=data.event_type, source=source, subject=subject,
                                        marketplace=self.market.id, correlation_id=uuid.uuid4(), data=data)
        await self.broker.publish(envelope_message(envelope), envelope.type)
        if wait:
            await self.handled(envelope)
        return envelope

    async def handled(self, envelope: Envelope, deliveries: int = 1) -> None:
        """Wait until booking's consumer got the event `deliveries` times and has finished with it."""
        async def done():
            return self.consumer.deliveries.count(str(envelope.id)) >= deliveries and await self.consumer.idle()

        await eventually(done)

    async def capture(self, booking: dict, method: str = "credits", wait: bool = True) -> Envelope:
        return await self.publish(PaymentCaptured(
            booking_id=booking["id"], payment_id=f"pay-{booking['id'][:8]}", student_id=booking["student_id"],
            amount=Money(**booking["price"]), method=method), subject=_subject(booking), wait=wait)

    async def fail(self, booking: dict, code: str = "insufficient_credits",
                   reason: str = "Your wallet has too few credits for this lesson.") -> Envelope:
        return await self.publish(PaymentFailed(booking_id=booking["id"], student_id=booking["student_id"],
                                                code=code, reason=reason), subject=_subject(booking))

    async def refund(self, booking: dict, amount_minor: int, refund_id: str = "refund-1") -> Envelope:
        return await self.publish(RefundIssued(
            booking_id=booking["id"], refund_id=refund_id, student_id=booking["student_id"],
            amount=Money(amount_minor=amount_minor, currency=booking["price"]["currency"]),
            destination="credits", reason="The provider declined the booking."), subject=_subject(booking))

    async def pay_provider(self, booking: dict, fee_minor: int) -> Envelope:
        gross, currency = booking["price"]["amount_minor"], booking["price"]["currency"]
        return await self.publish(ProviderPaid(
            booking_id=booking["id"], provider_id=booking["provider_id"],
            gross=Money(amount_minor=gross, currency=currency), fee=Money(amount_minor=fee_minor, currency=currency),
            net=Money(amount_minor=gross - fee_minor, currency=currency)), subject=_subject(booking))

    async def until(self, booking: dict, condition) -> dict:
        async def met():
            current = await self.market.get(booking["id"], self.market.staff())
            return current if condition(current) else None

        return await eventually(met)


def _subject(booking: dict) -> str:
    return f"booking/{booking['id']}"
