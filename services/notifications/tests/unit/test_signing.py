from notifications.webhooks.signing import new_secret, signature, signed_headers, verify

# The example of the Standard Webhooks specification.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}'


def test_the_signature_matches_the_specifications_example():
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert signature(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY) == expected


def test_every_live_secret_signs_and_either_verifies():
    old, new = new_secret(), new_secret()
    headers = signed_headers([new, old], "msg_1", 1_700_000_000, "{}")
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert verify(old, headers, "{}", now=1_700_000_010) and verify(new, headers, "{}", now=1_700_000_010)


def test_a_changed_body_a_stale_timestamp_or_another_secret_fails():
    secret = new_secret()
    headers = signed_headers([secret], "msg_1", 1_700_000_000, '{"a":1}')
    assert not verify(secret, headers, '{"a":2}', now=1_700_000_000)
    assert not verify(secret, headers, '{"a":1}', now=1_700_000_000 + 301)
    assert not verify(new_secret(), headers, '{"a":1}', now=1_700_000_000)


def test_a_secret_is_whsec_and_32_random_bytes():
    assert new_secret().startswith("whsec_") and len(new_secret()) == len("whsec_") + 44
    assert new_secret() != new_secret()
