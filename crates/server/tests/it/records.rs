//! Attachments and the authority profile through the web pages (issue 12),
//! on every backend: a 25,000,000-byte file goes up and comes back byte for
//! byte; a file over the limit, empty or of the wrong type is refused by
//! name and writes nothing; only those who may see the case may download;
//! the profile form names each field it refuses.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use foidesk_engine::{sha256_hex, MAX_ATTACHMENT_BYTES};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::common::{csrf_of, worlds, World};

const BOUNDARY: &str = "foidesk-test-boundary-7d3a";

/// A multipart body as a browser sends the upload form: the CSRF token,
/// the event chosen, then the file.
fn multipart(csrf: &str, name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(bytes.len() + 512);
    for (field, value) in [("csrf", csrf), ("event", "")] {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n")
                .bytes(),
        );
    }
    body.extend(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").bytes());
    body
}

/// Status, headers and raw body of a request with the holder's cookie.
async fn raw(
    w: &World,
    method: &str,
    path: &str,
    cookie: &str,
    body: Option<(&str, Vec<u8>)>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header("cookie", cookie);
    let req = match body {
        Some((content_type, bytes)) => req
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes)),
        None => req.body(Body::empty()),
    }
    .unwrap();
    let response = w.app.clone().oneshot(req).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, headers, bytes)
}

/// Upload `bytes` as `name` to case `id`: the status and page text.
async fn upload(
    w: &World,
    cookie: &str,
    id: i64,
    name: &str,
    bytes: &[u8],
) -> (StatusCode, String) {
    let path = format!("/cases/{id}/attachments/new");
    let form = w.page(&path, cookie).await;
    assert_eq!(form.status, 200, "{}: {}", w.label, form.text);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let body = multipart(&csrf_of(&form.text), name, bytes);
    let (status, _, page) = raw(w, "POST", &path, cookie, Some((&content_type, body))).await;
    (status, String::from_utf8_lossy(&page).into_owned())
}

fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    // Every byte value, in a pattern that is not periodic on any small block.
    let mut x: u32 = 2_463_534_242;
    bytes.extend((bytes.len()..len).map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        (x >> 24) as u8
    }));
    bytes
}

async fn count(w: &World, id: i64) -> usize {
    w.system.attachments(id).await.unwrap().len()
}

#[tokio::test]
async fn a_25_mb_file_goes_up_and_comes_back_byte_for_byte() {
    for w in worlds().await {
        let cookie = w.session("officer_a").await;
        let id = w.cases.a_mine;
        let bytes = pdf(25_000_000);
        let (status, page) = upload(&w, &cookie, id, "Released documents – Siân.pdf", &bytes).await;
        assert_eq!(status, 200, "{}: {page}", w.label);
        assert!(
            page.contains("is attached to case A-1"),
            "{}: {page}",
            w.label
        );
        let kept = w.system.attachments(id).await.unwrap();
        assert_eq!(kept.len(), 1, "{}", w.label);
        assert_eq!(kept[0].sha256, sha256_hex(&bytes), "{}", w.label);
        let path = format!("/cases/{id}/attachments/{}", kept[0].id);
        let (status, headers, got) = raw(&w, "GET", &path, &cookie, None).await;
        assert_eq!(status, 200, "{}", w.label);
        assert_eq!(got.len(), bytes.len(), "{}", w.label);
        assert_eq!(sha256_hex(&got), sha256_hex(&bytes), "{}", w.label);
        assert_eq!(
            headers[header::CONTENT_TYPE],
            "application/pdf",
            "{}",
            w.label
        );
        assert_eq!(
            headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{}",
            w.label
        );
        let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(
            disposition.starts_with("attachment;") && disposition.contains("Si%C3%A2n.pdf"),
            "{}: {disposition}",
            w.label
        );
        // The case page lists it; the requester, who may see the case, may
        // not download it: it was filed with no event they see (issue 13).
        let case = w.page(&format!("/cases/{id}"), &cookie).await;
        assert!(
            case.text.contains("Released documents – Siân.pdf"),
            "{}",
            w.label
        );
        let requester = w.session("requester").await;
        let (status, _, _) = raw(&w, "GET", &path, &requester, None).await;
        assert_eq!(status, 404, "{}", w.label);
        // Anyone who may not see the case, and any other number, gets 404.
        let stranger = w.session("officer_b").await;
        for (who, path) in [
            (&stranger, path.clone()),
            (
                &cookie,
                format!("/cases/{id}/attachments/{}", kept[0].id + 1),
            ),
            (
                &cookie,
                format!("/cases/{}/attachments/{}", w.cases.a_other, kept[0].id),
            ),
            (&cookie, format!("/cases/{id}/attachments/x")),
        ] {
            let (status, _, body) = raw(&w, "GET", &path, who, None).await;
            assert_eq!(status, 404, "{}: {path}", w.label);
            assert!(!body.starts_with(b"%PDF"), "{}: {path}", w.label);
        }
        w.finish().await;
    }
}

#[tokio::test]
async fn a_refused_file_is_named_and_nothing_is_written() {
    for w in worlds().await {
        let cookie = w.session("officer_a").await;
        let id = w.cases.a_mine;
        let mut png_named_pdf = b"\x89PNG\r\n\x1a\n".to_vec();
        png_named_pdf.extend([0u8; 100]);
        let cases: &[(&str, Vec<u8>, StatusCode)] = &[
            // One byte over the limit, and far over the route's body limit.
            (
                "one-byte-over.pdf",
                pdf(MAX_ATTACHMENT_BYTES + 1),
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
            (
                "far-over.pdf",
                pdf(MAX_ATTACHMENT_BYTES + 3 * 1024 * 1024),
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
            (
                "notes.txt",
                b"just text".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "photo-really.pdf",
                png_named_pdf,
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            ("empty.pdf", Vec::new(), StatusCode::UNPROCESSABLE_ENTITY),
        ];
        for (name, bytes, want) in cases {
            let (status, page) = upload(&w, &cookie, id, name, bytes).await;
            assert_eq!(status, *want, "{}: {name}: {page}", w.label);
            assert!(
                page.contains(&format!("\u{201c}{name}\u{201d}")),
                "{}: {name}: {page}",
                w.label
            );
            assert!(page.contains("There is a problem"), "{}: {name}", w.label);
            assert_eq!(count(&w, id).await, 0, "{}: {name}", w.label);
        }
        // A body over the route's limit is refused unread: it cannot be
        // named, but the error still says what is wrong.
        let huge = pdf(2 * MAX_ATTACHMENT_BYTES);
        let (status, page) = upload(&w, &cookie, id, "huge.pdf", &huge).await;
        assert_eq!(status, 413, "{}: {page}", w.label);
        assert!(
            page.contains("much larger than 30 MB"),
            "{}: {page}",
            w.label
        );
        assert_eq!(count(&w, id).await, 0, "{}", w.label);
        // A form without the token writes nothing either.
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        let body = multipart("forged", "ok.pdf", &pdf(100));
        let path = format!("/cases/{id}/attachments/new");
        let (status, _, _) = raw(&w, "POST", &path, &cookie, Some((&content_type, body))).await;
        assert_eq!(status, 403, "{}", w.label);
        // Nor may an officer of another authority reach the form.
        let stranger = w.session("officer_b").await;
        assert_eq!(w.page(&path, &stranger).await.status, 404, "{}", w.label);
        assert_eq!(count(&w, id).await, 0, "{}", w.label);
        // Other routes keep the small body limit.
        let big = "a".repeat(2 * 1024 * 1024);
        let reply = w
            .form(
                "/admin/authorities/a/profile",
                &w.session("admin").await,
                &[("letterhead", &big)],
            )
            .await;
        assert_eq!(reply.status, 413, "{}", w.label);
        w.finish().await;
    }
}

#[tokio::test]
async fn the_profile_form_names_each_field_it_refuses_and_saves_the_rest() {
    for w in worlds().await {
        let admin = w.session("admin").await;
        let a_id = w.store.authority_by_slug("a").await.unwrap().unwrap().id;
        let path = "/admin/authorities/a/profile";
        let page = w.page(path, &admin).await;
        assert_eq!(page.status, 200, "{}", w.label);
        let csrf = csrf_of(&page.text);
        let good: Vec<(&str, &str)> = vec![
            ("csrf", &csrf),
            ("letterhead", "Authority A"),
            ("address", "1 High Street\r\nCardiff\r\nCF10 1AA"),
            ("email", "foi@a.example"),
            ("foi_contact", "Information Rights Team"),
            ("review_procedure", "Write to us within 40 working days."),
            ("reference_prefix", "A-FOI"),
            ("signatory-1-name", ""),
            ("signatory-1-role", ""),
            ("signatory-2-name", "Siân Llŷr"),
            ("signatory-2-role", "Information Manager"),
        ];
        let with = |key: &str, value: &'static str| {
            let mut f = good.clone();
            f.iter_mut()
                .filter(|(k, _)| *k == key)
                .for_each(|kv| kv.1 = value);
            f
        };
        for (key, value, field) in [
            ("email", "not an address", "email"),
            ("address", "", "address"),
            ("reference_prefix", "A FOI", "reference_prefix"),
            ("signatory-2-role", "", "signatory-2-role"),
            ("letterhead", "", "letterhead"),
        ] {
            let reply = w.form(path, &admin, &with(key, value)).await;
            assert_eq!(reply.status, 422, "{}: {key}", w.label);
            assert!(
                reply.text.contains(&format!("href=\"#{field}\"")),
                "{}: {key}: {}",
                w.label,
                reply.text
            );
            assert_eq!(
                w.system.authority_profile(a_id).await.unwrap(),
                None,
                "{}: {key}",
                w.label
            );
        }
        let reply = w.form(path, &admin, &good).await;
        assert_eq!(reply.status, 303, "{}: {}", w.label, reply.text);
        let saved = w.page(&format!("{path}?saved=1"), &admin).await;
        assert!(
            saved.text.contains("The letter profile has been saved"),
            "{}",
            w.label
        );
        assert!(
            saved.text.contains("Siân Llŷr") && saved.text.contains("CF10 1AA"),
            "{}",
            w.label
        );
        let a = w.system.authority_profile(a_id).await.unwrap().unwrap();
        assert_eq!(
            a.address_lines,
            ["1 High Street", "Cardiff", "CF10 1AA"],
            "{}",
            w.label
        );
        // Officers may not set it; the register links to it.
        let officer = w.session("officer_a").await;
        assert_eq!(w.page(path, &officer).await.status, 403, "{}", w.label);
        assert!(
            w.page("/admin/register", &admin).await.text.contains(path),
            "{}",
            w.label
        );
        w.finish().await;
    }
}
