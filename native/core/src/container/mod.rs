//! The containers that office, OpenDocument and EPUB files share: a bounded ZIP reader, a
//! namespace-aware streaming XML reader for their parts, and the OLE wrappers of embedded objects.

pub mod ole;
pub mod xml;
pub mod zip;

pub use self::xml::{Element, EndTag, XmlEvent, XmlReader};
pub use self::zip::{EntryInfo, ZipContainer, ZipLimits};
