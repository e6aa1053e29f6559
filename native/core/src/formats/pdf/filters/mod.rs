//! Stream filters (ISO 32000-2, 7.4), decoded on demand with bounds: every decoder writes into an
//! [`Output`] that refuses to grow past the per-stream and per-document budgets and ticks the
//! deadline as it goes. A damaged stream gives what it still holds (a truncated Flate stream, an
//! ASCII85 stream without `~>`) rather than nothing. The image filters (DCT, JPX, JBIG2, CCITT) are
//! recognised and passed through undecoded for the image path.

mod ascii;
mod flate;
mod lzw;
mod predictor;
mod run_length;

use std::cell::Cell;

use hayro_syntax::object::{Array, Dict, Name, Object, Stream};

use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

pub use predictor::PredictorParams;

/// The most bytes one stream may decode to, whatever `maxDecompressedSize` allows in total.
const MAX_STREAM_BYTES: usize = 256 * 1024 * 1024;

/// The most filters one stream may chain (real files use one or two).
const MAX_FILTERS: usize = 8;

/// A stream filter by its name in the stream dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Flate,
    Lzw,
    Ascii85,
    AsciiHex,
    RunLength,
    /// An image codec: the data is passed through for the image path.
    Image(ImageCodec),
    /// `/Crypt`: decryption is done before the filters, by the object layer.
    Crypt,
}

/// The image codecs a stream may end with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageCodec {
    Dct,
    Jpx,
    Jbig2,
    Ccitt,
}

impl Filter {
    /// The filter for a name, full or abbreviated (ISO 32000-2, tables 6 and 92).
    pub fn from_name(name: &[u8]) -> Option<Filter> {
        Some(match name {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            b"DCTDecode" | b"DCT" => Filter::Image(ImageCodec::Dct),
            b"JPXDecode" => Filter::Image(ImageCodec::Jpx),
            b"JBIG2Decode" => Filter::Image(ImageCodec::Jbig2),
            b"CCITTFaxDecode" | b"CCF" => Filter::Image(ImageCodec::Ccitt),
            b"Crypt" => Filter::Crypt,
            _ => return None,
        })
    }
}

/// What decoding a stream gives.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub data: Vec<u8>,
    /// Set when the chain ends in an image codec: `data` is still encoded with it.
    pub image: Option<ImageCodec>,
    /// Set when a filter met damaged data and `data` is what came before the damage.
    pub damaged: bool,
}

/// The decompressed bytes a document may still produce, shared by all its streams.
#[derive(Debug)]
pub struct Budget {
    remaining: Cell<usize>,
    total: usize,
}

impl Budget {
    pub fn new(total: usize) -> Self {
        Budget {
            remaining: Cell::new(total),
            total,
        }
    }

    /// The budget of a document under `ctx`'s `maxDecompressedSize`.
    pub fn for_document(ctx: &Context<'_>) -> Self {
        Budget::new(ctx.limits.max_output_bytes)
    }

    fn take(&self, bytes: usize) -> bool {
        match self.remaining.get().checked_sub(bytes) {
            Some(rest) => {
                self.remaining.set(rest);
                true
            }
            None => false,
        }
    }
}

/// A bounded output buffer for one filter.
pub(crate) struct Output<'c, 'b> {
    pub data: Vec<u8>,
    limit: usize,
    /// How many bytes of `data` the budget has been charged for.
    charged: usize,
    budget: &'b Budget,
    ctx: &'c Context<'c>,
}

impl<'c, 'b> Output<'c, 'b> {
    fn new(ctx: &'c Context<'c>, budget: &'b Budget, size_hint: usize) -> Self {
        let limit = MAX_STREAM_BYTES.min(ctx.limits.max_output_bytes);
        Output {
            data: Vec::with_capacity(size_hint.min(limit).min(1 << 20)),
            limit,
            charged: 0,
            budget,
            ctx,
        }
    }

    /// Fails when `more` further bytes would pass a limit; ticks the deadline.
    #[inline]
    pub fn reserve(&mut self, more: usize) -> Result<(), ExtractionError> {
        self.ctx.tick()?;
        let wanted = self.data.len().saturating_add(more);
        if wanted > self.limit {
            return Err(self.bomb_error(self.limit, "one stream"));
        }
        self.charge(wanted)?;
        self.data.reserve(more);
        Ok(())
    }

    /// Charges the document budget for the first `len` bytes of output.
    fn charge(&mut self, len: usize) -> Result<(), ExtractionError> {
        if len > self.charged {
            if !self.budget.take(len - self.charged) {
                return Err(self.bomb_error(self.budget.total, "the whole document"));
            }
            self.charged = len;
        }
        Ok(())
    }

    /// The output, once the budget has been charged for all of it.
    pub fn finish(mut self) -> Result<Vec<u8>, ExtractionError> {
        self.charge(self.data.len())?;
        Ok(self.data)
    }

    #[inline]
    pub fn push(&mut self, byte: u8) -> Result<(), ExtractionError> {
        if self.data.len() == self.data.capacity() {
            self.reserve(self.data.len().clamp(64, 1 << 20))?;
        }
        self.data.push(byte);
        Ok(())
    }

    pub fn extend(&mut self, bytes: &[u8]) -> Result<(), ExtractionError> {
        if self.data.capacity() - self.data.len() < bytes.len() {
            self.reserve(bytes.len().max(self.data.len().min(1 << 20)))?;
        }
        self.data.extend_from_slice(bytes);
        Ok(())
    }

    fn bomb_error(&self, limit: usize, scope: &str) -> ExtractionError {
        ExtractionError::new(
            ErrorKind::Limit,
            format!(
                "{}: a PDF stream decompresses to more than {limit} bytes for {scope} (a likely \
                 decompression bomb); raise maxDecompressedSize if the document is genuine",
                self.ctx.path
            ),
        )
    }
}

/// The filters of a stream dictionary with their parameters, in order.
pub fn chain<'a>(dict: &Dict<'a>) -> Result<Vec<(Filter, Option<Dict<'a>>)>, String> {
    let names: Vec<Vec<u8>> = if let Some(name) = dict.get::<Name<'_>>(b"Filter") {
        vec![name.to_vec()]
    } else if let Some(array) = dict.get::<Array<'_>>(b"Filter") {
        array
            .iter::<Name<'_>>()
            .take(MAX_FILTERS + 1)
            .map(|n| n.to_vec())
            .collect()
    } else {
        Vec::new()
    };
    if names.len() > MAX_FILTERS {
        return Err(format!("more than {MAX_FILTERS} filters on one stream"));
    }
    let params: Vec<Option<Dict<'a>>> = if let Some(params) = dict.get::<Dict<'a>>(b"DecodeParms") {
        vec![Some(params)]
    } else if let Some(array) = dict.get::<Array<'a>>(b"DecodeParms") {
        array
            .iter::<Object<'a>>()
            .take(MAX_FILTERS)
            .map(Object::into_dict)
            .collect()
    } else {
        Vec::new()
    };
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let filter = Filter::from_name(name)
                .ok_or_else(|| format!("unknown filter /{}", String::from_utf8_lossy(name)))?;
            Ok((filter, params.get(i).cloned().flatten()))
        })
        .collect()
}

/// Decodes `stream` (already decrypted by the object layer) through its filter chain.
pub fn decode_stream(
    stream: &Stream<'_>,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<Decoded, ExtractionError> {
    let filters = chain(stream.dict())
        .map_err(|e| ctx.parse_error(format!("stream {:?}: {e}", stream.obj_id())))?;
    let raw = stream.raw_data();
    decode(&raw, &filters, ctx, budget)
}

/// Decodes `raw` through `filters` in order.
pub fn decode(
    raw: &[u8],
    filters: &[(Filter, Option<Dict<'_>>)],
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<Decoded, ExtractionError> {
    let mut data = std::borrow::Cow::Borrowed(raw);
    let mut damaged = false;
    for (index, (filter, params)) in filters.iter().enumerate() {
        let predictor = params.as_ref().map(PredictorParams::from_dict);
        let mut out = Output::new(ctx, budget, data.len().saturating_mul(4));
        let clean = match filter {
            Filter::Flate => flate::decode(&data, &mut out)?,
            Filter::Lzw => {
                let early = params
                    .as_ref()
                    .and_then(|p| p.get::<i32>(b"EarlyChange"))
                    .unwrap_or(1);
                lzw::decode(&data, early != 0, &mut out)?
            }
            Filter::Ascii85 => ascii::decode_85(&data, &mut out)?,
            Filter::AsciiHex => ascii::decode_hex(&data, &mut out)?,
            Filter::RunLength => run_length::decode(&data, &mut out)?,
            Filter::Crypt => {
                out.extend(&data)?;
                true
            }
            Filter::Image(codec) => {
                if index + 1 != filters.len() {
                    return Err(ctx.parse_error(
                        "an image filter is followed by another filter, which is not allowed",
                    ));
                }
                return Ok(Decoded {
                    data: data.into_owned(),
                    image: Some(*codec),
                    damaged,
                });
            }
        };
        damaged |= !clean;
        let mut decoded = out.finish()?;
        if matches!(filter, Filter::Flate | Filter::Lzw) {
            if let Some(predictor) = predictor.filter(|p| p.predictor > 1) {
                decoded = predictor::apply(&decoded, &predictor, ctx, budget)?;
            }
        }
        data = std::borrow::Cow::Owned(decoded);
    }
    Ok(Decoded {
        data: data.into_owned(),
        image: None,
        damaged,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    pub fn with_ctx<T>(max: i64, run: impl FnOnce(&Context<'_>, &Budget) -> T) -> T {
        let config = ExtractionConfig {
            max_decompressed_size: max,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("t.pdf", &config);
        let budget = Budget::for_document(&ctx);
        run(&ctx, &budget)
    }

    #[test]
    fn filter_names_full_and_abbreviated_are_known() {
        assert_eq!(Filter::from_name(b"Fl"), Some(Filter::Flate));
        assert_eq!(Filter::from_name(b"ASCII85Decode"), Some(Filter::Ascii85));
        assert_eq!(
            Filter::from_name(b"CCF"),
            Some(Filter::Image(ImageCodec::Ccitt))
        );
        assert_eq!(Filter::from_name(b"Unknown"), None);
    }

    #[test]
    fn a_chain_decodes_in_order_and_stops_at_an_image_codec() {
        with_ctx(1 << 20, |ctx, budget| {
            let hex_of_a85 = b"3c7e3c7e";
            let decoded = decode(
                hex_of_a85,
                &[(Filter::AsciiHex, None), (Filter::Ascii85, None)],
                ctx,
                budget,
            )
            .unwrap();
            assert!(decoded.data.is_empty() && decoded.image.is_none());
            let image = decode(
                b"\xFF\xD8",
                &[(Filter::Image(ImageCodec::Dct), None)],
                ctx,
                budget,
            )
            .unwrap();
            assert_eq!(image.image, Some(ImageCodec::Dct));
            assert_eq!(image.data, b"\xFF\xD8");
        });
    }

    #[test]
    fn the_document_budget_is_shared_by_its_streams() {
        with_ctx(100, |ctx, budget| {
            let run = b"\xFF\x61\x80"; // 257 - 255 = 2 bytes of 'a'
            assert_eq!(
                decode(run, &[(Filter::RunLength, None)], ctx, budget)
                    .unwrap()
                    .data,
                b"aa"
            );
            let long = b"\x81\x61\x81\x61\x80"; // 2 x 128 bytes
            let error = decode(long, &[(Filter::RunLength, None)], ctx, budget).unwrap_err();
            assert_eq!(error.kind, ErrorKind::Limit);
            assert!(error.message.starts_with("t.pdf: "));
        });
    }
}
