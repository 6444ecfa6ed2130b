"""The worker's key is kept as raw RFC 8032 bytes (the 32-byte seed and the public key), so a key
made by any earlier PeerDesk signs and verifies as it did: the RFC's first test vector, through the
same calls PeerDesk signs and verifies with."""

from __future__ import annotations

from nacl.signing import SigningKey, VerifyKey

from peerdesk.storage import signing_key

# RFC 8032, section 7.1, TEST 1
SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


def test_a_kept_seed_signs_as_rfc_8032_says():
    key = SigningKey(SEED)
    assert bytes(key.verify_key) == PUBLIC
    assert key.sign(b"").signature == SIGNATURE
    VerifyKey(PUBLIC).verify(b"", SIGNATURE)  # raises if it does not verify


def test_a_new_key_is_kept_as_its_raw_seed_and_public_key(store):
    private, public = signing_key.key_pair(store)
    assert len(private) == 32 and len(public) == 32
    assert bytes(SigningKey(private).verify_key) == public
    assert signing_key.key_pair(store) == (private, public)  # made once, then read
    assert signing_key.public_key(store) == public
