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

#[cfg(test)]
mod tests {
    use super::NoticeOutcome;

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
