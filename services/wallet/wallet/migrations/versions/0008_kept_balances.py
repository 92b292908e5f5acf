"""kept balances: the accounts with a floor (student credits, promo codes) keep their balance, moved by
the database with every posting, so that a debit checks and locks one row instead of summing the
account's whole history; the floor checked at commit reads it too, and a booking's escrow is summed
from the booking's own postings, never from the escrow account's history

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 15:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Only accounts with a floor keep a balance: the platform's accounts (escrow, fee income, card
# processor) take part in every booking, and a balance kept on them would make every booking of the
# marketplace wait for the one before it to commit.
KEPT_KINDS = "'student_credits', 'promo_codes'"

KEPT_BALANCES = (
    f"""
    CREATE FUNCTION accounts_open_balance() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.balance_minor := CASE WHEN NEW.kind IN ({KEPT_KINDS}) THEN 0 END;
        RETURN NEW;
    END $$;
    """,
    """
    CREATE TRIGGER accounts_open_balance BEFORE INSERT ON accounts
        FOR EACH ROW EXECUTE FUNCTION accounts_open_balance();
    """,
    """
    CREATE FUNCTION postings_move_balance() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE accounts SET balance_minor = balance_minor + NEW.amount_minor
            WHERE id = NEW.account_id AND balance_minor IS NOT NULL;
        RETURN NULL;
    END $$;
    """,
    # Not deferred: the row is locked from the posting to the commit, so the check at commit reads a
    # balance no concurrent transaction can move meanwhile.
    """
    CREATE TRIGGER postings_move_balance AFTER INSERT ON postings
        FOR EACH ROW EXECUTE FUNCTION postings_move_balance();
    """,
    """
    CREATE FUNCTION accounts_balance_is_derived() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the balance of account % follows its postings: it is not written directly', OLD.id
            USING ERRCODE = 'restrict_violation', HINT = 'post a ledger transaction instead';
    END $$;
    """,
    # Depth 0 is a statement sent by a client; postings_move_balance's update runs at depth 1.
    """
    CREATE TRIGGER accounts_balance_is_derived BEFORE UPDATE OF balance_minor ON accounts
        FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION accounts_balance_is_derived();
    """,
)

DROP_KEPT_BALANCES = (
    "DROP TRIGGER accounts_balance_is_derived ON accounts",
    "DROP FUNCTION accounts_balance_is_derived()",
    "DROP TRIGGER postings_move_balance ON postings",
    "DROP FUNCTION postings_move_balance()",
    "DROP TRIGGER accounts_open_balance ON accounts",
    "DROP FUNCTION accounts_open_balance()",
)

# 0005's checks; the floor of an account that keeps its balance reads the balance instead of summing, and
# a booking's escrow is summed from the booking's postings.
POSTING_CHECK = """
CREATE OR REPLACE FUNCTION ledger_check_posting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced_currency text;
    account_kind text;
    kept bigint;
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

    -- A kept balance was moved by this transaction's posting, which locked the row until commit.
    SELECT kind, balance_minor INTO account_kind, kept FROM accounts WHERE id = NEW.account_id;
    IF account_kind = 'platform_escrow' THEN
        SELECT booking_id INTO booking FROM ledger_transactions WHERE id = NEW.transaction_id;
        IF booking IS NULL THEN
            RAISE EXCEPTION 'escrow moved outside a booking in transaction %', NEW.transaction_id
                USING ERRCODE = 'check_violation';
        END IF;
        -- The booking's capture row serialises every movement of its escrow.
        PERFORM 1 FROM ledger_transactions
            WHERE marketplace_id = NEW.marketplace_id AND booking_id = booking AND kind = 'capture' FOR UPDATE;
        -- The booking's postings first (a few), then its escrow's among them: asked for the escrow
        -- account's postings of the booking in one go, the planner may walk every posting escrow ever
        -- had (the escrow account's index) to find them, more with every booking of the marketplace.
        WITH booking_postings AS MATERIALIZED (
            SELECT p.account_id, p.amount_minor, t.kind FROM ledger_transactions t
                JOIN postings p ON p.transaction_id = t.id
            WHERE t.marketplace_id = NEW.marketplace_id AND t.booking_id = booking)
        SELECT coalesce(sum(amount_minor), 0), coalesce(sum(amount_minor) FILTER (WHERE kind = 'capture'), 0)
            INTO remaining, captured FROM booking_postings WHERE account_id = NEW.account_id;
        IF NEW.amount_minor < 0 AND remaining < 0 THEN
            RAISE EXCEPTION 'refunds and payouts of booking % exceed what was captured (escrow %)', booking, remaining
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.amount_minor > 0 AND remaining > captured THEN
            RAISE EXCEPTION 'escrow of booking % would hold more than was captured (% > %)', booking, remaining,
                captured USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.amount_minor < 0 AND kept < 0 THEN
        RAISE EXCEPTION '% of account % would go below zero (%)', replace(account_kind, '_', ' '),
            NEW.account_id, kept USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
"""

# 0005's function, restored by the downgrade.
PREVIOUS_POSTING_CHECK = """
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


def upgrade() -> None:
    op.add_column('accounts', sa.Column('balance_minor', sa.BigInteger(), nullable=True))
    # Taken with the table locked, so no posting lands between the sum and the trigger that follows it.
    op.execute("LOCK TABLE accounts, postings IN SHARE ROW EXCLUSIVE MODE")
    op.execute(f"""
        UPDATE accounts a SET balance_minor = coalesce((SELECT sum(p.amount_minor) FROM postings p
                                                        WHERE p.account_id = a.id), 0)
        WHERE a.kind IN ({KEPT_KINDS})
    """)
    for statement in KEPT_BALANCES:
        op.execute(statement)
    op.execute(POSTING_CHECK)


def downgrade() -> None:
    op.execute(PREVIOUS_POSTING_CHECK)
    for statement in DROP_KEPT_BALANCES:
        op.execute(statement)
    op.drop_column('accounts', 'balance_minor')
