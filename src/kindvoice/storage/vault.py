"""The cryptography of encryption at rest: keys, wrapping, and sealing one field.

A random 256-bit *data key* encrypts every private field with AES-256-GCM. The data key
itself is kept only *wrapped*: encrypted with a key made from the passphrase by Argon2id,
under parameters and a random salt stored beside it. Changing the passphrase re-wraps the
data key and touches nothing else.

Every sealed field is text: ``kv1:`` and then, in base64, a versioned header, the 12-byte
nonce (fresh and random for every write) and the ciphertext with its 16-byte tag::

    header = b"KV" + version (1 byte) + key id (8 bytes)

The header, the field's name ("journal_entries.thought") and the row it belongs to (the
person's id and the row's lasting key, such as the entry's uid) are authenticated too (GCM's
associated data), so a changed byte, a sealed value moved to another column or another row,
or one sealed by another key is refused. A later format gets a new version byte (and
prefix); a reader keeps opening the old ones.

``cryptography`` and ``argon2`` are imported inside the functions that use them, so
importing this module costs nothing.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kindvoice.core.errors import VaultError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT_VERSION = 1
PREFIX = "kv1:"
MAGIC = b"KV"
KEY_BYTES = 32
KEY_ID_BYTES = 8
NONCE_BYTES = 12
TAG_BYTES = 16
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + 1 + KEY_ID_BYTES
KDF_NAME = "argon2id"
_WRAP_CONTEXT = b"kindvoice data key v1|"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id's costs: passes over memory, memory in KiB, and lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def check(self) -> None:
        """Refuse costs too small to protect anything (or a damaged vault row)."""
        if not (1 <= self.time_cost <= 64 and 8 * self.parallelism <= self.memory_kib):
            raise VaultError("vault_damaged", where="vault")
        if not (1 <= self.parallelism <= 64 and self.memory_kib <= 4 * 1024 * 1024):
            raise VaultError("vault_damaged", where="vault")


# RFC 9106's second recommended option: 3 passes over 64 MiB with 4 lanes (about a fifth of
# a second on a laptop). Stored with every vault, so a later default never locks anyone out.
DEFAULT_KDF = KdfParams(time_cost=3, memory_kib=64 * 1024, parallelism=4)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)


def new_key_id() -> str:
    return os.urandom(KEY_ID_BYTES).hex()


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The key that wraps the data key, made from the passphrase with Argon2id."""
    from argon2.low_level import Type, hash_secret_raw

    params.check()
    if len(salt) < SALT_BYTES:
        raise VaultError("vault_damaged", where="vault")
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _wrap_context(key_id: str) -> bytes:
    return _WRAP_CONTEXT + key_id.encode("ascii")


def wrap_key(wrapping_key: bytes, data_key: bytes, key_id: str) -> str:
    """The data key encrypted under the passphrase's key, as base64 (nonce + ciphertext)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(wrapping_key).encrypt(nonce, data_key, _wrap_context(key_id))
    return base64.b64encode(nonce + sealed).decode("ascii")


def unwrap_key(wrapping_key: bytes, wrapped: str, key_id: str) -> bytes:
    """The data key; a wrong passphrase (or a changed vault row) raises ``wrong_passphrase``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        blob = base64.b64decode(wrapped, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VaultError("vault_damaged", where="vault") from exc
    if len(blob) != NONCE_BYTES + KEY_BYTES + TAG_BYTES:
        raise VaultError("vault_damaged", where="vault")
    try:
        key = AESGCM(wrapping_key).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], _wrap_context(key_id)
        )
    except InvalidTag as exc:
        raise VaultError("wrong_passphrase") from exc
    return key


def is_sealed(value: str) -> bool:
    """Does this stored value look like a sealed field (any version kindvoice knows)?"""
    return value.startswith(PREFIX)


class FieldCipher:
    """Seals and opens single fields with one data key."""

    def __init__(self, data_key: bytes, key_id: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(data_key) != KEY_BYTES:
            raise VaultError("vault_damaged", where="vault")
        self.key_id = key_id
        self._aead: AESGCM = AESGCM(data_key)
        self._header = MAGIC + bytes([FORMAT_VERSION]) + bytes.fromhex(key_id)

    def _context(self, header: bytes, field: str, row: str) -> bytes:
        return header + field.encode("utf-8") + b"|" + row.encode("utf-8")

    def seal(self, field: str, plain: str, row: str = "") -> str:
        """Seal ``plain`` as the value of ``field`` in the row known as ``row``."""
        nonce = os.urandom(NONCE_BYTES)
        context = self._context(self._header, field, row)
        sealed = self._aead.encrypt(nonce, plain.encode("utf-8"), context)
        return PREFIX + base64.b64encode(self._header + nonce + sealed).decode("ascii")

    def open(self, field: str, stored: str, row: str = "") -> str:
        """The plain text of a sealed field; anything changed, moved or foreign raises."""
        from cryptography.exceptions import InvalidTag

        if not stored.startswith(PREFIX):
            raise VaultError("vault_damaged", where=field)
        try:
            blob = base64.b64decode(stored[len(PREFIX) :], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise VaultError("vault_damaged", where=field) from exc
        header = blob[:HEADER_BYTES]
        if len(blob) < HEADER_BYTES + NONCE_BYTES + TAG_BYTES or header[:2] != MAGIC:
            raise VaultError("vault_damaged", where=field)
        if header[2] != FORMAT_VERSION:
            raise VaultError("vault_version", where=field, version=header[2])
        if header != self._header:
            raise VaultError("vault_other_key", where=field)
        nonce = blob[HEADER_BYTES : HEADER_BYTES + NONCE_BYTES]
        try:
            plain = self._aead.decrypt(
                nonce, blob[HEADER_BYTES + NONCE_BYTES :], self._context(header, field, row)
            )
        except InvalidTag as exc:
            raise VaultError("vault_damaged", where=field) from exc
        return plain.decode("utf-8")
