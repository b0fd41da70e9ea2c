//! Where the cases of a multi-case write are looked up, for the whole write
//! at once: the stored prints of each distinct exact key in one query per
//! hundred keys, and the band look-up only for a key whose exact matches do
//! not already settle where every case with it joins. Cases with one key
//! have one normalised text, and nothing is written until the write, so
//! each finds what `found` would find for it alone.

use std::collections::HashMap;

use foidesk_likeness::Likeness;
use foidesk_store::{Store, StoredPrint};

use super::print::{verified, Fingerprint, Found, CANDIDATES};
use crate::EngineError;

/// The verified stored requests like each exact key of a write.
pub(crate) struct Lookups {
    by_key: HashMap<String, Vec<Found>>,
}

impl Lookups {
    /// Look up `prints[i]` for each `(i, authority)` of `wanted`.
    pub(crate) async fn new(
        store: &Store,
        prints: &[Fingerprint],
        wanted: &[(usize, i64)],
    ) -> Result<Self, EngineError> {
        // Each distinct key: its first print and the authorities asking.
        let mut keys: Vec<(&Fingerprint, Vec<i64>)> = Vec::new();
        let mut slot: HashMap<&str, usize> = HashMap::new();
        for &(i, authority) in wanted {
            // A request with no words left is like nothing.
            let Some(print) = prints.get(i).filter(|p| !p.normalised.is_empty()) else {
                continue;
            };
            let n = *slot.entry(print.exact_key.as_str()).or_insert_with(|| {
                keys.push((print, Vec::new()));
                keys.len() - 1
            });
            if let Some((_, authorities)) = keys.get_mut(n) {
                authorities.push(authority);
            }
        }
        let names: Vec<&str> = keys.iter().map(|(p, _)| p.exact_key.as_str()).collect();
        let mut exact: HashMap<String, Vec<StoredPrint>> = HashMap::new();
        for p in store.prints_by_keys(&names, CANDIDATES).await? {
            exact.entry(p.exact_key.clone()).or_default().push(p);
        }
        let mut by_key = HashMap::new();
        let mut open: Vec<(&Fingerprint, Vec<StoredPrint>)> = Vec::new();
        for (print, authorities) in keys {
            let stored = exact.remove(&print.exact_key).unwrap_or_default();
            let found = verified(print, stored.clone(), None);
            if authorities.iter().all(|a| settled(&found, *a)) {
                by_key.insert(print.exact_key.clone(), found);
            } else {
                open.push((print, stored));
            }
        }
        let bands: Vec<&[(i64, i64)]> = open.iter().map(|(p, _)| p.bands.as_slice()).collect();
        let mut by_band: Vec<Vec<StoredPrint>> = vec![Vec::new(); open.len()];
        for (k, p) in store.band_candidates(&bands, CANDIDATES).await? {
            if let Some(list) = by_band.get_mut(k) {
                list.push(p);
            }
        }
        for ((print, mut stored), banded) in open.into_iter().zip(by_band) {
            // Exact matches first, then those by bands, as `candidates` gives them.
            for p in banded {
                if !stored.iter().any(|s| s.case_id == p.case_id) {
                    stored.push(p);
                }
            }
            by_key.insert(print.exact_key.clone(), verified(print, stored, None));
        }
        Ok(Lookups { by_key })
    }

    /// What was found like `print` (nothing if it was not looked up).
    pub(crate) fn found(&self, print: &Fingerprint) -> &[Found] {
        self.by_key.get(&print.exact_key).map_or(&[], Vec::as_slice)
    }
}

/// Whether the exact matches already say where a case of `authority` joins:
/// a same request of another authority in a round robin, which `join_for`
/// takes before anything the bands could add (they rank after it).
fn settled(found: &[Found], authority: i64) -> bool {
    found.iter().any(|f| {
        f.likeness == Likeness::Same
            && f.similarity >= 1.0
            && f.print.authority_id != authority
            && f.print.round_robin.is_some()
    })
}
