from shared.auth import Identity
from shared.unit_of_work import UnitOfWork
from wallet.cards.adapters import card_processor
from wallet.cards.port import CardDetails
from wallet.identifiers import new_id
from wallet.payment_methods.models import PaymentMethod


async def add_card(uow: UnitOfWork, student: Identity, card: CardDetails) -> PaymentMethod:
    """Hand the card to the processor and keep only its token and what may be shown (brand, last4):
    the full number and the CVC never reach the wallet's tables."""
    processor = card_processor(uow, student.marketplace_id)
    token = await processor.tokenize(card)
    method = PaymentMethod(id=new_id("pm"), marketplace_id=student.marketplace_id, student_id=student.user_id,
                           processor=processor.name, processor_token=token.token, brand=token.brand,
                           last4=token.last4, exp_month=token.exp_month, exp_year=token.exp_year)
    uow.session.add(method)
    return method
