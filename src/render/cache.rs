//! Pre-rendered responses: the bytes, their gzip and brotli variants and an
//! ETag, computed once; serving is a lookup plus header negotiation.

use std::io::Write;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use bytes::Bytes;
use sha2::{Digest, Sha256};

/// Bodies smaller than this are not worth compressing.
const MIN_COMPRESS: usize = 512;

/// `Cache-Control` for HTML: never stored, so pages do not stay on a shared
/// device (the privacy page says so).
pub const NO_STORE: &str = "no-store";
/// `Cache-Control` for static assets, which say nothing about the visitor.
pub const ASSET: &str = "public, max-age=86400";

/// A response body prepared once.
#[derive(Debug, Clone)]
pub struct Rendered {
    content_type: &'static str,
    cache_control: &'static str,
    identity: Bytes,
    gzip: Option<Bytes>,
    br: Option<Bytes>,
    tag: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Rendered {
    /// Compresses `body` (best ratio: this runs once, not per request).
    pub fn new(
        body: impl Into<Bytes>,
        content_type: &'static str,
        cache_control: &'static str,
    ) -> Self {
        let identity: Bytes = body.into();
        let digest = Sha256::digest(&identity);
        let tag: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let (gzip, br) = if identity.len() >= MIN_COMPRESS {
            (gzip(&identity), brotli(&identity))
        } else {
            (None, None)
        };
        Self {
            content_type,
            cache_control,
            identity,
            gzip,
            br,
            tag,
        }
    }

    pub fn identity(&self) -> &Bytes {
        &self.identity
    }

    /// The compressed variant, if the body was large enough to compress.
    pub fn variant(&self, encoding: Encoding) -> Option<&Bytes> {
        match encoding {
            Encoding::Identity => Some(&self.identity),
            Encoding::Gzip => self.gzip.as_ref(),
            Encoding::Brotli => self.br.as_ref(),
        }
    }

    fn etag(&self, encoding: Encoding) -> String {
        match encoding {
            Encoding::Identity => format!("\"{}\"", self.tag),
            Encoding::Gzip => format!("\"{}-gz\"", self.tag),
            Encoding::Brotli => format!("\"{}-br\"", self.tag),
        }
    }

    /// The response for a request with `headers`: 304 when the client's copy
    /// is current, otherwise the best encoding it accepts.
    pub fn respond(&self, headers: &HeaderMap, status: StatusCode) -> Response {
        let encoding = self.choose(headers);
        let mut builder = Response::builder()
            .header(header::CONTENT_TYPE, self.content_type)
            .header(header::CACHE_CONTROL, self.cache_control)
            .header(header::VARY, "accept-encoding")
            .header(header::ETAG, self.etag(encoding));
        if status == StatusCode::OK && self.matches(headers) {
            return builder
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .unwrap_or_default();
        }
        match encoding {
            Encoding::Gzip => builder = builder.header(header::CONTENT_ENCODING, "gzip"),
            Encoding::Brotli => builder = builder.header(header::CONTENT_ENCODING, "br"),
            Encoding::Identity => {}
        }
        let body = self.variant(encoding).cloned().unwrap_or_default();
        builder
            .status(status)
            .body(Body::from(body))
            .unwrap_or_default()
    }

    fn choose(&self, headers: &HeaderMap) -> Encoding {
        let accepted = accepted_encodings(headers);
        if self.br.is_some() && accepted.contains(&Encoding::Brotli) {
            Encoding::Brotli
        } else if self.gzip.is_some() && accepted.contains(&Encoding::Gzip) {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    /// If-None-Match against any variant of this body (weak comparison).
    fn matches(&self, headers: &HeaderMap) -> bool {
        headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|t| t.trim().trim_start_matches("W/").trim_matches('"'))
            .any(|t| {
                t == "*"
                    || t.strip_suffix("-gz")
                        .or_else(|| t.strip_suffix("-br"))
                        .unwrap_or(t)
                        == self.tag
            })
    }
}

/// Codings the client accepts with a non-zero quality.
pub fn accepted_encodings(headers: &HeaderMap) -> Vec<Encoding> {
    let mut out = Vec::new();
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            match coding.as_str() {
                "br" => out.push(Encoding::Brotli),
                "gzip" | "x-gzip" => out.push(Encoding::Gzip),
                "*" => out.extend([Encoding::Brotli, Encoding::Gzip]),
                _ => {}
            }
        }
    }
    out
}

fn gzip(data: &[u8]) -> Option<Bytes> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).ok()?;
    enc.finish().ok().map(Bytes::from)
}

fn brotli(data: &[u8]) -> Option<Bytes> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(data).ok()?;
        w.flush().ok()?;
    }
    Some(Bytes::from(out))
}

/// A header value that is known to be valid ASCII.
pub fn static_header(value: &'static str) -> HeaderValue {
    HeaderValue::from_static(value)
}
