//! What an address says: the notice reference in it and, on the Commissioner's and
//! BAILII's sites, the year.

/// The reference in `url`, upper-cased: "FS50090136", "FER0550084", "FAC0070855",
/// "IC-385525-Q2R7".
pub(crate) fn reference(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    path.split(['/', '?', '#', '.', '=', '&', '_'])
        .rev()
        .find(|seg| is_reference(seg))
        .map(str::to_ascii_uppercase)
}

fn is_reference(seg: &str) -> bool {
    let s = seg.to_ascii_lowercase();
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = s.strip_prefix("fs") {
        return digits(rest, 8);
    }
    if let Some(rest) = s.strip_prefix("fer").or_else(|| s.strip_prefix("fac")) {
        return digits(rest, 7);
    }
    let mut parts = s.split('-');
    parts.next() == Some("ic")
        && parts
            .next()
            .is_some_and(|n| (4..=8).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
        && parts
            .next()
            .is_some_and(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_alphanumeric()))
        && parts.next().is_none()
}

/// The year in an address of the Commissioner's notice pages (".../decision-notices/2014/12/...")
/// or of BAILII's copies (".../UKICO/2006/..."); other sites' years are their own posts'.
pub(crate) fn year(url: &str) -> Option<i16> {
    let lower = url.to_ascii_lowercase();
    let after = ["/decision-notices/", "/ukico/"]
        .iter()
        .find_map(|m| lower.find(m).map(|p| &lower[p + m.len()..]))?;
    let y = after.get(..4)?;
    let year: i16 = y.parse().ok()?;
    ((1990..=2100).contains(&year) && after.as_bytes().get(4) == Some(&b'/')).then_some(year)
}

/// Whether `url` is on the Commissioner's own site (English or Welsh).
pub(crate) fn is_commissioners(url: &str) -> bool {
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host == "ico.org.uk" || host.ends_with(".ico.org.uk")
}

#[cfg(test)]
mod tests {
    use super::{reference, year};

    #[test]
    fn references_and_years_in_addresses() {
        let cases = [
            (
                "https://ico.org.uk/action-weve-taken/decision-notices/2014/12/fer0550084/",
                Some("FER0550084"),
                Some(2014),
            ),
            (
                "https://beta.bailii.org/uk/cases/UKICO/2006/FS50090136.html",
                Some("FS50090136"),
                Some(2006),
            ),
            (
                "/media2/x1kjuidy/ic-385525-q2r7.pdf",
                Some("IC-385525-Q2R7"),
                None,
            ),
            (
                "http://o3h2.com/2018/11/21/fs50708971/",
                Some("FS50708971"),
                None,
            ),
            ("https://jotup.co/node/149325", None, None),
        ];
        for (url, r, y) in cases {
            assert_eq!(reference(url).as_deref(), r, "{url}");
            assert_eq!(year(url), y, "{url}");
        }
    }
}
