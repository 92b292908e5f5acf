"""ledger and payments: accounts, journal with its database guards, payment methods, payments, refunds,
payouts, top-ups, released bookings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 10:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The ledger's invariants, held by the database whatever code writes to it (PL-3, RF-3).
LEDGER_GUARDS = (
    """
    CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation', HINT = 'correct a mistake with a new, reversing transaction';
    END $$;
    """,
    """
    CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
        FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
    """,
    """
    CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
    """,
    """
    CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
        FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
    """,
    """
    CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
    """,
    """
    -- Checked at commit (deferred), when every posting of the transaction is in:
    --  1. the transaction's postings sum to zero in each currency,
    --  2. a student's credits don't go below zero,
    --  3. a booking's escrow doesn't go below zero: its refunds and payouts never exceed its capture,
    --     and escrow is only ever moved for a booking.
    -- Checks 2 and 3 first lock what they sum (the account row; the booking's capture), so two
    -- concurrent debits take turns and the second one's sum sees the first one's postings.
    CREATE FUNCTION ledger_check_posting() RETURNS trigger LANGUAGE plpgsql AS $$
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
    """,
    """
    CREATE CONSTRAINT TRIGGER postings_checked_at_commit AFTER INSERT ON postings
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_posting();
    """,
)

DROP_LEDGER_GUARDS = (
    """
    DROP TRIGGER postings_checked_at_commit ON postings;
    """,
    """
    DROP FUNCTION ledger_check_posting();
    """,
    """
    DROP TRIGGER postings_no_truncate ON postings;
    """,
    """
    DROP TRIGGER postings_append_only ON postings;
    """,
    """
    DROP TRIGGER ledger_transactions_no_truncate ON ledger_transactions;
    """,
    """
    DROP TRIGGER ledger_transactions_append_only ON ledger_transactions;
    """,
    """
    DROP FUNCTION ledger_is_append_only();
    """,
)

def upgrade() -> None:
    op.create_table('accounts',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('owner_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("currency ~ '^[A-Z]{3}$'", name=op.f('ck_accounts_currency')),
    sa.CheckConstraint("kind IN ('student_credits', 'provider_earnings', 'platform_escrow', 'platform_fee_income', 'card_processor')", name=op.f('ck_accounts_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
    sa.UniqueConstraint('id', 'marketplace_id', 'currency', name='uq_accounts_id_marketplace_currency'),
    sa.UniqueConstraint('marketplace_id', 'kind', 'owner_id', 'currency', name='uq_accounts_identity')
    )
    op.create_table('ledger_transactions',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("booking_id IS NOT NULL OR kind NOT IN ('capture', 'refund', 'payout')", name=op.f('ck_ledger_transactions_booking_money_names_booking')),
    sa.CheckConstraint("kind IN ('top_up', 'capture', 'refund', 'payout')", name=op.f('ck_ledger_transactions_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_transactions')),
    sa.UniqueConstraint('id', 'marketplace_id', name='uq_ledger_transactions_id_marketplace')
    )
    op.create_index('ix_ledger_transactions_booking', 'ledger_transactions', ['marketplace_id', 'booking_id'], unique=False)
    op.create_index('uq_ledger_transactions_once_per_booking', 'ledger_transactions', ['marketplace_id', 'booking_id', 'kind'], unique=True, postgresql_where=sa.text("kind IN ('capture', 'refund', 'payout')"))
    op.create_table('payment_methods',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('processor', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('processor_token', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('brand', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('last4', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('exp_month', sa.Integer(), nullable=False),
    sa.Column('exp_year', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_methods'))
    )
    op.create_index('ix_payment_methods_owner', 'payment_methods', ['marketplace_id', 'student_id'], unique=False)
    op.create_table('payments',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('payment_method_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('failure_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('failure_reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('charge_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('transaction_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("method IN ('credits', 'card')", name=op.f('ck_payments_method')),
    sa.CheckConstraint("status = 'captured' OR transaction_id IS NULL", name=op.f('ck_payments_failed_moves_no_money')),
    sa.CheckConstraint("status = 'failed' OR transaction_id IS NOT NULL", name=op.f('ck_payments_captured_has_transaction')),
    sa.CheckConstraint("status IN ('captured', 'failed')", name=op.f('ck_payments_status')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transactions.id'], name=op.f('fk_payments_transaction_id_ledger_transactions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('marketplace_id', 'booking_id', name='uq_payments_booking')
    )
    op.create_table('payouts',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('gross_minor', sa.BigInteger(), nullable=False),
    sa.Column('fee_minor', sa.BigInteger(), nullable=False),
    sa.Column('net_minor', sa.BigInteger(), nullable=False),
    sa.Column('fee_bps', sa.Integer(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('transaction_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('fee_minor + net_minor = gross_minor', name=op.f('ck_payouts_split_adds_up')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transactions.id'], name=op.f('fk_payouts_transaction_id_ledger_transactions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payouts')),
    sa.UniqueConstraint('marketplace_id', 'booking_id', name='uq_payouts_booking')
    )
    op.create_table('postings',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('transaction_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('account_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('amount_minor <> 0', name=op.f('ck_postings_nonzero')),
    sa.ForeignKeyConstraint(['account_id', 'marketplace_id', 'currency'], ['accounts.id', 'accounts.marketplace_id', 'accounts.currency'], name='fk_postings_account'),
    sa.ForeignKeyConstraint(['transaction_id', 'marketplace_id'], ['ledger_transactions.id', 'ledger_transactions.marketplace_id'], name='fk_postings_transaction'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_postings'))
    )
    op.create_index('ix_postings_account_id_id', 'postings', ['account_id', 'id'], unique=False)
    op.create_index('ix_postings_transaction_id', 'postings', ['transaction_id'], unique=False)
    op.create_table('top_ups',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('payment_method_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('charge_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('transaction_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['payment_method_id'], ['payment_methods.id'], name=op.f('fk_top_ups_payment_method_id_payment_methods')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transactions.id'], name=op.f('fk_top_ups_transaction_id_ledger_transactions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_top_ups')),
    sa.UniqueConstraint('marketplace_id', 'charge_id', name='uq_top_ups_charge')
    )
    op.create_table('refunds',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('payment_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('destination', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('processor_refund_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('transaction_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("destination IN ('credits', 'card')", name=op.f('ck_refunds_destination')),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_refunds_payment_id_payments')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transactions.id'], name=op.f('fk_refunds_transaction_id_ledger_transactions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds')),
    sa.UniqueConstraint('marketplace_id', 'booking_id', name='uq_refunds_booking')
    )
    op.create_table('released_bookings',
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('released_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('marketplace_id', 'booking_id', name=op.f('pk_released_bookings'))
    )
    for statement in LEDGER_GUARDS:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_LEDGER_GUARDS:
        op.execute(statement)
    op.drop_table('released_bookings')
    op.drop_table('refunds')
    op.drop_table('top_ups')
    op.drop_index('ix_postings_transaction_id', table_name='postings')
    op.drop_index('ix_postings_account_id_id', table_name='postings')
    op.drop_table('postings')
    op.drop_table('payouts')
    op.drop_table('payments')
    op.drop_index('ix_payment_methods_owner', table_name='payment_methods')
    op.drop_table('payment_methods')
    op.drop_index('uq_ledger_transactions_once_per_booking', table_name='ledger_transactions', postgresql_where=sa.text("kind IN ('capture', 'refund', 'payout')"))
    op.drop_index('ix_ledger_transactions_booking', table_name='ledger_transactions')
    op.drop_table('ledger_transactions')
    op.drop_table('accounts')
