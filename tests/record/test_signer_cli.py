"""`kyhop signer add` and `kyhop sign verify` as real processes, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from app.models import AuditEntry, SigningKey
from app.record.signing import sign_pdf
from app.record.stamp_font import stamp_font
from tests.cli_helpers import run_kyhop
from tests.record.conftest import simple_signer
from tests.record.pki import PASSPHRASE, SIGNER_NAME


async def test_signer_add_registers_a_pkcs12_key_and_replaces_it(
        app, world, pki, cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    p12 = tmp_path / "chu-tich.p12"
    p12.write_bytes(pki.pkcs12(pki.signer))
    added = run_kyhop(["signer", "add", "chair", str(p12)], env=cli_env, stdin=PASSPHRASE + "\n")
    assert added.returncode == 0, added.stderr
    assert SIGNER_NAME in added.stdout
    again = run_kyhop(["signer", "add", "CHAIR", str(p12)], env=cli_env, stdin=PASSPHRASE + "\n")
    assert again.returncode == 0, again.stderr
    assert PASSPHRASE not in added.stdout + added.stderr + again.stdout + again.stderr
    async with app.state.db.unit_of_work(write=False) as uow:
        rows = list(await uow.session.scalars(select(SigningKey)))
        audited = list(await uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "signing_key.add")))
    assert [(r.user_id, r.kind) for r in rows] == [(world.users["chair"], "pkcs12")]
    assert SIGNER_NAME in rows[0].subject
    assert pki.signer.key_pkcs8_der not in rows[0].sealed  # sealed, not stored in clear
    assert len(audited) == 2 and '"replaced": true' in audited[1].details
    assert PASSPHRASE not in audited[0].details and "key" not in audited[0].details.split('"kind"')[0]


async def test_signer_add_fails_clearly(app, world, pki, cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    p12 = tmp_path / "khoa.p12"
    p12.write_bytes(pki.pkcs12(pki.signer))
    wrong = run_kyhop(["signer", "add", "chair", str(p12)], env=cli_env, stdin="sai-mat-khau\n")
    assert wrong.returncode == 1
    assert "Sai mật khẩu của tệp khóa (PKCS#12)" in wrong.stderr
    assert wrong.stderr.strip().count("\n") == 0 and "Traceback" not in wrong.stderr
    nobody = run_kyhop(["signer", "add", "khong-co-ai", str(p12)], env=cli_env,
                       stdin=PASSPHRASE + "\n")
    assert nobody.returncode == 1 and "khong-co-ai" in nobody.stderr
    missing = run_kyhop(["signer", "add", "chair", str(tmp_path / "khong-co.p12")], env=cli_env,
                        stdin=PASSPHRASE + "\n")
    assert missing.returncode == 1 and "Không đọc được tệp" in missing.stderr
    expired = tmp_path / "het-han.p12"
    expired.write_bytes(pki.pkcs12(pki.expired))
    old = run_kyhop(["signer", "add", "chair", str(expired)], env=cli_env, stdin=PASSPHRASE + "\n")
    assert old.returncode == 1 and "hết hạn" in old.stderr
    async with app.state.db.unit_of_work(write=False) as uow:
        assert list(await uow.session.scalars(select(SigningKey))) == []


def test_sign_verify_prints_each_signature_in_vietnamese(plain_pdf, pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    font = stamp_font(tmp_path / "fonts")
    signed = sign_pdf(plain_pdf, signer=simple_signer(pki.signer, pki), stamp=None,
                      when=datetime.now(UTC), font=font)
    good = tmp_path / "da-ky.pdf"
    good.write_bytes(signed)
    roots = {"KYHOP_TRUST_ROOTS": str(pki.trust_folder(tmp_path / "trust"))}
    trusted = run_kyhop(["sign", "verify", str(good)], env=roots)
    assert trusted.returncode == 0, trusted.stderr
    assert f"Chữ ký 1 (Sig1): {SIGNER_NAME}" in trusted.stdout
    assert "Nguyên vẹn: có · Hợp lệ: có · Tin cậy: có" in trusted.stdout
    untrusted = run_kyhop(["sign", "verify", str(good)], env={})
    assert untrusted.returncode == 0 and "Tin cậy: KHÔNG" in untrusted.stdout
    assert "không thuộc tổ chức chứng thực được tin cậy" in untrusted.stdout

    revoked = tmp_path / "thu-hoi.pdf"
    revoked.write_bytes(sign_pdf(signed, signer=simple_signer(pki.revoked, pki), stamp=None,
                                 when=datetime.now(UTC), font=font))
    both = run_kyhop(["sign", "verify", str(revoked)], env=roots)
    assert both.returncode == 1
    assert "Chữ ký 2 (Sig2): Người Bị Thu Hồi" in both.stdout
    assert "chứng thư số đã bị thu hồi" in both.stdout

    tampered = tmp_path / "bi-sua.pdf"
    data = bytearray(signed)
    at = data.index(b"/MediaBox") + 12
    data[at:at + 1] = b"7" if data[at:at + 1] != b"7" else b"6"
    tampered.write_bytes(bytes(data))
    changed = run_kyhop(["sign", "verify", str(tampered)], env=roots)
    assert changed.returncode == 1 and "Nguyên vẹn: KHÔNG" in changed.stdout
    assert "tệp đã bị sửa sau khi ký" in changed.stdout

    unsigned = tmp_path / "chua-ky.pdf"
    unsigned.write_bytes(plain_pdf)
    none = run_kyhop(["sign", "verify", str(unsigned)], env={})
    assert none.returncode == 1 and "không có chữ ký số nào" in none.stderr
