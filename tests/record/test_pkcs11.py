"""A PKCS#11 token (SoftHSM2 standing in for a VNPT-CA / Viettel-CA USB token): registered with
`kyhop signer add --pkcs11`, then used by POST /documents/{id}/sign."""

from __future__ import annotations

from sqlalchemy import select

from app.models import SigningKey
from tests.cli_helpers import run_kyhop
from tests.record.conftest import TOKEN_PIN, pdfsig
from tests.record.pki import SIGNER_NAME


async def test_a_token_registered_from_the_shell_signs_through_the_api(
        app, client, world, softhsm, signing, uploaded_document, cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    command = ["signer", "add", "chair", "--pkcs11", softhsm.library, "--slot", str(softhsm.slot)]
    wrong = run_kyhop(command, env={**cli_env, **softhsm.env}, stdin="000000\n")
    assert wrong.returncode == 1 and "Sai mã PIN của thiết bị ký số" in wrong.stderr
    added = run_kyhop(command, env={**cli_env, **softhsm.env}, stdin=TOKEN_PIN + "\n")
    assert added.returncode == 0, added.stderr
    assert TOKEN_PIN not in added.stdout + added.stderr
    async with app.state.db.unit_of_work(write=False) as uow:
        row = await uow.session.scalar(select(SigningKey))
    assert (row.kind, row.pkcs11_library, row.pkcs11_slot, row.pkcs11_key_label) == (
        "pkcs11", softhsm.library, softhsm.slot, softhsm.label)
    assert TOKEN_PIN.encode() not in row.sealed

    _, document = await uploaded_document()
    signed = await client.post(f"/api/v1/documents/{document['id']}/sign",
                               json={"reason": "Ký chứng thực"}, headers=world.headers("chair"))
    assert signed.status_code == 201, signed.text
    assert signed.json()["signatures"] == 1
    listed = await client.get(f"/api/v1/documents/{document['id']}/signatures",
                              headers=world.headers("chair"))
    [item] = listed.json()["items"]
    assert (item["signer"], item["intact"], item["valid"], item["trusted"]) == (
        SIGNER_NAME, True, True, True)
    pdf = await client.get(signed.json()["url"], headers=world.headers("chair"))
    assert pdfsig(pdf.content, tmp_path) == ["Signature is Valid."]


def test_a_missing_token_or_library_is_a_clear_error(world, softhsm, cli_env) -> None:  # type: ignore[no-untyped-def]
    no_slot = run_kyhop(["signer", "add", "chair", "--pkcs11", softhsm.library, "--slot", "99"],
                        env={**cli_env, **softhsm.env}, stdin=TOKEN_PIN + "\n")
    assert no_slot.returncode == 1 and "token đã cắm vào máy chủ" in no_slot.stderr
    no_library = run_kyhop(["signer", "add", "chair", "--pkcs11", "/khong/co/thu-vien.so",
                            "--slot", "0"], env=cli_env, stdin=TOKEN_PIN + "\n")
    assert no_library.returncode == 1 and "Không nạp được thư viện PKCS#11" in no_library.stderr
