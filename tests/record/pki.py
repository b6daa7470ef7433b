"""A test PKI made here with `cryptography`: a root CA, a time-stamp authority, a signer, an
expired signer, a revoked signer and the root's CRL listing the revoked one; PKCS#12 files of
the signers; a folder usable as KYHOP_TRUST_ROOTS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSPHRASE = "mật-khẩu-p12"
SIGNER_NAME = "Nguyễn Thị Hồng Nhung"
CRL_URL = "http://crl.kyhop.invalid/root-ca.crl"  # never fetched: the CRL is given beside the root


@dataclass(frozen=True)
class Identity:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @property
    def certificate_der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    @property
    def key_pkcs8_der(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())


@dataclass(frozen=True)
class TestPki:
    root: Identity
    tsa: Identity
    signer: Identity
    expired: Identity
    revoked: Identity
    other_root: Identity  # an unrelated CA: its certificates are not trusted by `root`
    crl: x509.CertificateRevocationList

    def pkcs12(self, who: Identity, passphrase: str = PASSPHRASE) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"signer", who.key, who.certificate, [self.root.certificate],
            serialization.BestAvailableEncryption(passphrase.encode()))

    def trust_folder(self, folder: Path, *, with_crl: bool = True) -> Path:
        """The root in PEM and its CRL in DER, as an administrator would put them."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "root-ca.pem").write_bytes(
            self.root.certificate.public_bytes(serialization.Encoding.PEM))
        if with_crl:
            (folder / "root-ca.crl").write_bytes(self.crl.public_bytes(serialization.Encoding.DER))
        return folder


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kỳ Họp thử nghiệm"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _ca(common_name: str, now: datetime) -> Identity:
    key = _key()
    name = _name(common_name)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=3650)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256()))
    return Identity(key, certificate)


def _issue(ca: Identity, common_name: str, *, not_before: datetime, not_after: datetime,
           time_stamping: bool = False) -> Identity:
    key = _key()
    builder = (
        x509.CertificateBuilder().subject_name(_name(common_name))
        .issuer_name(ca.certificate.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=not time_stamping,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca.key.public_key()), critical=False)
        .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(CRL_URL)], relative_name=None,
            reasons=None, crl_issuer=None)]), critical=False))
    if time_stamping:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    return Identity(key, builder.sign(ca.key, hashes.SHA256()))


def make_pki() -> TestPki:
    now = datetime.now(UTC)
    root = _ca("Kỳ Họp Test Root CA", now)
    valid = {"not_before": now - timedelta(days=30), "not_after": now + timedelta(days=365)}
    revoked = _issue(root, "Người Bị Thu Hồi", **valid)
    crl = (
        x509.CertificateRevocationListBuilder().issuer_name(root.certificate.subject)
        .last_update(now - timedelta(days=1)).next_update(now + timedelta(days=30))
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(revoked.certificate.serial_number)
            .revocation_date(now - timedelta(days=2)).build())
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            root.key.public_key()), critical=False)
        .sign(root.key, hashes.SHA256()))
    return TestPki(
        root=root,
        tsa=_issue(root, "Kỳ Họp Test TSA", time_stamping=True, **valid),
        signer=_issue(root, SIGNER_NAME, **valid),
        expired=_issue(root, "Người Hết Hạn", not_before=now - timedelta(days=800),
                       not_after=now - timedelta(days=400)),
        revoked=revoked,
        other_root=_ca("Unrelated Root CA", now),
        crl=crl,
    )
