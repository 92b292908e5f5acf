"""missed lessons: promo codes, the missed-lesson projection, clawbacks, and the lesson-money ceiling
held by the database (RF-3): a booking's escrow never holds more than was captured for it, a promo
code's account never goes below zero, a payout is clawed back and a missed lesson turned into a promo
code at most once

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 13:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACCOUNT_KINDS = "'student_credits', 'provider_earnings', 'platform_escrow', 'platform_fee_income', 'card_processor'"
NEW_ACCOUNT_KINDS = ACCOUNT_KINDS + ", 'promo_codes'"
TRANSACTION_KINDS = "'top_up', 'capture', 'refund', 'payout'"
NEW_TRANSACTION_KINDS = TRANSACTION_KINDS + ", 'clawback', 'promo_issue'"
BOOKING_MONEY = "'capture', 'refund', 'payout'"
NEW_BOOKING_MONEY = BOOKING_MONEY + ", 'clawback', 'promo_issue'"
ONCE_PER_BOOKING = "'capture', 'payout'"
NEW_ONCE_PER_BOOKING = ONCE_PER_BOOKING + ", 'clawback', 'promo_issue'"

# 0002's checks, plus: escrow coming in (a clawback) never makes a booking's escrow exceed its capture,
# and a promo code's account has the same floor as a student's credits.
POSTING_CHECK = """
CREATE OR REPLACE FUNCTION ledger_check_posting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced_currency text;
    account_kind text;
    booking text;
    remaining bigint;
    captured bigint;
BEGIN
    SELECT currency INTO unbalanced_currency FROM postings WHERE transaction_id = NEW.transaction_id
        GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance in %', NEW.transaction_id, unbalanced_currency
            USING ERRCODE = 'check_violation';
    END IF;

    SELECT kind INTO account_kind FROM accounts WHERE id = NEW.account_id;
    IF account_kind = 'platform_escrow' THEN
        SELECT booking_id INTO booking FROM ledger_transactions WHERE id = NEW.transaction_id;
        IF booking IS NULL THEN
            RAISE EXCEPTION 'escrow moved outside a booking in transaction %', NEW.transaction_id
                USING ERRCODE = 'check_violation';
        END IF;
        -- The booking's capture row serialises every movement of its escrow.
        PERFORM 1 FROM ledger_transactions
            WHERE marketplace_id = NEW.marketplace_id AND booking_id = booking AND kind = 'capture' FOR UPDATE;
        SELECT coalesce(sum(p.amount_minor), 0) INTO remaining
            FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
            WHERE t.marketplace_id = NEW.marketplace_id AND t.booking_id = booking AND p.account_id = NEW.account_id;
        IF NEW.amount_minor < 0 AND remaining < 0 THEN
            RAISE EXCEPTION 'refunds and payouts of booking % exceed what was captured (escrow %)', booking, remaining
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.amount_minor > 0 THEN
            SELECT coalesce(sum(p.amount_minor), 0) INTO captured
                FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
                WHERE t.marketplace_id = NEW.marketplace_id AND t.booking_id = booking AND t.kind = 'capture'
                  AND p.account_id = NEW.account_id;
            IF remaining > captured THEN
                RAISE EXCEPTION 'escrow of booking % would hold more than was captured (% > %)', booking, remaining,
                    captured USING ERRCODE = 'check_violation';
            END IF;
        END IF;
    ELSIF NEW.amount_minor < 0 AND account_kind IN ('student_credits', 'promo_codes') THEN
        PERFORM 1 FROM accounts WHERE id = NEW.account_id FOR UPDATE;
        SELECT sum(amount_minor) INTO remaining FROM postings WHERE account_id = NEW.account_id;
        IF remaining < 0 THEN
            RAISE EXCEPTION '% of account % would go below zero (%)', replace(account_kind, '_', ' '),
                NEW.account_id, remaining USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NULL;
END $$;
"""

# 0002's function, restored by the downgrade.
PREVIOUS_POSTING_CHECK = """
CREATE OR REPLACE FUNCTION ledger_check_posting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced_currency text;
    account_kind text;
    booking text;
    remaining bigint;
BEGIN
    SELECT currency INTO unbalanced_currency FROM postings WHERE transaction_id = NEW.transaction_id
        GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance in %', NEW.transaction_id, unbalanced_currency
            USING ERRCODE = 'check_violation';
    END IF;

    SELECT kind INTO account_kind FROM accounts WHERE id = NEW.account_id;
    IF account_kind = 'platform_escrow' THEN
        SELECT booking_id INTO booking FROM ledger_transactions WHERE id = NEW.transaction_id;
        IF booking IS NULL THEN
            RAISE EXCEPTION 'escrow moved outside a booking in transaction %', NEW.transaction_id
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;

    IF NEW.amount_minor > 0 THEN
        RETURN NULL;  -- money coming in can't cross a floor
    END IF;
    IF account_kind = 'student_credits' THEN
        PERFORM 1 FROM accounts WHERE id = NEW.account_id FOR UPDATE;
        SELECT sum(amount_minor) INTO remaining FROM postings WHERE account_id = NEW.account_id;
        IF remaining < 0 THEN
            RAISE EXCEPTION 'student credits of account % would go below zero (%)', NEW.account_id, remaining
                USING ERRCODE = 'check_violation';
        END IF;
    ELSIF account_kind = 'platform_escrow' THEN
        PERFORM 1 FROM ledger_transactions
            WHERE marketplace_id = NEW.marketplace_id AND booking_id = booking AND kind = 'capture' FOR UPDATE;
        SELECT coalesce(sum(p.amount_minor), 0) INTO remaining
            FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
            WHERE t.marketplace_id = NEW.marketplace_id AND t.booking_id = booking AND p.account_id = NEW.account_id;
        IF remaining < 0 THEN
            RAISE EXCEPTION 'refunds and payouts of booking % exceed what was captured (escrow %)', booking, remaining
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NULL;
END $$;
"""


def _kinds(account_kinds: str, transaction_kinds: str, booking_money: str, once_per_booking: str) -> None:
    op.drop_constraint('ck_accounts_kind', 'accounts', type_='check')
    op.create_check_constraint('ck_accounts_kind', 'accounts', f"kind IN ({account_kinds})")
    op.drop_constraint('ck_ledger_transactions_kind', 'ledger_transactions', type_='check')
    op.create_check_constraint('ck_ledger_transactions_kind', 'ledger_transactions', f"kind IN ({transaction_kinds})")
    op.drop_constraint('ck_ledger_transactions_booking_money_names_booking', 'ledger_transactions', type_='check')
    op.create_check_constraint('ck_ledger_transactions_booking_money_names_booking', 'ledger_transactions',
                               f"booking_id IS NOT NULL OR kind NOT IN ({booking_money})")
    op.drop_index('uq_ledger_transactions_once_per_booking', table_name='ledger_transactions')
    op.create_index('uq_ledger_transactions_once_per_booking', 'ledger_transactions',
                    ['marketplace_id', 'booking_id', 'kind'], unique=True,
                    postgresql_where=sa.text(f"kind IN ({once_per_booking})"))


def upgrade() -> None:
    _kinds(NEW_ACCOUNT_KINDS, NEW_TRANSACTION_KINDS, NEW_BOOKING_MONEY, NEW_ONCE_PER_BOOKING)
    op.execute(POSTING_CHECK)
    op.create_table('missed_lessons',
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('report_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('price_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('missed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('marketplace_id', 'booking_id', name=op.f('pk_missed_lessons'))
    )
    op.create_table('promo_codes',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('missed_booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('value_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('replacement_booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('issue_transaction_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("(status = 'used') = (replacement_booking_id IS NOT NULL)", name=op.f('ck_promo_codes_used_names_its_booking')),
    sa.CheckConstraint("status IN ('active', 'used', 'expired')", name=op.f('ck_promo_codes_status')),
    sa.CheckConstraint('value_minor >= 0', name=op.f('ck_promo_codes_value_not_negative')),
    sa.ForeignKeyConstraint(['issue_transaction_id'], ['ledger_transactions.id'], name=op.f('fk_promo_codes_issue_transaction_id_ledger_transactions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_promo_codes')),
    sa.UniqueConstraint('marketplace_id', 'code', name='uq_promo_codes_code'),
    sa.UniqueConstraint('marketplace_id', 'missed_booking_id', name='uq_promo_codes_missed_booking'),
    sa.UniqueConstraint('marketplace_id', 'replacement_booking_id', name='uq_promo_codes_replacement_booking')
    )
    op.create_index('ix_promo_codes_listing', 'promo_codes', ['marketplace_id', 'created_at', 'id'], unique=False)
    op.create_index('ix_promo_codes_provider', 'promo_codes', ['marketplace_id', 'provider_id'], unique=False)
    op.create_index('ix_promo_codes_student', 'promo_codes', ['marketplace_id', 'student_id'], unique=False)
    op.add_column('payments', sa.Column('promo_code_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
    op.add_column('payments', sa.Column('promo_applied_minor', sa.BigInteger(), server_default='0', nullable=False))
    op.create_foreign_key(op.f('fk_payments_promo_code_id_promo_codes'), 'payments', 'promo_codes', ['promo_code_id'], ['id'])
    op.drop_constraint('ck_payments_method', 'payments', type_='check')
    op.create_check_constraint('ck_payments_method', 'payments', "method IN ('credits', 'card', 'promo_code')")
    op.create_check_constraint('ck_payments_promo_names_its_code', 'payments',
                               "promo_applied_minor = 0 OR promo_code_id IS NOT NULL")


def downgrade() -> None:
    op.drop_constraint('ck_payments_promo_names_its_code', 'payments', type_='check')
    op.drop_constraint('ck_payments_method', 'payments', type_='check')
    op.create_check_constraint('ck_payments_method', 'payments', "method IN ('credits', 'card')")
    op.drop_constraint(op.f('fk_payments_promo_code_id_promo_codes'), 'payments', type_='foreignkey')
    op.drop_column('payments', 'promo_applied_minor')
    op.drop_column('payments', 'promo_code_id')
    op.drop_index('ix_promo_codes_student', table_name='promo_codes')
    op.drop_index('ix_promo_codes_provider', table_name='promo_codes')
    op.drop_index('ix_promo_codes_listing', table_name='promo_codes')
    op.drop_table('promo_codes')
    op.drop_table('missed_lessons')
    op.execute(PREVIOUS_POSTING_CHECK)
    _kinds(ACCOUNT_KINDS, TRANSACTION_KINDS, BOOKING_MONEY, ONCE_PER_BOOKING)
