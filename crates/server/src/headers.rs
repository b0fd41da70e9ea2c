//! Security headers on every answer: what a browser may load into our pages,
//! that no other site may frame them, and that nothing personal is cached.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Our pages load only our stylesheet; no script, no inline style, no frame.
/// The charts are inline SVG, whose presentation attributes CSP allows.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// A year; sent only over TLS, where browsers heed it.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

const ALWAYS: [(HeaderName, &str); 3] = [
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
];

/// Adds the headers to whatever the router answered, errors included. A
/// handler may set its own policy (a generated document) or cache rule (the
/// public stylesheet); everything else is `no-store`.
pub(crate) async fn add(State(tls): State<bool>, request: Request, next: Next) -> Response {
    let over_tls = tls || forwarded_https(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in ALWAYS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    if over_tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    response
}

/// A TLS proxy in front says so. Trusting any client here is harmless:
/// browsers ignore HSTS that arrives over plain HTTP.
fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// The policy for a generated HTML document, which carries its own
/// `<style>`: that one style, by its hash, and nothing else.
pub(crate) fn document_policy(html: &str) -> HeaderValue {
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map_or("", |(style, _)| style);
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style));
    let policy = format!(
        "default-src 'none'; style-src 'sha256-{hash}'; form-action 'none'; \
         frame-ancestors 'none'; base-uri 'none'"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static(CONTENT_SECURITY_POLICY))
}

#[cfg(test)]
mod tests {
    use super::document_policy;

    #[test]
    fn a_documents_policy_names_the_hash_of_its_style() {
        // printf 'p{color:red}' | openssl dgst -sha256 -binary | base64
        let html = "<html><head><style>p{color:red}</style></head></html>";
        let policy = document_policy(html);
        assert!(
            policy
                .to_str()
                .unwrap()
                .contains("style-src 'sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64='"),
            "{policy:?}"
        );
    }
}
