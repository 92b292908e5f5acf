import uuid


def new_id() -> str:
    return uuid.uuid4().hex


# new_id()'s kind of id (a random UUID's 32 hex digits), made by the database for rows a statement adds.
NEW_ID_SQL = "replace(gen_random_uuid()::text, '-', '')"
