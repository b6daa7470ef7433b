from __future__ import annotations

# --- signing (tests/record/test_signing*.py, test_verify.py, test_signer_cli.py, test_pkcs11.py) --
# A test PKI (pki.py), PKCS#12 keys registered straight through app.record.keys, a local RFC 3161
# time-stamp server answering with pyHanko's DummyTimeStamper, SoftHSM2 tokens, pdfsig.
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from PIL import Image, ImageDraw
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore
from sqlalchemy import select

from app.audit.service import Actor
from app.kit.pdfgen import text_pdf
from app.models import User
from app.record import keys
from tests.record.pki import PASSPHRASE, Identity, TestPki, make_pki

REQUIRE_SERVICES = os.environ.get("KYHOP_TEST_REQUIRE_SERVICES") == "1"
SOFTHSM_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_PIN = "123456"


def require_tool(path_or_name: str, package: str) -> str:
    """The tool's path; skips the test without it, or fails it when services are required."""
    found = shutil.which(path_or_name) or (path_or_name if Path(path_or_name).exists() else None)
    if found is None:
        reason = f"{path_or_name} ({package}) is not installed; `make test` installs it"
        if REQUIRE_SERVICES:
            pytest.fail(reason + " and KYHOP_TEST_REQUIRE_SERVICES=1", pytrace=False)
        pytest.skip(reason)
    return found


def pdfsig(pdf: bytes, folder: Path) -> list[str]:
    """poppler's verdict on each signature ("Signature is Valid.", …). -nocert: pdfsig judges
    the certificate against NSS's store, which knows nothing of the test root."""
    path = folder / "pdfsig-input.pdf"
    path.write_bytes(pdf)
    done = subprocess.run([require_tool("pdfsig", "poppler-utils"), "-nocert", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    return re.findall(r"Signature Validation: (.+)", done.stdout)


@pytest.fixture(scope="session")
def pki() -> TestPki:
    return make_pki()


@pytest.fixture(scope="session")
def plain_pdf() -> bytes:
    return text_pdf("Nghị quyết về kế hoạch đầu tư công", [
        "Điều 1. Thông qua kế hoạch đầu tư công năm 2027.",
        "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.",
    ])


def simple_signer(who: Identity, pki: TestPki) -> SimpleSigner:
    der = serialization.Encoding.DER
    return SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(who.certificate_der),
        signing_key=asn1_keys.PrivateKeyInfo.load(who.key_pkcs8_der),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(pki.root.certificate.public_bytes(der))]))


@dataclass
class SigningSetup:
    trust_dir: Path
    seal_dir: Path


@pytest.fixture
def signing(settings, pki: TestPki, tmp_path: Path) -> SigningSetup:  # type: ignore[no-untyped-def]
    """The app's settings with the test root (and its CRL) trusted and council A's seal."""
    trust = pki.trust_folder(tmp_path / "trust")
    seals = tmp_path / "seals"
    seals.mkdir()
    draw_seal(seals / "T01.png")
    settings.trust_roots, settings.seal_dir = trust, seals
    return SigningSetup(trust, seals)


def draw_seal(path: Path) -> Path:
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.ellipse((6, 6, 234, 234), outline=(200, 20, 20, 255), width=10)
    pen.ellipse((40, 40, 200, 200), outline=(200, 20, 20, 255), width=4)
    image.save(path)
    return path


async def register_p12(app, world, who: str, identity: Identity, pki: TestPki) -> None:  # type: ignore[no-untyped-def]
    """`who` of the world gets `identity` as their PKCS#12 signing key, as `kyhop signer add`."""
    material = keys.load_pkcs12(pki.pkcs12(identity), PASSPHRASE)
    async with app.state.db.unit_of_work() as uow:
        user = await uow.session.scalar(select(User).where(User.id == world.users[who]))
        await keys.register_pkcs12(uow.session, actor=Actor.system("test"),
                                   kek=keys.key_encryption_key(app.state.documents.settings),
                                   user=user, material=material)


@pytest.fixture
def uploaded_document(client, world, new_meeting, plain_pdf):  # type: ignore[no-untyped-def]
    """A published meeting of council A with one uploaded document: returns (meeting, document)."""

    async def make(content: bytes | None = None, **meeting: Any) -> tuple[dict, dict]:  # type: ignore[type-arg]
        created = await new_meeting(**meeting)
        headers = world.headers("secretary")
        published = await client.post(f"/api/v1/meetings/{created['id']}/publish", headers=headers)
        assert published.status_code == 200, published.text
        uploaded = await client.post(
            f"/api/v1/meetings/{created['id']}/documents", headers=headers,
            files={"file": ("Nghị quyết 12.pdf", content or plain_pdf, "application/pdf")},
            data={"title": "Nghị quyết số 12/NQ-HĐND", "kind": "resolution"})
        assert uploaded.status_code == 201, uploaded.text
        return created, uploaded.json()

    return make


class _TimeStampHandler(BaseHTTPRequestHandler):
    stamper: DummyTimeStamper
    requests: list[bytes]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.requests.append(body)
        answer = self.stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class TimeStampServer:
    url: str
    requests: list[bytes]


@pytest.fixture
def tsa_server(pki: TestPki) -> Iterator[TimeStampServer]:
    """An RFC 3161 time-stamp service on a loopback port, signing with the test PKI's TSA."""
    der = serialization.Encoding.DER
    requests: list[bytes] = []
    handler = type("Handler", (_TimeStampHandler,), {
        "stamper": DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(pki.tsa.certificate_der),
            tsa_key=asn1_keys.PrivateKeyInfo.load(pki.tsa.key_pkcs8_der),
            certs_to_embed=[asn1_x509.Certificate.load(pki.root.certificate.public_bytes(der))]),
        "requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield TimeStampServer(f"http://127.0.0.1:{server.server_address[1]}/tsa", requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass
class SoftHsm:
    library: str
    env: dict[str, str]
    slot: int = 0
    label: str = "nguoi-ky"


@pytest.fixture(scope="session")
def softhsm(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> SoftHsm:
    """A SoftHSM2 token of its own (config and token folder in a temporary directory) holding
    the test signer's key and certificate. SOFTHSM2_CONF is set for this process too: the
    library reads it once, when first loaded here."""
    util = require_tool("softhsm2-util", "softhsm2")
    library = require_tool(SOFTHSM_LIBRARY, "softhsm2")
    home = tmp_path_factory.mktemp("softhsm")
    (home / "tokens").mkdir()
    config = home / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {home / 'tokens'}\nobjectstore.backend = file\n"
                      "log.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(config)
    env = {"SOFTHSM2_CONF": str(config)}

    def run(*args: str) -> None:
        subprocess.run([util, *args], check=True, capture_output=True, timeout=60,
                       env={**os.environ, **env})

    run("--init-token", "--free", "--label", "kyhop", "--so-pin", "12345678", "--pin", TOKEN_PIN)
    key_file = home / "signer.p8"
    key_file.write_bytes(pki.signer.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    run("--import", str(key_file), "--token", "kyhop", "--label", "nguoi-ky", "--id", "01",
        "--pin", TOKEN_PIN)
    key_file.unlink()
    _add_certificate(library, pki.signer)
    return SoftHsm(library=library, env=env)


def _add_certificate(library: str, who: Identity) -> None:
    from pkcs11 import Attribute, CertificateType, ObjectClass, lib

    certificate = asn1_x509.Certificate.load(who.certificate_der)
    token = lib(library).get_token(token_label="kyhop")
    with token.open(rw=True, user_pin=TOKEN_PIN) as session:
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.LABEL: "nguoi-ky", Attribute.ID: b"\x01",
            Attribute.SUBJECT: certificate.subject.dump(), Attribute.ISSUER: certificate.issuer.dump(),
            Attribute.SERIAL_NUMBER: certificate["tbs_certificate"]["serial_number"].dump(),
            Attribute.VALUE: who.certificate_der})


@pytest.fixture
def cli_env(settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"KYHOP_DATABASE_URL": settings.effective_database_url,
            "KYHOP_DATA_DIR": str(settings.data_dir)}

# --- end of signing ---------------------------------------------------------------------------
