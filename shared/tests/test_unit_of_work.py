"""What a unit of work remembers for its transaction, and when it reads again."""

from shared.runtime import Runtime
from shared.testing.probe import probe_service


async def test_a_remembered_read_is_made_once_per_transaction_and_again_when_forgotten_or_undone(service_settings):
    service = probe_service("probe-uow")
    runtime = Runtime(service, await service_settings(service))
    reads: list[str] = []

    async def read() -> str:
        reads.append("read")
        return f"value {len(reads)}"

    async with runtime.uow() as uow:
        assert await uow.remembered("settings", read) == "value 1"
        assert await uow.remembered("settings", read) == "value 1"
        uow.forget("settings")
        assert await uow.remembered("settings", read) == "value 2"
        try:
            async with uow.savepoint():
                raise RuntimeError("a change in the block is undone")
        except RuntimeError:
            pass
        assert await uow.remembered("settings", read) == "value 3"
        await uow.commit()
    async with runtime.uow() as uow:
        assert await uow.remembered("settings", read) == "value 4"
    await runtime.close()
