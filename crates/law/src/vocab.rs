//! Closed vocabularies: each an enum declared once, with the name it has on
//! the wire (files, JSON, the store, URLs) and its label for people beside it.
//! Everything else (parsing, serde, forms, listings, OpenAPI) is derived.

/// Declares a fieldless enum from a table of `Variant = "wire_name", "Label";`
/// rows. It gives `ALL` and `NAMES` in table order, `as_str` (the wire name),
/// `label` and `from_name`, and a serde rename per variant, so serde's
/// spelling is the wire name. The caller derives what it needs; `Serialize`
/// or `Deserialize` must be among them.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($wire),+].len()] = [$($name::$variant),+];
            /// Every wire name, in declaration order.
            pub const NAMES: [&'static str; [$($wire),+].len()] = [$($wire),+];

            /// The name on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }

            /// What people read.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            pub fn from_name(name: &str) -> Option<$name> {
                match name {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

vocabulary! {
    /// What the Commissioner decided about the authority's handling of a
    /// request (a decision notice under FOIA s.50).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum NoticeOutcome {
        AuthorityEntitled = "authority_entitled", "authority entitled";
        AuthorityNotEntitled = "authority_not_entitled", "authority not entitled";
        Mixed = "mixed", "mixed";
    }
}

impl NoticeOutcome {
    /// The Commissioner's own label for the decision on the complaint: the
    /// complaint is upheld when the authority was not entitled to act as it
    /// did (the ICO's published labels: shared/corpus/real/README.md).
    pub fn commissioner_words(self) -> &'static str {
        match self {
            NoticeOutcome::AuthorityEntitled => "Not upheld",
            NoticeOutcome::AuthorityNotEntitled => "Upheld",
            NoticeOutcome::Mixed => "Partly upheld",
        }
    }

    /// The radio's words on the decision notice's form: the label, then
    /// what it means for the authority.
    pub fn choice_words(self) -> &'static str {
        match self {
            NoticeOutcome::AuthorityEntitled => {
                "Not upheld: the authority was entitled to act as it did"
            }
            NoticeOutcome::AuthorityNotEntitled => {
                "Upheld: the authority was not entitled to act as it did"
            }
            NoticeOutcome::Mixed => "Partly upheld: the authority was entitled in part",
        }
    }

    /// The decision as the requester (the complainant) reads it.
    pub fn requester_words(self) -> &'static str {
        match self {
            NoticeOutcome::AuthorityEntitled => {
                "The Commissioner decided the authority was entitled to refuse"
            }
            NoticeOutcome::AuthorityNotEntitled => "The Commissioner decided in your favour",
            NoticeOutcome::Mixed => "The Commissioner decided partly in your favour",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoticeOutcome;

    #[test]
    fn the_commissioner_upholds_a_complaint_when_the_authority_was_not_entitled() {
        let cases = [
            ("authority_entitled", "Not upheld", "entitled to refuse"),
            ("authority_not_entitled", "Upheld", "in your favour"),
            ("mixed", "Partly upheld", "partly in your favour"),
        ];
        for (wire, words, requester) in cases {
            let o = NoticeOutcome::from_name(wire).unwrap();
            assert_eq!(o.commissioner_words(), words, "{wire}");
            assert!(o.choice_words().starts_with(words), "{wire}");
            assert!(o.requester_words().ends_with(requester), "{wire}");
        }
        assert_eq!(cases.len(), NoticeOutcome::ALL.len());
    }

    #[test]
    fn names_labels_and_serde_agree() {
        assert_eq!(NoticeOutcome::ALL.len(), NoticeOutcome::NAMES.len());
        for (o, name) in NoticeOutcome::ALL.into_iter().zip(NoticeOutcome::NAMES) {
            assert_eq!(o.as_str(), name);
            assert_eq!(NoticeOutcome::from_name(name), Some(o));
            assert_eq!(through_toml(o), o);
            assert!(!o.label().is_empty());
        }
        assert_eq!(NoticeOutcome::from_name("Mixed"), None);
    }

    /// Out and back through TOML (the crate's one serde format): serde
    /// spells each value by its wire name.
    fn through_toml(o: NoticeOutcome) -> NoticeOutcome {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Wrap {
            o: NoticeOutcome,
        }
        let text = toml::to_string(&Wrap { o }).unwrap();
        assert_eq!(text.trim(), format!("o = \"{}\"", o.as_str()));
        toml::from_str::<Wrap>(&text).unwrap().o
    }
}
