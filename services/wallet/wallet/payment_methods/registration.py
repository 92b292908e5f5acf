from pydantic import SecretStr

from shared.auth import Identity
from shared.unit_of_work import UnitOfWork
from wallet.cards.adapters import card_processor
from wallet.identifiers import new_id
from wallet.payment_methods.models import PaymentMethod


async def add_card(uow: UnitOfWork, student: Identity, token: SecretStr) -> PaymentMethod:
    """Attach the card the processor tokenized and keep what it answers: its payment method id and
    what may be shown (brand, last4, expiry). The token is spent at the processor, and kept nowhere.

    The processor commits the attach on its own: if the wallet's transaction then fails, the token is
    spent without a saved card here, and the page tokenizes the card again, as it would for any error."""
    processor = card_processor(uow, student.marketplace_id)
    card = await processor.attach(token)
    method = PaymentMethod(id=new_id("pm"), marketplace_id=student.marketplace_id, student_id=student.user_id,
                           processor=processor.name, processor_payment_method_id=card.id, brand=card.brand,
                           last4=card.last4, exp_month=card.exp_month, exp_year=card.exp_year)
    uow.session.add(method)
    return method
