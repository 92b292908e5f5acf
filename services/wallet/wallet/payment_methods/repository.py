from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.payment_methods.models import PaymentMethod


async def owned_payment_method(session: AsyncSession, marketplace_id: str, student_id: str,
                               payment_method_id: str | None) -> PaymentMethod | None:
    """The student's payment method; another student's, or another marketplace's, is not found."""
    if payment_method_id is None:
        return None
    return (await session.exec(select(PaymentMethod).where(
        PaymentMethod.id == payment_method_id, PaymentMethod.marketplace_id == marketplace_id,
        PaymentMethod.student_id == student_id))).first()


async def owned_payment_methods(session: AsyncSession, marketplace_id: str, student_id: str) -> list[PaymentMethod]:
    return list((await session.exec(select(PaymentMethod).where(
        PaymentMethod.marketplace_id == marketplace_id, PaymentMethod.student_id == student_id)
        .order_by(PaymentMethod.created_at, PaymentMethod.id))).all())
