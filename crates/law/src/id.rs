//! Canonical provision ids: `s.31(1)(a)`, `s.22A`, `s.40(5B)`, `reg.12(5)(e)`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::LawError;

/// The two statutory regimes foidesk handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Regime {
    /// Freedom of Information Act 2000.
    #[serde(rename = "FOIA")]
    Foia,
    /// Environmental Information Regulations 2004.
    #[serde(rename = "EIR")]
    Eir,
}

impl Regime {
    /// The canonical id prefix: `s.` or `reg.`.
    pub fn prefix(self) -> &'static str {
        match self {
            Regime::Foia => "s.",
            Regime::Eir => "reg.",
        }
    }
}

impl fmt::Display for Regime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Regime::Foia => "FOIA",
            Regime::Eir => "EIR",
        })
    }
}

/// Largest section/paragraph number accepted (keeps ids short and arithmetic safe).
pub(crate) const MAX_NUMBER: u32 = 9999;
/// Longest lowercase segment: `(viii)` and `(xviii)` need 4 and 5 letters.
pub(crate) const MAX_ALPHA: usize = 6;
/// Longest capital suffix: `22A`, `5B`; two letters allow `ZA`-style insertions.
pub(crate) const MAX_SUFFIX: usize = 2;
/// Deepest id accepted, including the section number.
pub(crate) const MAX_DEPTH: usize = 8;

/// One segment of an id. The first segment is always a `Num`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Seg {
    /// Digits with an optional capital suffix: `31`, `22A`, `5B`.
    Num(u32, String),
    /// Lowercase letters: a limb `(a)`, `(aa)` or a roman numeral `(iv)`.
    Alpha(String),
}

impl Seg {
    /// Parses the text of one segment (without brackets).
    pub(crate) fn parse(text: &str) -> Result<Seg, &'static str> {
        let bytes = text.as_bytes();
        match bytes.first() {
            None => Err("empty segment"),
            Some(b) if b.is_ascii_digit() => {
                let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
                let suffix = &text[digits..];
                if bytes[0] == b'0' {
                    return Err("numbers must not start with 0");
                }
                if digits > 4 {
                    return Err("number too long");
                }
                if suffix.len() > MAX_SUFFIX || !suffix.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err("a number may only be followed by one or two capital letters");
                }
                let n: u32 = text[..digits].parse().map_err(|_| "bad number")?;
                if n > MAX_NUMBER {
                    return Err("number too large");
                }
                Ok(Seg::Num(n, suffix.to_string()))
            }
            Some(b) if b.is_ascii_lowercase() => {
                if bytes.len() > MAX_ALPHA || !bytes.iter().all(|b| b.is_ascii_lowercase()) {
                    return Err("a letter segment is one to six lowercase letters");
                }
                Ok(Seg::Alpha(text.to_string()))
            }
            Some(_) => Err("a segment is a number or lowercase letters"),
        }
    }

    pub(crate) fn is_num(&self) -> bool {
        matches!(self, Seg::Num(..))
    }
}

impl fmt::Display for Seg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seg::Num(n, suffix) => write!(f, "{n}{suffix}"),
            Seg::Alpha(s) => f.write_str(s),
        }
    }
}

/// A canonical provision id: a regime, a section (or regulation) number and bracketed segments.
///
/// Ordering is by regime, then numerically by segment, so `s.4 < s.31 < s.40(2)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProvisionId {
    regime: Regime,
    segs: Vec<Seg>,
}

impl ProvisionId {
    /// Parses the strict canonical form (`s.31(1)(a)`, `reg.12(5)(e)`); no spaces, no words.
    pub fn parse(canonical: &str) -> Result<ProvisionId, LawError> {
        let invalid = |reason: &str| LawError::InvalidId {
            text: canonical.to_string(),
            reason: reason.to_string(),
        };
        let (regime, rest) = if let Some(rest) = canonical.strip_prefix("s.") {
            (Regime::Foia, rest)
        } else if let Some(rest) = canonical.strip_prefix("reg.") {
            (Regime::Eir, rest)
        } else {
            return Err(invalid("must start with \"s.\" (FOIA) or \"reg.\" (EIR)"));
        };
        let top_len = rest.find('(').unwrap_or(rest.len());
        let top = Seg::parse(&rest[..top_len]).map_err(invalid)?;
        if !top.is_num() {
            return Err(invalid("the section or regulation must be a number"));
        }
        let mut segs = vec![top];
        let mut tail = &rest[top_len..];
        while !tail.is_empty() {
            let Some(inner) = tail.strip_prefix('(') else {
                return Err(invalid("expected \"(\" after a segment"));
            };
            let Some(close) = inner.find(')') else {
                return Err(invalid("unclosed \"(\""));
            };
            segs.push(Seg::parse(&inner[..close]).map_err(invalid)?);
            if segs.len() > MAX_DEPTH {
                return Err(invalid("too many segments"));
            }
            tail = &inner[close + 1..];
        }
        Ok(ProvisionId { regime, segs })
    }

    /// Builds an id from parsed segments; `None` if they do not form a valid id.
    pub(crate) fn from_segs(regime: Regime, segs: Vec<Seg>) -> Option<ProvisionId> {
        let valid = matches!(segs.first(), Some(Seg::Num(..))) && segs.len() <= MAX_DEPTH;
        valid.then_some(ProvisionId { regime, segs })
    }

    pub(crate) fn segs(&self) -> &[Seg] {
        &self.segs
    }

    /// FOIA or EIR.
    pub fn regime(&self) -> Regime {
        self.regime
    }

    /// Number of segments: `s.31` is 1, `s.31(1)(a)` is 3.
    pub fn depth(&self) -> usize {
        self.segs.len()
    }

    /// True if `other` is this provision or lies inside it: `s.40` covers `s.40(2)`;
    /// `s.4` does not cover `s.40`; FOIA never covers EIR.
    pub fn covers(&self, other: &ProvisionId) -> bool {
        self.regime == other.regime && other.segs.starts_with(&self.segs)
    }

    /// The section or regulation: `s.31(1)(a)` -> `s.31`.
    pub fn top(&self) -> ProvisionId {
        ProvisionId {
            regime: self.regime,
            segs: self.segs[..1].to_vec(),
        }
    }

    /// One level up: `s.31(1)(a)` -> `s.31(1)`; `None` for a section.
    pub fn parent(&self) -> Option<ProvisionId> {
        (self.segs.len() > 1).then(|| ProvisionId {
            regime: self.regime,
            segs: self.segs[..self.segs.len() - 1].to_vec(),
        })
    }

    /// This id and each ancestor, from the id itself up to the section.
    pub fn ancestors(&self) -> impl Iterator<Item = ProvisionId> + '_ {
        (1..=self.segs.len()).rev().map(|n| ProvisionId {
            regime: self.regime,
            segs: self.segs[..n].to_vec(),
        })
    }
}

impl fmt::Display for ProvisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.regime.prefix())?;
        for (i, seg) in self.segs.iter().enumerate() {
            if i == 0 {
                write!(f, "{seg}")?;
            } else {
                write!(f, "({seg})")?;
            }
        }
        Ok(())
    }
}

impl FromStr for ProvisionId {
    type Err = LawError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProvisionId::parse(s)
    }
}

impl Serialize for ProvisionId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ProvisionId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ProvisionId::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ProvisionId {
        ProvisionId::parse(s).unwrap()
    }

    /// (text, Ok(display) | Err(()))
    fn check(text: &str, expected: Result<&str, ()>) {
        match (ProvisionId::parse(text), expected) {
            (Ok(got), Ok(want)) => assert_eq!(got.to_string(), want, "{text}"),
            (Err(_), Err(())) => {}
            (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn parse_strict() {
        let cases: &[(&str, Result<&str, ()>)] = &[
            ("s.31(1)(a)", Ok("s.31(1)(a)")),
            ("s.22A", Ok("s.22A")),
            ("s.40(5B)", Ok("s.40(5B)")),
            ("s.2(3)", Ok("s.2(3)")),
            ("s.36(2)(a)(iii)", Ok("s.36(2)(a)(iii)")),
            ("reg.12(5)(e)", Ok("reg.12(5)(e)")),
            ("reg.13(5A)", Ok("reg.13(5A)")),
            ("s.37(1)(ab)", Ok("s.37(1)(ab)")),
            ("section 31", Err(())),
            ("s 31", Err(())),
            ("s.31 (1)", Err(())),
            ("s.", Err(())),
            ("s.031", Err(())),
            ("s.0", Err(())),
            ("s.31(", Err(())),
            ("s.31()", Err(())),
            ("s.31(A)", Err(())),
            ("s.31(1)x", Err(())),
            ("s.a", Err(())),
            ("s.31(abcdefg)", Err(())),
            ("s.12345", Err(())),
            ("reg.12(5)(e) ", Err(())),
            ("S.31", Err(())),
        ];
        for (text, expected) in cases {
            check(text, *expected);
        }
    }

    #[test]
    fn containment_and_navigation() {
        assert!(id("s.40").covers(&id("s.40(2)")));
        assert!(id("s.31(1)").covers(&id("s.31(1)(a)")));
        assert!(id("s.31").covers(&id("s.31")));
        assert!(!id("s.4").covers(&id("s.40")));
        assert!(!id("s.40(2)").covers(&id("s.40")));
        assert!(!id("s.12").covers(&id("reg.12(4)")));
        assert_eq!(id("s.31(1)(a)").top(), id("s.31"));
        assert_eq!(id("s.31(1)(a)").parent(), Some(id("s.31(1)")));
        assert_eq!(id("s.31").parent(), None);
        assert!(id("s.4") < id("s.31"));
        assert!(id("s.22") < id("s.22A"));
        assert!(id("s.22A") < id("s.23"));
    }

    #[test]
    fn serde_and_display() {
        assert_eq!(Regime::Foia.to_string(), "FOIA");
        assert_eq!(serde_json::to_string(&Regime::Eir).unwrap(), "\"EIR\"");
        let json = serde_json::to_string(&id("reg.12(5)(a)")).unwrap();
        assert_eq!(json, "\"reg.12(5)(a)\"");
        let back: ProvisionId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, id("reg.12(5)(a)"));
        assert!(serde_json::from_str::<ProvisionId>("\"section 12\"").is_err());
    }
}
