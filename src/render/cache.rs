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
    content_type: HeaderValue,
    cache_control: HeaderValue,
    identity: Bytes,
    gzip: Option<Bytes>,
    br: Option<Bytes>,
    tag: String,
    /// ETags of the identity, gzip and brotli variants.
    etags: [HeaderValue; 3],
    /// The response headers of each variant (`Encoding::index`), then of a
    /// 304 for each: cloned per request rather than inserted one by one.
    headers: [HeaderMap; 6],
    /// The same with a listener's [`Finish`] added, made on first use (by
    /// the one `Finish` whose id it holds).
    finished: std::sync::OnceLock<(u64, [HeaderMap; 6])>,
}

/// Headers a listener adds to every response (its security headers),
/// fixed for its life: a page answered with them gets them in the same
/// clone as its own instead of one insert each.
#[derive(Debug)]
pub struct Finish {
    id: u64,
    headers: HeaderMap,
}

impl Finish {
    pub fn new(headers: HeaderMap) -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            headers,
        }
    }

    /// `map` with these headers added (replacing any of the same name).
    fn onto(&self, mut map: HeaderMap) -> HeaderMap {
        for (name, value) in &self.headers {
            map.insert(name.clone(), value.clone());
        }
        map
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    fn index(self) -> usize {
        match self {
            Encoding::Identity => 0,
            Encoding::Gzip => 1,
            Encoding::Brotli => 2,
        }
    }
}

static VARY: HeaderValue = HeaderValue::from_static("accept-encoding");
static GZIP: HeaderValue = HeaderValue::from_static("gzip");
static BR: HeaderValue = HeaderValue::from_static("br");

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
        // The tag is hex, so these header values are always valid.
        let etag = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{tag}{suffix}\""))
                .unwrap_or_else(|_| HeaderValue::from_static("\"invalid\""))
        };
        let etags = [etag(""), etag("-gz"), etag("-br")];
        let mut r = Self {
            content_type: HeaderValue::from_static(content_type),
            cache_control: HeaderValue::from_static(cache_control),
            identity,
            gzip,
            br,
            tag,
            etags,
            headers: Default::default(),
            finished: std::sync::OnceLock::new(),
        };
        r.headers = r.header_maps();
        r
    }

    /// A body that is already compressed (such as a PDF): no variants.
    pub fn new_uncompressed(
        body: impl Into<Bytes>,
        content_type: &'static str,
        cache_control: &'static str,
    ) -> Self {
        let identity: Bytes = body.into();
        let mut r = Self::new(Bytes::new(), content_type, cache_control);
        let digest = Sha256::digest(&identity);
        r.tag = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let tag = r.tag.clone();
        r.etags = [""; 3].map(|_| {
            HeaderValue::from_str(&format!("\"{tag}\""))
                .unwrap_or_else(|_| HeaderValue::from_static("\"invalid\""))
        });
        r.identity = identity;
        r.headers = r.header_maps();
        r
    }

    /// The headers of each variant and of a 304 for each (see `headers`),
    /// with room for the security headers added to every response.
    fn header_maps(&self) -> [HeaderMap; 6] {
        let encodings = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli];
        let map = |i: usize| {
            let (encoding, not_modified) = (encodings[i % 3], i >= 3);
            let mut h = HeaderMap::with_capacity(16);
            h.insert(header::CONTENT_TYPE, self.content_type.clone());
            h.insert(header::CACHE_CONTROL, self.cache_control.clone());
            h.insert(header::VARY, VARY.clone());
            h.insert(header::ETAG, self.etags[encoding.index()].clone());
            match encoding {
                _ if not_modified => {}
                Encoding::Gzip => {
                    h.insert(header::CONTENT_ENCODING, GZIP.clone());
                }
                Encoding::Brotli => {
                    h.insert(header::CONTENT_ENCODING, BR.clone());
                }
                Encoding::Identity => {}
            }
            h
        };
        std::array::from_fn(map)
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

    /// The response for a request with `headers`: 304 when the client's copy
    /// is current, otherwise the best encoding it accepts.
    pub fn respond(&self, headers: &HeaderMap, status: StatusCode) -> Response {
        self.respond_with(headers, status, None)
    }

    /// `respond`, with `finish`'s headers added when given.
    pub fn respond_with(
        &self,
        headers: &HeaderMap,
        status: StatusCode,
        finish: Option<&Finish>,
    ) -> Response {
        let encoding = self.choose(headers);
        let not_modified = status == StatusCode::OK && self.matches(headers);
        let body = if not_modified {
            Body::empty()
        } else {
            Body::from(self.variant(encoding).cloned().unwrap_or_default())
        };
        let mut response = Response::new(body);
        *response.status_mut() = if not_modified {
            StatusCode::NOT_MODIFIED
        } else {
            status
        };
        let which = encoding.index() + if not_modified { 3 } else { 0 };
        *response.headers_mut() = match finish {
            None => self.headers[which].clone(),
            Some(f) => {
                let (id, maps) = self
                    .finished
                    .get_or_init(|| (f.id, self.headers.clone().map(|h| f.onto(h))));
                if *id == f.id {
                    maps[which].clone()
                } else {
                    f.onto(self.headers[which].clone())
                }
            }
        };
        response
    }

    fn choose(&self, headers: &HeaderMap) -> Encoding {
        let (br, gzip) = accepts(headers);
        if self.br.is_some() && br {
            Encoding::Brotli
        } else if self.gzip.is_some() && gzip {
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

/// Whether the client accepts brotli and gzip (with a non-zero quality).
pub fn accepts(headers: &HeaderMap) -> (bool, bool) {
    let (mut br, mut gzip) = (false, false);
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            let ok = q > 0.0;
            if coding.eq_ignore_ascii_case("br") {
                br = ok;
            } else if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
                gzip = ok;
            } else if coding == "*" && ok {
                br = true;
                gzip = true;
            }
        }
    }
    (br, gzip)
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
