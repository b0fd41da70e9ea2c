//! # foidesk-likeness: is this the same request as that one?
//!
//! Recognises one request sent to many authorities (a round robin) from its text alone, never
//! from who asked.
//!
//! 1. [`normalise`] (versioned by [`NORMALISER_VERSION`]) reduces a request to the words that
//!    make it that request: Unicode NFKC and case folding; salutations, sign-offs and the
//!    signature after them dropped, and e-mail addresses and web links; authority names and
//!    aliases ([`Names`]) made one placeholder ([`ORG`]), numbers and dates another
//!    ([`NUMBER`]); list markers dropped. It also splits the request into its parts (list
//!    items, or paragraphs when there is no list); [`request_parts`] gives the same parts as
//!    written, for a grid's columns.
//! 2. [`exact_key`] is a stable hash of the normalised text: equal keys, same request.
//! 3. [`signature`] is a MinHash of the text's word 3-shingles and of its topic words, with a
//!    hash of each long part; [`bands`] (whole-text LSH bands and one band per long part) and
//!    [`related_bands`] (coarser, over topic words) are what a store indexes to find candidates
//!    without comparing against every request.
//! 4. [`compare`] verifies a candidate exactly: [`Likeness::Same`], [`Likeness::Variant`] (an
//!    officer confirms), [`Likeness::Related`] (same topic, only listed) or
//!    [`Likeness::Unrelated`], with the parts it matched ([`Comparison::pairs`]), so a
//!    reordered copy's answers can be put under the right part.
//!
//! [`quality::measure`] checks the banding on synthetic pairs of known similarity.
//!
//! ## For the store
//! * An empty request ([`Normalised::is_empty`]: no words, or only a letter's frame) has no
//!   bands and is never the same as another; its exact key is that of every empty request, so
//!   do not look it up.
//! * Band numbers are distinct within one request: `0..BANDS`, part bands from
//!   [`PART_BAND_BASE`], related bands from [`RELATED_BAND_BASE`]. Index `(band, hash)`.
//! * Keys and bands of another [`NORMALISER_VERSION`] are not comparable: recompute them.
//!
//! ## Invariants
//! * Pure: no I/O, no clock. Nothing panics on any input (a fuzz target and properties check).
//! * Every hash is this crate's own fixed-constant mixing (`hash.rs`), never std's randomly
//!   seeded SipHash, so keys and bands stored today match those computed by any later build;
//!   a committed golden vector (`tests/it/golden_bands.txt`) pins them. Changing the
//!   normaliser, the shingling or the hashing means bumping [`NORMALISER_VERSION`].

mod compare;
mod hash;
mod letter;
mod minhash;
mod normalise;
pub mod quality;

pub use compare::{compare, Comparison, Likeness};
pub use minhash::{
    bands, related_bands, signature, Signature, BANDS, PART_BAND_BASE, PART_BAND_MIN_WORDS,
    PART_BAND_SLOTS, RELATED_BANDS, RELATED_BAND_BASE, RELATED_ROWS, ROWS, SHINGLE, SIGNATURE_LEN,
};
pub use normalise::{
    exact_key, normalise, request_parts, Names, Normalised, NORMALISER_VERSION, NUMBER, ORG,
};
