//! Password-protected OOXML (MS-OFFCRYPTO): an OLE compound file holding `EncryptionInfo` and
//! `EncryptedPackage`. Agile encryption (AES with SHA-1 or SHA-2, the default since Office 2010)
//! and standard encryption (AES-ECB with SHA-1, Office 2007) are decrypted with the passwords of
//! the `officePassword` option, tried in turn. Passwords never appear in an error message.

use std::io::{Cursor, Read};

use aes::cipher::{BlockCipherDecrypt, KeyInit};
use base64::Engine as _;
use sha1::Digest;

use crate::container::{XmlEvent, XmlReader};
use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

/// The most hash iterations a file may ask for (the specification's own maximum).
const MAX_SPIN_COUNT: u32 = 10_000_000;
/// Agile encryption decrypts the package in segments of this size, each with its own IV.
const SEGMENT: usize = 4096;
/// The largest `EncryptionInfo` stream read.
const MAX_INFO_BYTES: u64 = 1024 * 1024;

/// Block keys of agile encryption (MS-OFFCRYPTO 2.3.4.13).
const VERIFIER_INPUT_BLOCK: [u8; 8] = [0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79];
const VERIFIER_VALUE_BLOCK: [u8; 8] = [0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e];
const KEY_VALUE_BLOCK: [u8; 8] = [0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6];

/// The decrypted package (a ZIP) of the encrypted OOXML file `bytes`.
pub fn decrypt(bytes: &[u8], ctx: &Context<'_>) -> Result<Vec<u8>, ExtractionError> {
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| ctx.parse_error(format_args!("not a readable OLE compound file: {e}")))?;
    if !ole.is_stream("/EncryptionInfo") || !ole.is_stream("/EncryptedPackage") {
        return Err(ExtractionError::new(
            ErrorKind::Unsupported,
            format!(
                "{}: an OLE compound file without an encrypted OOXML package (EncryptionInfo and \
                 EncryptedPackage); legacy binary Office files are not supported in this version",
                ctx.path
            ),
        ));
    }
    let info = read_stream(&mut ole, "/EncryptionInfo", MAX_INFO_BYTES, ctx)?;
    let package = read_stream(&mut ole, "/EncryptedPackage", bytes.len() as u64, ctx)?;
    let scheme = Scheme::parse(&info, ctx)?;
    let passwords = &ctx.config.office_passwords;
    if passwords.is_empty() {
        return Err(ExtractionError::new(
            ErrorKind::Encrypted,
            format!(
                "{}: the document is encrypted and needs a password to open; set the \
                 officePassword option",
                ctx.path
            ),
        ));
    }
    for password in passwords {
        if let Some(key) = scheme.key_for(password, ctx)? {
            return scheme.decrypt_package(&key, &package, ctx);
        }
    }
    Err(ExtractionError::new(
        ErrorKind::Encrypted,
        format!(
            "{}: the document is encrypted and none of the {} password(s) given in the \
             officePassword option opens it",
            ctx.path,
            passwords.len()
        ),
    ))
}

fn read_stream(
    ole: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    cap: u64,
    ctx: &Context<'_>,
) -> Result<Vec<u8>, ExtractionError> {
    let stream = ole
        .open_stream(name)
        .map_err(|e| ctx.parse_error(format_args!("cannot open the {name} stream: {e}")))?;
    let mut out = Vec::new();
    stream
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| ctx.parse_error(format_args!("cannot read the {name} stream: {e}")))?;
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HashAlgorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlgorithm {
    fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().replace('-', "").as_str() {
            "SHA1" => Some(Self::Sha1),
            "SHA256" => Some(Self::Sha256),
            "SHA384" => Some(Self::Sha384),
            "SHA512" => Some(Self::Sha512),
            _ => None,
        }
    }

    fn hash(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut digest = D::new();
            for part in parts {
                digest.update(part);
            }
            digest.finalize().to_vec()
        }
        match self {
            Self::Sha1 => run::<sha1::Sha1>(parts),
            Self::Sha256 => run::<sha2::Sha256>(parts),
            Self::Sha384 => run::<sha2::Sha384>(parts),
            Self::Sha512 => run::<sha2::Sha512>(parts),
        }
    }
}

/// An AES key of 128, 192 or 256 bits.
enum Aes {
    A128(aes::Aes128),
    A192(aes::Aes192),
    A256(aes::Aes256),
}

impl Aes {
    fn new(key: &[u8]) -> Option<Aes> {
        Some(match key.len() {
            16 => Aes::A128(aes::Aes128::new_from_slice(key).ok()?),
            24 => Aes::A192(aes::Aes192::new_from_slice(key).ok()?),
            32 => Aes::A256(aes::Aes256::new_from_slice(key).ok()?),
            _ => return None,
        })
    }

    fn decrypt_block(&self, block: &mut [u8; 16]) {
        let mut array = aes::Block::from(*block);
        match self {
            Aes::A128(c) => c.decrypt_block(&mut array),
            Aes::A192(c) => c.decrypt_block(&mut array),
            Aes::A256(c) => c.decrypt_block(&mut array),
        }
        block.copy_from_slice(&array);
    }

    /// ECB over whole blocks; a trailing partial block is dropped.
    fn decrypt_ecb(&self, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len());
        for chunk in data.chunks_exact(16) {
            let mut block = [0u8; 16];
            block.copy_from_slice(chunk);
            self.decrypt_block(&mut block);
            out.extend_from_slice(&block);
        }
        out
    }

    /// CBC with `iv` over whole blocks; a trailing partial block is dropped.
    fn decrypt_cbc(&self, iv: &[u8; 16], data: &[u8], out: &mut Vec<u8>) {
        let mut previous = *iv;
        for chunk in data.chunks_exact(16) {
            let mut block = [0u8; 16];
            block.copy_from_slice(chunk);
            let cipher_block = block;
            self.decrypt_block(&mut block);
            for (b, p) in block.iter_mut().zip(previous) {
                *b ^= p;
            }
            previous = cipher_block;
            out.extend_from_slice(&block);
        }
    }
}

/// `bytes` cut or padded with `pad` to `len` bytes.
fn fit(bytes: &[u8], len: usize, pad: u8) -> Vec<u8> {
    let mut out: Vec<u8> = bytes.iter().copied().take(len).collect();
    out.resize(len, pad);
    out
}

fn iv16(bytes: &[u8]) -> [u8; 16] {
    let mut iv = [0x36u8; 16];
    for (slot, byte) in iv.iter_mut().zip(bytes) {
        *slot = *byte;
    }
    iv
}

fn utf16le(password: &str) -> Vec<u8> {
    password.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// `H(salt + password)`, then `spin_count` rounds of `H(iterator + H)` (MS-OFFCRYPTO 2.3.4.11).
fn spun_hash(
    hash: HashAlgorithm,
    salt: &[u8],
    password: &str,
    spin_count: u32,
    ctx: &Context<'_>,
) -> Result<Vec<u8>, ExtractionError> {
    let mut h = hash.hash(&[salt, &utf16le(password)]);
    for i in 0..spin_count {
        ctx.tick()?;
        h = hash.hash(&[&i.to_le_bytes(), &h]);
    }
    Ok(h)
}

/// The parameters of one of the two supported schemes.
enum Scheme {
    Agile(Agile),
    Standard(Standard),
}

struct Agile {
    /// keyData: how the package itself is encrypted.
    data_salt: Vec<u8>,
    data_hash: HashAlgorithm,
    data_block_size: usize,
    /// The password key encryptor.
    spin_count: u32,
    key_salt: Vec<u8>,
    key_hash: HashAlgorithm,
    key_bits: usize,
    key_block_size: usize,
    verifier_input: Vec<u8>,
    verifier_value: Vec<u8>,
    key_value: Vec<u8>,
}

struct Standard {
    key_bytes: usize,
    salt: Vec<u8>,
    verifier: Vec<u8>,
    verifier_hash: Vec<u8>,
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

impl Scheme {
    fn parse(info: &[u8], ctx: &Context<'_>) -> Result<Scheme, ExtractionError> {
        let unsupported = |what: &str| {
            ExtractionError::new(
                ErrorKind::Encrypted,
                format!(
                    "{}: the document is encrypted with {what}, which this version cannot \
                     decrypt",
                    ctx.path
                ),
            )
        };
        let corrupt = || ctx.parse_error("the EncryptionInfo stream is truncated or corrupt");
        let version = u32_at(info, 0).ok_or_else(corrupt)?;
        let (major, minor) = (version & 0xFFFF, version >> 16);
        match (major, minor) {
            (4, 4) => Agile::parse(info.get(8..).ok_or_else(corrupt)?, ctx).map(Scheme::Agile),
            (2..=4, 2) => Standard::parse(info, ctx).map(Scheme::Standard),
            (3 | 4, 3) => Err(unsupported("extensible encryption")),
            _ => Err(unsupported(&format!(
                "an unknown encryption version {major}.{minor}"
            ))),
        }
    }

    /// The package key if `password` is right, `None` if it is wrong.
    fn key_for(
        &self,
        password: &str,
        ctx: &Context<'_>,
    ) -> Result<Option<Vec<u8>>, ExtractionError> {
        match self {
            Scheme::Agile(agile) => agile.key_for(password, ctx),
            Scheme::Standard(standard) => standard.key_for(password, ctx),
        }
    }

    fn decrypt_package(
        &self,
        key: &[u8],
        package: &[u8],
        ctx: &Context<'_>,
    ) -> Result<Vec<u8>, ExtractionError> {
        let declared = package
            .get(..8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map(u64::from_le_bytes)
            .ok_or_else(|| ctx.parse_error("the EncryptedPackage stream is truncated"))?;
        let data = package.get(8..).unwrap_or_default();
        let cipher = Aes::new(key)
            .ok_or_else(|| ctx.parse_error("the encryption key has an unsupported length"))?;
        let mut out = match self {
            Scheme::Standard(_) => cipher.decrypt_ecb(data),
            Scheme::Agile(agile) => {
                let mut out = Vec::with_capacity(data.len());
                for (index, segment) in data.chunks(SEGMENT).enumerate() {
                    ctx.tick()?;
                    let index = u32::try_from(index).unwrap_or(u32::MAX);
                    let iv = agile
                        .data_hash
                        .hash(&[&agile.data_salt, &index.to_le_bytes()]);
                    let iv = iv16(&fit(&iv, agile.data_block_size, 0x36));
                    cipher.decrypt_cbc(&iv, segment, &mut out);
                }
                out
            }
        };
        // The declared size comes from the file: it only ever shortens the output.
        if let Ok(declared) = usize::try_from(declared) {
            out.truncate(declared);
        }
        Ok(out)
    }
}

impl Agile {
    fn parse(xml: &[u8], ctx: &Context<'_>) -> Result<Agile, ExtractionError> {
        let text = crate::container::xml::decode(xml);
        let mut reader = XmlReader::new(&text, "EncryptionInfo", ctx);
        let mut key_data: Option<Vec<(String, String)>> = None;
        let mut encrypted_key: Option<Vec<(String, String)>> = None;
        let attributes = |e: &crate::container::Element<'_, '_>| -> Vec<(String, String)> {
            e.tag
                .attributes()
                .with_checks(false)
                .filter_map(Result::ok)
                .map(|a| {
                    (
                        String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned(),
                        String::from_utf8_lossy(&a.value).into_owned(),
                    )
                })
                .collect()
        };
        while let Some(event) = reader.next()? {
            if let XmlEvent::Start(e) = event {
                match e.local() {
                    b"keyData" if key_data.is_none() => key_data = Some(attributes(&e)),
                    b"encryptedKey" if encrypted_key.is_none() => {
                        encrypted_key = Some(attributes(&e))
                    }
                    _ => {}
                }
            }
        }
        let missing = |what: &str| {
            ExtractionError::new(
                ErrorKind::Encrypted,
                format!(
                    "{}: the document is encrypted, but its agile encryption description has no \
                     {what} (only password key encryptors are supported)",
                    ctx.path
                ),
            )
        };
        let key_data = key_data.ok_or_else(|| missing("keyData"))?;
        let encrypted_key = encrypted_key.ok_or_else(|| missing("password key encryptor"))?;
        let get = |attrs: &[(String, String)], name: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let b64 = |attrs: &[(String, String)], name: &str| -> Result<Vec<u8>, ExtractionError> {
            let value = get(attrs, name).ok_or_else(|| missing(name))?;
            let compact: String = value.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map_err(|_| {
                    ctx.parse_error(format_args!(
                        "the encryption attribute {name} is not base64"
                    ))
                })
        };
        let number = |attrs: &[(String, String)], name: &str| -> Result<usize, ExtractionError> {
            get(attrs, name)
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| missing(name))
        };
        let hash = |attrs: &[(String, String)]| -> Result<HashAlgorithm, ExtractionError> {
            let name = get(attrs, "hashAlgorithm").unwrap_or_default();
            HashAlgorithm::from_name(&name).ok_or_else(|| {
                ExtractionError::new(
                    ErrorKind::Encrypted,
                    format!(
                        "{}: the document is encrypted with the hash algorithm {name}, which this \
                         version cannot use",
                        ctx.path
                    ),
                )
            })
        };
        for attrs in [&key_data, &encrypted_key] {
            let cipher = get(attrs, "cipherAlgorithm").unwrap_or_default();
            let chaining = get(attrs, "cipherChaining").unwrap_or_default();
            if !cipher.eq_ignore_ascii_case("AES")
                || !chaining.eq_ignore_ascii_case("ChainingModeCBC")
            {
                return Err(ExtractionError::new(
                    ErrorKind::Encrypted,
                    format!(
                        "{}: the document is encrypted with {cipher} in {chaining}, which this \
                         version cannot decrypt (only AES in CBC mode)",
                        ctx.path
                    ),
                ));
            }
        }
        let spin_count = u32::try_from(number(&encrypted_key, "spinCount")?)
            .ok()
            .filter(|&n| n <= MAX_SPIN_COUNT)
            .ok_or_else(|| {
                ExtractionError::new(
                    ErrorKind::Limit,
                    format!(
                        "{}: the encryption asks for more than {MAX_SPIN_COUNT} hash rounds",
                        ctx.path
                    ),
                )
            })?;
        Ok(Agile {
            data_salt: b64(&key_data, "saltValue")?,
            data_hash: hash(&key_data)?,
            data_block_size: number(&key_data, "blockSize")?.min(64),
            spin_count,
            key_salt: b64(&encrypted_key, "saltValue")?,
            key_hash: hash(&encrypted_key)?,
            key_bits: number(&encrypted_key, "keyBits")?.min(512),
            key_block_size: number(&encrypted_key, "blockSize")?.min(64),
            verifier_input: b64(&encrypted_key, "encryptedVerifierHashInput")?,
            verifier_value: b64(&encrypted_key, "encryptedVerifierHashValue")?,
            key_value: b64(&encrypted_key, "encryptedKeyValue")?,
        })
    }

    fn key_for(
        &self,
        password: &str,
        ctx: &Context<'_>,
    ) -> Result<Option<Vec<u8>>, ExtractionError> {
        let spun = spun_hash(
            self.key_hash,
            &self.key_salt,
            password,
            self.spin_count,
            ctx,
        )?;
        let key_len = self.key_bits / 8;
        let iv = iv16(&fit(&self.key_salt, self.key_block_size, 0x36));
        let decrypt = |block: &[u8; 8], data: &[u8]| -> Option<Vec<u8>> {
            let key = fit(&self.key_hash.hash(&[&spun, block]), key_len, 0x36);
            let cipher = Aes::new(&key)?;
            let mut out = Vec::with_capacity(data.len());
            cipher.decrypt_cbc(&iv, data, &mut out);
            Some(out)
        };
        let (Some(input), Some(value)) = (
            decrypt(&VERIFIER_INPUT_BLOCK, &self.verifier_input),
            decrypt(&VERIFIER_VALUE_BLOCK, &self.verifier_value),
        ) else {
            return Ok(None);
        };
        let input = input
            .get(..self.key_salt.len().min(input.len()))
            .unwrap_or_default();
        let expected = self.key_hash.hash(&[input]);
        if value.get(..expected.len()) != Some(expected.as_slice()) {
            return Ok(None);
        }
        Ok(decrypt(&KEY_VALUE_BLOCK, &self.key_value).map(|mut key| {
            key.truncate(key_len);
            key
        }))
    }
}

impl Standard {
    fn parse(info: &[u8], ctx: &Context<'_>) -> Result<Standard, ExtractionError> {
        let corrupt = || ctx.parse_error("the EncryptionInfo stream is truncated or corrupt");
        let header_size =
            usize::try_from(u32_at(info, 8).ok_or_else(corrupt)?).map_err(|_| corrupt())?;
        let header = info
            .get(12..12usize.saturating_add(header_size))
            .ok_or_else(corrupt)?;
        let algorithm = u32_at(header, 8).ok_or_else(corrupt)?;
        let key_bits = u32_at(header, 16).ok_or_else(corrupt)?;
        // 0x660E, 0x660F, 0x6610: AES-128, -192, -256 (MS-OFFCRYPTO 2.3.2).
        if !matches!(algorithm, 0x660E..=0x6610) {
            return Err(ExtractionError::new(
                ErrorKind::Encrypted,
                format!(
                    "{}: the document is encrypted with RC4 or another non-AES standard \
                     algorithm (id {algorithm:#x}), which this version cannot decrypt",
                    ctx.path
                ),
            ));
        }
        let verifier = info.get(12 + header_size..).ok_or_else(corrupt)?;
        let salt_size =
            usize::try_from(u32_at(verifier, 0).ok_or_else(corrupt)?).map_err(|_| corrupt())?;
        if salt_size != 16 {
            return Err(corrupt());
        }
        Ok(Standard {
            key_bytes: usize::try_from(key_bits / 8).map_err(|_| corrupt())?,
            salt: verifier.get(4..20).ok_or_else(corrupt)?.to_vec(),
            verifier: verifier.get(20..36).ok_or_else(corrupt)?.to_vec(),
            verifier_hash: verifier.get(40..72).ok_or_else(corrupt)?.to_vec(),
        })
    }

    fn key_for(
        &self,
        password: &str,
        ctx: &Context<'_>,
    ) -> Result<Option<Vec<u8>>, ExtractionError> {
        let sha1 = HashAlgorithm::Sha1;
        let spun = spun_hash(sha1, &self.salt, password, 50_000, ctx)?;
        let final_hash = sha1.hash(&[&spun, &0u32.to_le_bytes()]);
        // MS-OFFCRYPTO 2.3.4.7: derive through the 0x36 and 0x5C pads.
        let mut pad1 = [0x36u8; 64];
        let mut pad2 = [0x5Cu8; 64];
        for (i, byte) in final_hash.iter().enumerate() {
            pad1[i] ^= byte;
            pad2[i] ^= byte;
        }
        let mut derived = sha1.hash(&[&pad1]);
        derived.extend(sha1.hash(&[&pad2]));
        let key = fit(&derived, self.key_bytes, 0);
        let Some(cipher) = Aes::new(&key) else {
            return Ok(None);
        };
        let verifier = cipher.decrypt_ecb(&self.verifier);
        let hash = cipher.decrypt_ecb(&self.verifier_hash);
        let expected = sha1.hash(&[&verifier]);
        Ok((hash.get(..20) == Some(expected.as_slice())).then_some(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    #[test]
    fn cbc_and_ecb_invert_known_aes_vectors() {
        // FIPS-197 appendix C.1: AES-128.
        let key: Vec<u8> = (0u8..16).collect();
        let cipher = Aes::new(&key).unwrap();
        let ciphertext = [
            0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30, 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4,
            0xc5, 0x5a,
        ];
        let plain: Vec<u8> = (0u8..16).map(|i| i * 0x11).collect();
        assert_eq!(cipher.decrypt_ecb(&ciphertext), plain);
        let mut out = Vec::new();
        cipher.decrypt_cbc(&[0u8; 16], &ciphertext, &mut out);
        assert_eq!(out, plain);
        let mut out = Vec::new();
        cipher.decrypt_cbc(&[1u8; 16], &ciphertext, &mut out);
        assert_eq!(out[0], plain[0] ^ 1);
        assert!(Aes::new(&[0u8; 10]).is_none());
    }

    #[test]
    fn helpers_pad_hash_and_encode() {
        assert_eq!(fit(b"abc", 5, 0x36), b"abc\x36\x36");
        assert_eq!(fit(b"abcdef", 2, 0), b"ab");
        assert_eq!(utf16le("Ab"), [b'A', 0, b'b', 0]);
        assert_eq!(
            HashAlgorithm::from_name("SHA-512"),
            Some(HashAlgorithm::Sha512)
        );
        assert_eq!(HashAlgorithm::Sha1.hash(&[b"abc"]).len(), 20);
        assert_eq!(
            HashAlgorithm::Sha384.hash(&[b"a", b"bc"]),
            HashAlgorithm::Sha384.hash(&[b"abc"])
        );
    }

    #[test]
    fn a_file_that_is_not_ole_is_a_parse_error_and_unknown_versions_are_refused() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("x.docx", &config);
        assert_eq!(
            decrypt(b"not ole at all", &ctx).unwrap_err().kind,
            ErrorKind::Parse
        );
        let error = Scheme::parse(&[9, 0, 9, 0, 0, 0, 0, 0], &ctx)
            .err()
            .unwrap();
        assert_eq!(error.kind, ErrorKind::Encrypted);
        assert_eq!(
            Scheme::parse(&[4, 0], &ctx).err().unwrap().kind,
            ErrorKind::Parse
        );
    }
}
