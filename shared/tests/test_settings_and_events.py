"""Start-up fails fast on bad configuration; events are versioned and typed."""

import json
from uuid import uuid4

import pytest

from shared.events import Envelope, MarketplaceRegistered, ProbeRecorded
from shared.events.envelope import event_schema, schema_for
from shared.settings import SettingsError, load_settings
from shared.testing.probe import ProbeSettings


def test_missing_and_wrong_variables_are_named(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://nope")
    monkeypatch.setenv("AMQP_URL", "http://broker")
    with pytest.raises(SettingsError) as failed:
        load_settings(ProbeSettings)
    message = str(failed.value)
    assert "DATABASE_URL: Value error, must be a postgresql+asyncpg:// URL" in message
    assert "AMQP_URL: Value error, must be an amqp:// or amqps:// URL" in message


def test_a_missing_public_key_is_named(monkeypatch, keypair):
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://localhost/x")
    with pytest.raises(SettingsError, match="JWT_PUBLIC_KEY"):
        load_settings(ProbeSettings)
    monkeypatch.setenv("JWT_PUBLIC_KEY", keypair[1])
    assert load_settings(ProbeSettings).jwt_public_key == keypair[1]


def test_an_envelope_parses_into_its_registered_schema():
    sent = Envelope(type=MarketplaceRegistered.event_type, source="gateway", marketplace="acme",
                    correlation_id=uuid4(), data=MarketplaceRegistered(marketplace_id="acme", name="Acme",
                                                                       policy_preset="coaching"))
    received = Envelope.parse(sent.model_dump_json())
    assert isinstance(received.data, MarketplaceRegistered)
    assert received == sent


def test_an_unknown_type_or_a_payload_off_its_schema_does_not_parse():
    base = Envelope(type=ProbeRecorded.event_type, source="t", marketplace="m", correlation_id=uuid4(),
                    data=ProbeRecorded(probe_id="p")).model_dump(mode="json")
    with pytest.raises(LookupError):
        Envelope.parse(json.dumps({**base, "type": "nobody.nothing.v1"}))
    with pytest.raises(ValueError, match="unexpected"):
        Envelope.parse(json.dumps({**base, "data": {"probe_id": "p", "unexpected": 1}}))


def test_event_types_are_versioned_and_unique():
    with pytest.raises(ValueError, match=r"<service>\.<fact>\.v<N>"):
        event_schema("booking.confirmed")
    with pytest.raises(ValueError, match="registered twice"):
        event_schema(ProbeRecorded.event_type)(type("Again", (ProbeRecorded,), {}))
    assert schema_for("gateway.marketplace_registered.v1") is MarketplaceRegistered


def test_the_asyncapi_document_lists_every_event_with_its_schema():
    from shared.events.asyncapi import document
    from shared.events.envelope import catalog

    doc = document()
    addresses = {channel["address"] for channel in doc["channels"].values()}
    assert addresses == set(catalog())
    probe = doc["components"]["schemas"]["platform_probe_recorded_v1"]
    assert set(probe["required"]) >= {"type", "source", "marketplace", "correlation_id", "data"}
