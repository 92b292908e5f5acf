import os

import pytest

from gateway.settings import GatewaySettings
from shared.auth import generate_keypair
from shared.settings import SettingsError, load_settings

DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1/gateway"


@pytest.fixture(autouse=True)
def no_gateway_environment(monkeypatch):
    for name in [name for name in os.environ if name.startswith("GATEWAY_")]:
        monkeypatch.delenv(name)


def settings(keypair, **overrides) -> GatewaySettings:
    values = {"database_url": DATABASE_URL, "jwt_public_key": keypair[1], "jwt_private_key": keypair[0],
              "operator_key": "x" * 16, **overrides}
    return load_settings(GatewaySettings, **values)


def test_defaults(keypair):
    loaded = settings(keypair)
    assert (loaded.port, loaded.token_ttl_s, loaded.upstream_timeout_s) == (8000, 900, 30)
    assert loaded.upstream_urls["notifications"] == "http://127.0.0.1:8004"
    assert "x" * 16 not in repr(loaded) and keypair[0] not in repr(loaded)


def test_the_private_key_is_read_from_a_file(keypair, tmp_path):
    (tmp_path / "key.pem").write_text(keypair[0])
    loaded = settings(keypair, jwt_private_key="", jwt_private_key_file=tmp_path / "key.pem")
    assert loaded.jwt_private_key.get_secret_value() == keypair[0]


@pytest.mark.parametrize(("overrides", "named"), [
    ({"jwt_private_key": ""}, "GATEWAY_JWT_PRIVATE_KEY (or GATEWAY_JWT_PRIVATE_KEY_FILE)"),
    ({"jwt_private_key": "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n"},
     "GATEWAY_JWT_PRIVATE_KEY"),
    ({"operator_key": "short"}, "GATEWAY_OPERATOR_KEY"),
])
def test_start_up_stops_naming_what_is_wrong(keypair, overrides, named):
    with pytest.raises(SettingsError) as error:
        settings(keypair, **overrides)
    assert named in str(error.value)


def test_the_operator_key_is_required(keypair):
    with pytest.raises(SettingsError) as error:
        load_settings(GatewaySettings, database_url=DATABASE_URL, jwt_public_key=keypair[1],
                      jwt_private_key=keypair[0])
    assert "GATEWAY_OPERATOR_KEY: Field required" in str(error.value)


def test_a_private_key_of_another_pair_is_refused(keypair):
    with pytest.raises(SettingsError, match="not the private half of GATEWAY_JWT_PUBLIC_KEY"):
        settings(keypair, jwt_private_key=generate_keypair()[0])
