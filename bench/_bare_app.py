"""The reference of bench/booking.py: a bare FastAPI endpoint doing one INSERT, nothing else.

    BARE_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/scratch \
        python -m uvicorn _bare_app:app --app-dir bench --port 9000

Same stack as the services' HTTP side (FastAPI, pydantic body, uvicorn with its default loop and
parser, i.e. uvloop and httptools here, one process) and asyncpg with a pool of the services' size
(10), but no auth, no idempotency key, no ORM, no outbox: what one request that writes one row costs
at the least on this machine.
"""

import os
import uuid
from contextlib import asynccontextmanager
from datetime import datetime

import asyncpg
from fastapi import FastAPI
from pydantic import BaseModel, Field


class ItemIn(BaseModel):
    offering_id: str = Field(max_length=32)
    starts_at: datetime
    payment: dict


class ItemOut(BaseModel):
    id: str
    status: str


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool(os.environ["BARE_DATABASE_URL"], min_size=10, max_size=10)
    async with app.state.pool.acquire() as conn:
        await conn.execute("CREATE TABLE IF NOT EXISTS items (id text PRIMARY KEY, offering_id text NOT NULL, "
                           "starts_at timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT now())")
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/items", status_code=201)
async def create_item(item: ItemIn) -> ItemOut:
    item_id = uuid.uuid4().hex
    await app.state.pool.execute("INSERT INTO items (id, offering_id, starts_at) VALUES ($1, $2, $3)",
                                 item_id, item.offering_id, item.starts_at)
    return ItemOut(id=item_id, status="created")


@app.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}
