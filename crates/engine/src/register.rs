//! The one register of authorities: each authority's name, kind, regimes
//! and the other names it goes by, so that a case file, a request or an
//! import naming "Chief Constable of Kent Police" and one naming "Kent
//! Police" reach the same authority, and statistics never split one body
//! in two. Names are compared by a match key (case, punctuation, "&" and a
//! leading "The" do not count); aliases are explicit data an administrator
//! adds, never guessed.

use std::collections::HashMap;

use foidesk_case::file::CaseFile;
use foidesk_law::{vocabulary, Regime};
use foidesk_store::{Authority, Store, StoreError, StoredAlias, StoredDetails};
use serde::Serialize;

use crate::text::plain;
use crate::{Engine, EngineError};

vocabulary! {
    /// What sort of body an authority is: for the register, lists and
    /// statistics. (Not `AuthorityType`, which picks a time-limit rule.)
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
    pub enum AuthorityKind {
        Police = "police", "Police";
        LocalGovernment = "local_government", "Local government";
        CentralGovernment = "central_government", "Central government";
        Nhs = "nhs", "NHS";
        Education = "education", "Education";
        Other = "other", "Other";
    }
}

/// One authority as the register holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterEntry {
    pub authority: Authority,
    pub kind: AuthorityKind,
    /// The regimes it answers under, FOIA first.
    pub regimes: Vec<Regime>,
    /// Other names, in the order added.
    pub aliases: Vec<String>,
}

/// What an administrator gives to add an authority to the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAuthority {
    /// Its short name in addresses and commands; made from the name if none.
    pub slug: Option<String>,
    pub name: String,
    pub kind: AuthorityKind,
    pub regimes: Vec<Regime>,
    pub aliases: Vec<String>,
}

/// The whole register, with every name's match key.
#[derive(Clone, Debug, Default)]
pub struct Register {
    pub entries: Vec<RegisterEntry>,
    by_key: HashMap<String, usize>,
}

impl Register {
    /// The authority a name means, by its own name or an alias.
    pub fn resolve(&self, name: &str) -> Option<&RegisterEntry> {
        self.by_key.get(&match_key(name)).map(|&i| &self.entries[i])
    }

    pub fn by_slug(&self, slug: &str) -> Option<&RegisterEntry> {
        self.entries.iter().find(|e| e.authority.slug == slug)
    }

    fn new(entries: Vec<RegisterEntry>) -> Register {
        let mut by_key = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for name in std::iter::once(&e.authority.name).chain(&e.aliases) {
                by_key.entry(match_key(name)).or_insert(i);
            }
        }
        Register { entries, by_key }
    }
}

/// A name reduced to what tells authorities apart: lower case, letters and
/// digits only, "&" read as "and", and no leading "the".
pub fn match_key(name: &str) -> String {
    let spaced: String = name
        .replace('&', " and ")
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// A slug from an authority's name: lower-case ASCII words joined by
/// hyphens, at most 64 bytes ("Kent Police" → "kent-police").
pub fn slug_for(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() + 1 > 64 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// "FOIA,EIR" as the store keeps it, and back.
fn regimes_text(regimes: &[Regime]) -> String {
    let mut sorted = regimes.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(Regime::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn regimes_from(text: &str) -> Vec<Regime> {
    text.split(',')
        .filter_map(|r| match r {
            "FOIA" => Some(Regime::Foia),
            "EIR" => Some(Regime::Eir),
            _ => None,
        })
        .collect()
}

fn invalid(field: &str, message: impl Into<String>) -> EngineError {
    EngineError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

impl Engine {
    /// The register as stored. An authority with no saved details is
    /// "other", under both regimes (what FOIA and the EIR ask of most).
    pub(crate) async fn register(&self, store: &Store) -> Result<Register, EngineError> {
        let details: HashMap<i64, StoredDetails> = store
            .authority_details()
            .await?
            .into_iter()
            .map(|d| (d.authority_id, d))
            .collect();
        let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
        for a in store.authority_aliases().await? {
            aliases.entry(a.authority_id).or_default().push(a.alias);
        }
        let mut authorities = store.authorities().await?;
        authorities.sort_by_key(|a| a.name.to_lowercase());
        let entries = authorities
            .into_iter()
            .map(|authority| {
                let d = details.get(&authority.id);
                RegisterEntry {
                    kind: d
                        .and_then(|d| AuthorityKind::from_name(&d.kind))
                        .unwrap_or(AuthorityKind::Other),
                    regimes: d
                        .map(|d| regimes_from(&d.regimes))
                        .filter(|r| !r.is_empty())
                        .unwrap_or_else(|| vec![Regime::Foia, Regime::Eir]),
                    aliases: aliases.remove(&authority.id).unwrap_or_default(),
                    authority,
                }
            })
            .collect();
        Ok(Register::new(entries))
    }

    /// Add an authority with its kind, regimes and aliases. Its slug comes
    /// from its name; a name or alias another authority already answers to
    /// is refused, naming that authority.
    pub(crate) async fn add_to_register(
        &self,
        store: &Store,
        new: &NewAuthority,
        by: &str,
    ) -> Result<RegisterEntry, EngineError> {
        let name = new.name.trim();
        if match_key(name).is_empty() {
            return Err(invalid("name", "Enter the authority's name"));
        }
        plain("name", name)?;
        if new.regimes.is_empty() {
            return Err(invalid("regimes", "Choose at least one regime"));
        }
        let register = self.register(store).await?;
        for (field, text) in std::iter::once(("name", name))
            .chain(new.aliases.iter().map(|a| ("aliases", a.as_str())))
        {
            if let Some(other) = register.resolve(text) {
                return Err(invalid(
                    field,
                    format!("'{}' already means {}", text.trim(), other.authority.name),
                ));
            }
        }
        let slug = new.slug.clone().unwrap_or_else(|| slug_for(name));
        if slug.is_empty() {
            return Err(invalid(
                "name",
                "The name needs at least one letter or digit",
            ));
        }
        let authority = self.add_authority(store, &slug, name).await?;
        let now = self.timestamp();
        store
            .save_authority_details(
                &StoredDetails {
                    authority_id: authority.id,
                    kind: new.kind.as_str().to_owned(),
                    regimes: regimes_text(&new.regimes),
                },
                by,
                &now,
            )
            .await?;
        for alias in &new.aliases {
            self.add_alias(store, &authority.slug, alias, by).await?;
        }
        let register = self.register(store).await?;
        register
            .by_slug(&authority.slug)
            .cloned()
            .ok_or_else(|| EngineError::NotFound {
                what: "authority",
                key: authority.slug,
            })
    }

    /// Another name for an authority. Refused if it already means any
    /// authority (this one included: nothing to add).
    pub(crate) async fn add_alias(
        &self,
        store: &Store,
        slug: &str,
        alias: &str,
        by: &str,
    ) -> Result<(), EngineError> {
        let alias = alias.trim();
        let key = match_key(alias);
        if key.is_empty() {
            return Err(invalid("alias", "Enter the other name"));
        }
        plain("alias", alias)?;
        let register = self.register(store).await?;
        let entry = register
            .by_slug(slug)
            .ok_or_else(|| EngineError::NotFound {
                what: "authority",
                key: slug.to_owned(),
            })?;
        if let Some(other) = register.resolve(alias) {
            return Err(invalid(
                "alias",
                format!("'{alias}' already means {}", other.authority.name),
            ));
        }
        let stored = StoredAlias {
            authority_id: entry.authority.id,
            alias: alias.to_owned(),
            match_key: key,
        };
        match store
            .add_authority_alias(&stored, by, &self.timestamp())
            .await
        {
            // Another server added the same name in between.
            Err(StoreError::Duplicate { .. }) => Err(invalid(
                "alias",
                format!("'{alias}' already means another authority"),
            )),
            other => Ok(other?),
        }
    }

    /// Import case files, each under the authority its `request.authority`
    /// names in the register; all or none. An unknown name is `Invalid`,
    /// naming the item and the name.
    pub(crate) async fn import_by_name(
        &self,
        store: &Store,
        items: &[(String, CaseFile)],
        by: &str,
    ) -> Result<Vec<i64>, EngineError> {
        let register = self.register(store).await?;
        let mut resolved = Vec::with_capacity(items.len());
        for (i, (reference, file)) in items.iter().enumerate() {
            let named = &file.request.authority;
            let entry = register.resolve(named).ok_or_else(|| {
                invalid(
                    &format!("items[{i}], request.authority"),
                    format!(
                        "no authority in the register is called '{named}': add it, or add the name as an alias of the authority it means"
                    ),
                )
            })?;
            resolved.push((
                entry.authority.slug.clone(),
                reference.clone(),
                file.clone(),
            ));
        }
        self.import_cases(store, &resolved, by).await
    }
}

#[cfg(test)]
mod tests {
    use super::{match_key, slug_for};

    #[test]
    fn names_match_whatever_their_case_punctuation_and_leading_the() {
        for (a, b, same) in [
            ("Kent Police", "KENT POLICE", true),
            ("The Governing Body of X", "governing body of x", true),
            ("Avon & Somerset Police", "Avon and Somerset Police", true),
            ("Chief Constable of Kent Police", "Kent Police", false),
            ("The", "the", true),
            (
                "Devon and Cornwall Police",
                "Devon, and Cornwall Police.",
                true,
            ),
        ] {
            assert_eq!(match_key(a) == match_key(b), same, "{a} / {b}");
        }
    }

    #[test]
    fn slugs_are_ascii_words_joined_by_hyphens() {
        for (name, slug) in [
            ("Kent Police", "kent-police"),
            ("Cyngor Sir Ynys Môn", "cyngor-sir-ynys-m-n"),
            ("  NHS  Trust (North) ", "nhs-trust-north"),
            ("  --  ", ""),
        ] {
            assert_eq!(slug_for(name), slug);
        }
        assert!(slug_for(&"word ".repeat(40)).len() <= 64);
    }
}
