"""Adversary 3 of PRIVACY.md after a person moved to another device: the database and its -wal hold no pairing
code, recovery key or token, only keyed hashes; the log holds none of them either (the fixture checks)."""
import os


def test_codes_keys_and_tokens_are_nowhere_in_the_files(server, tmp_path):
    question = server.campaign("ward")
    phone = server.join("ward")
    server.post("ward", phone, question, "From the phone")
    code = server.pairing_code("ward", phone)
    ward_pc = server.sign_in("ward", "pair", "code", code)
    key = server.recovery_key("ward", ward_pc)
    laptop = server.sign_in("ward", "recover", "recoveryKey", key)
    mine = server.ok("GET", "/api/me?campaign=ward", token=laptop).json["contributions"]
    assert [item["body"] for item in mine] == ["From the phone"]

    copy = server.copy_database(tmp_path / "stolen")
    stolen = b"".join(open(copy + suffix, "rb").read() for suffix in ("", "-wal") if os.path.exists(copy + suffix))
    for secret in (code, code.replace("-", ""), key, key.replace("-", ""), phone, ward_pc, laptop):
        assert secret.encode() not in stolen, f"{secret[:4]}… is stored in the database files"
