"""Ids the wallet hands out: a short prefix naming what the id is (`pay_`, `pm_`...) and random hex."""

from uuid import uuid4


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid4().hex}"
