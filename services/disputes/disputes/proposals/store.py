"""A proposal written on the driver connection: the first one often comes with its report (filing,
the hot path), and a proposal's row is the same whichever way it comes."""

import asyncpg

from disputes.columns import insert_statement, values_of
from disputes.proposals.models import Proposal

INSERT_PROPOSAL = insert_statement(Proposal)


async def insert_proposal(conn: asyncpg.Connection, proposal: Proposal) -> None:
    await conn.execute(INSERT_PROPOSAL, *values_of(proposal))
