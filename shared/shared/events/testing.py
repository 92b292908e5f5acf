"""An event with no business meaning, used by health probes, tests and the messaging benchmark."""

from shared.events.envelope import EventData, event_schema


@event_schema("platform.probe_recorded.v1")
class ProbeRecorded(EventData):
    probe_id: str
    sequence: int = 0
    fail_times: int = 0
