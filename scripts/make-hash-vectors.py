#!/usr/bin/python3
"""Hash vectors for user import (#19), each made by its format's own implementation:
bcrypt by python-bcrypt (OpenBSD's bcrypt), argon2 by argon2-cffi (the PHC reference
implementation), scrypt and PBKDF2 by passlib (the modular-crypt formats' origin; hashlib and
OpenSSL underneath). Debian: apt-get install python3-bcrypt python3-argon2 python3-passlib.
Writes packages/server/test/support/hash-vectors/vectors.json; the tests read it as committed.
"""
import json
import pathlib

import argon2
import bcrypt
from passlib.hash import pbkdf2_sha256, pbkdf2_sha512, scrypt

PASSWORD = "correct horse battery staple"
vectors = []


def add(fmt, made_by, hashed):
    vectors.append({"format": fmt, "madeBy": made_by, "password": PASSWORD, "hash": hashed})


for prefix in (b"2a", b"2b"):
    add(f"bcrypt ${prefix.decode()}$", "python3-bcrypt " + bcrypt.__version__,
        bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=10, prefix=prefix)).decode())
# $2y$ is PHP's name for $2b$: the same hash under another prefix, as PHP writes it.
two_b = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=10, prefix=b"2b")).decode()
add("bcrypt $2y$", "python3-bcrypt " + bcrypt.__version__ + " ($2b$ renamed, as PHP writes it)", "$2y$" + two_b[4:])
add("argon2id", "argon2-cffi " + argon2.__version__,
    argon2.PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4, type=argon2.Type.ID).hash(PASSWORD))
add("argon2i", "argon2-cffi " + argon2.__version__,
    argon2.PasswordHasher(time_cost=3, memory_cost=32768, parallelism=1, type=argon2.Type.I).hash(PASSWORD))
add("scrypt", "passlib", scrypt.using(rounds=14, block_size=8, parallelism=1).hash(PASSWORD))
add("pbkdf2-sha256", "passlib", pbkdf2_sha256.using(rounds=29000).hash(PASSWORD))
add("pbkdf2-sha512", "passlib", pbkdf2_sha512.using(rounds=25000).hash(PASSWORD))

out = pathlib.Path(__file__).resolve().parent.parent / "packages/server/test/support/hash-vectors/vectors.json"
out.write_text(json.dumps({"wrongPassword": "correct horse battery stapler", "vectors": vectors}, indent=2) + "\n")
print(f"wrote {len(vectors)} vectors to {out}")
