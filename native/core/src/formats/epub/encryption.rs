//! `META-INF/encryption.xml` (OCF 3.3 section 3.5.2.2): which resources are encrypted, and how.
//! Fonts "obfuscated" by the IDPF or Adobe algorithms (OCF section 4) are still readable text-wise;
//! any other algorithm on a content document is DRM, and its text cannot be read.

use crate::container::{XmlEvent, XmlReader};
use crate::document::ExtractionError;
use crate::limits::Context;

/// The font obfuscation algorithms: not encryption of the publication's text.
const OBFUSCATION_ALGORITHMS: [&str; 2] = [
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

/// A resource that is encrypted with a real cipher: its container path and the algorithm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptedResource {
    pub path: String,
    pub algorithm: String,
}

/// The resources `encryption_xml` lists as encrypted with something other than font
/// obfuscation.
pub fn encrypted_resources(
    encryption_xml: &str,
    ctx: &Context<'_>,
) -> Result<Vec<EncryptedResource>, ExtractionError> {
    let mut reader = XmlReader::new(encryption_xml, "META-INF/encryption.xml", ctx);
    let mut found = Vec::new();
    let mut algorithm: Option<String> = None;
    while let Some(event) = reader.next()? {
        match event {
            XmlEvent::Start(element) => match element.local() {
                b"EncryptedData" => algorithm = None,
                // The first EncryptionMethod of an EncryptedData is the data's; a later one
                // (inside KeyInfo) is the key's.
                b"EncryptionMethod" if algorithm.is_none() => {
                    algorithm = Some(element.attr(b"Algorithm").unwrap_or_default());
                }
                b"CipherReference" => {
                    let algorithm = algorithm.clone().unwrap_or_default();
                    let obfuscated = OBFUSCATION_ALGORITHMS.contains(&algorithm.as_str());
                    if let (false, Some(uri)) = (obfuscated, element.attr(b"URI")) {
                        let path = super::package::resolve_href("", &uri);
                        found.push(EncryptedResource { path, algorithm });
                    }
                }
                _ => {}
            },
            XmlEvent::End(_) | XmlEvent::Text(_) => {}
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    #[test]
    fn obfuscated_fonts_are_not_encrypted_resources_but_ciphered_chapters_are() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("b.epub", &config);
        let xml = r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
              xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
            <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
              <enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData></enc:EncryptedData>
            <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
              <KeyInfo><enc:EncryptionMethod Algorithm="rsa"/></KeyInfo>
              <enc:CipherData><enc:CipherReference URI="OEBPS/ch%201.xhtml"/></enc:CipherData></enc:EncryptedData>
          </encryption>"#;
        assert_eq!(
            encrypted_resources(xml, &ctx).unwrap(),
            vec![EncryptedResource {
                path: "OEBPS/ch 1.xhtml".to_owned(),
                algorithm: "http://www.w3.org/2001/04/xmlenc#aes128-cbc".to_owned(),
            }]
        );
    }
}
