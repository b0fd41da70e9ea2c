//! What linking a new request costs in this crate: fingerprinting it (normalise, exact key,
//! signature, bands) against a register of 45 names, and verifying one candidate.

use criterion::{criterion_group, criterion_main, Criterion};
use foidesk_likeness::{bands, compare, exact_key, normalise, related_bands, signature, Names};
use std::hint::black_box;

const REQUEST: &str = "Dear Eastmoor Constabulary,

I am writing under the Freedom of Information Act 2000 to ask for the following.

1. Since 1 January 2015, has the force used information recorded by smart speakers, smart
watches, home assistants or other internet-connected household devices as evidence in a
criminal investigation? If so, in how many investigations in each year?
2. Does the force hold written guidance for officers on seizing and examining such devices?
3. Has the force asked any manufacturer of such devices for data it holds about a user, and
if so how many times in each year since 2015?
4. Has the force bought any tool for extracting data from such devices, and at what cost?
5. Has the force's digital forensics unit been trained to examine such devices?

Yours faithfully,
A. Requester";

fn bench(c: &mut Criterion) {
    let register: Vec<String> = (0..45).map(|i| format!("Shire {i} Police")).collect();
    let names = Names::new(register.iter().chain(&["Eastmoor Constabulary".to_owned()]));
    let other = normalise(&REQUEST.replace("2015", "2016"), &names);
    c.bench_function("fingerprint a five-part request", |b| {
        b.iter(|| {
            let n = normalise(black_box(REQUEST), &names);
            let sig = signature(&n);
            black_box((exact_key(&n), bands(&sig), related_bands(&sig)));
        })
    });
    let n = normalise(REQUEST, &names);
    c.bench_function("compare two five-part requests", |b| {
        b.iter(|| black_box(compare(black_box(&n), black_box(&other))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
