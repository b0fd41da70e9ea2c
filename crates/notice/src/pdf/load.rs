//! Opening a PDF within limits: hostile files must not take unbounded memory or time.

use super::PdfError;
use lopdf::{Document, LoadOptions, Object, Stream};
use std::io::Read;

/// Larger files are refused before parsing (decision notices are well under this).
pub(super) const MAX_INPUT: usize = 64 << 20;
/// More pages than this are refused.
pub(super) const MAX_PAGES: usize = 5_000;
/// One stream decompresses to at most this many bytes.
pub(super) const MAX_STREAM: u64 = 32 << 20;
/// All content streams of a document together decompress to at most this.
pub(super) const MAX_CONTENT_TOTAL: usize = 256 << 20;

pub(super) fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    if bytes.len() > MAX_INPUT {
        return Err(PdfError::TooLarge("the file exceeds 64 MiB"));
    }
    let options = LoadOptions {
        filter: Some(bound_stream),
        ..LoadOptions::default()
    };
    let mut doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => PdfError::Encrypted,
        _ => PdfError::Unreadable,
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

/// Load filter: object streams (which lopdf unpacks while loading) are inflated here
/// within [`MAX_STREAM`], and images, which carry no text, are emptied to save memory.
/// lopdf keeps a top-level object as mutated here but the returned copy of an object
/// from inside an object stream; streams are never inside one, so they need no copy.
fn bound_stream(id: (u32, u16), object: &mut Object) -> Option<((u32, u16), Object)> {
    let Object::Stream(stream) = object else {
        return Some((id, object.clone()));
    };
    if stream.dict.has_type(b"ObjStm") && stream.dict.get(b"DecodeParms").is_err() {
        let plain = decoded(stream)?;
        stream.dict.remove(b"Filter");
        stream.set_content(plain);
    } else if is_image(stream) {
        stream.content = Vec::new();
    }
    Some((id, Object::Null))
}

fn is_image(stream: &Stream) -> bool {
    stream
        .dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Image")
}

/// The stream's bytes with its filters undone, or `None` if a filter is unknown, the
/// data is corrupt beyond use, or the result would exceed [`MAX_STREAM`].
pub(super) fn decoded(stream: &Stream) -> Option<Vec<u8>> {
    let filters: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
        Err(_) => return Some(stream.content.clone()),
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        Ok(_) => return None,
    };
    let mut data = std::borrow::Cow::Borrowed(stream.content.as_slice());
    for f in &filters {
        data = std::borrow::Cow::Owned(match f.as_slice() {
            b"FlateDecode" | b"Fl" => inflate(&data)?,
            _ => return None,
        });
    }
    // Content streams of word processors carry no predictor; object streams may, but
    // lopdf rejects those without the predictor step, which is rare for them.
    Some(data.into_owned())
}

/// Zlib inflate within [`MAX_STREAM`]; a truncated or corrupt tail keeps what inflated.
fn inflate(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len().saturating_mul(3).min(1 << 20));
    let mut decoder = flate2::read::ZlibDecoder::new(input).take(MAX_STREAM + 1);
    let _ = decoder.read_to_end(&mut out);
    if out.len() as u64 > MAX_STREAM {
        return None;
    }
    Some(out)
}
