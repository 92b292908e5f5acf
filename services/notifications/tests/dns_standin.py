"""A DNS stand-in for partner webhooks: the names a test points somewhere answer what it says, and
every lookup is kept, so a test can move a name between registration and delivery as a partner's
DNS (or an attacker's) can. Other names go to the system's resolver, as in production."""

from collections import deque

from notifications.webhooks.destinations import system_resolver


class DnsStandIn:
    def __init__(self) -> None:
        self.asked: list[str] = []
        self._answers: dict[str, deque[list[str]]] = {}

    def point(self, name: str, *addresses: str) -> None:
        """Every lookup of `name` answers `addresses` from now on."""
        self._answers[name] = deque([list(addresses)])

    def then(self, name: str, *addresses: str) -> None:
        """After the answers already given for `name`, one lookup more answers `addresses`
        (the last answer stays): a name that changes between two lookups."""
        self._answers[name].append(list(addresses))

    def lookups(self, name: str) -> int:
        return self.asked.count(name)

    async def resolve(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        answers = self._answers.get(host)
        if answers is None:
            return await system_resolver(host, port)
        return answers.popleft() if len(answers) > 1 else answers[0]
