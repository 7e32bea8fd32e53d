"""Writes an aws-vault file store as aws-vault (99designs/keyring's file backend) does, with
jwcrypto, an implementation independent of jvault: one compact JWE per item,
PBES2-HS256+A128KW (8192 iterations) and A256GCM with a "created" header, 0600, named after the
item key with "/" and "%" percent-encoded. The store is read from stdin as JSON:
  {"dir": ..., "passphrase": ..., "items": [{"key": ..., "data": {...} | "raw": "..."}]}
"data" becomes the item's base64 Data, as Go's encoding/json writes a []byte; "raw" is written as
the whole payload, for items of shapes aws-vault never wrote.
"""
import base64
import datetime
import json
import os
import sys

from jwcrypto import jwe, jwk


def file_name(key):
    return key.replace("%", "%25").replace("/", "%2F")


def main():
    store = json.load(sys.stdin)
    os.makedirs(store["dir"], mode=0o700, exist_ok=True)
    password = jwk.JWK.from_password(store["passphrase"])
    for item in store["items"]:
        if "raw" in item:
            payload = item["raw"]
        else:
            data = base64.b64encode(json.dumps(item["data"]).encode()).decode()
            payload = json.dumps({"Key": item["key"], "Data": data, "Label": "aws-vault (%s)" % item["key"],
                                  "Description": "", "KeychainNotTrustApplication": False,
                                  "KeychainNotSynchronizable": False})
        header = {"alg": item.get("alg", "PBES2-HS256+A128KW"), "enc": item.get("enc", "A256GCM"),
                  "created": str(datetime.datetime.now())}
        token = jwe.JWE(payload.encode(), protected=json.dumps(header))
        token.add_recipient(password)
        path = os.path.join(store["dir"], file_name(item["key"]))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(token.serialize(compact=True))


main()
