//! The banding meets the targets on 10,000 synthetic pairs: recall at least 0.96
//! where the true similarity is at least 0.7, candidate rate at most 0.07 where it is at most
//! 0.3.

use foidesk_likeness::quality::{collision_chance, measure, Quality};

struct Case {
    pairs: usize,
    seed: u64,
}

const CASES: &[Case] = &[Case {
    pairs: 10_000,
    seed: 15,
}];

fn check(case: &Case) -> Quality {
    let q = measure(case.pairs, case.seed);
    assert_eq!(q.pairs, case.pairs);
    // Enough pairs on each side for the shares to mean something.
    assert!(
        q.high >= case.pairs / 10 && q.low >= case.pairs / 10,
        "{q:?}"
    );
    assert!(q.recall_at_0_7 >= 0.96, "recall {q:?}");
    assert!(q.candidate_rate_at_0_3 <= 0.07, "candidate rate {q:?}");
    assert_eq!(measure(case.pairs, case.seed), q, "deterministic");
    q
}

#[test]
fn ten_thousand_synthetic_pairs_meet_both_targets() {
    for case in CASES {
        let q = check(case);
        eprintln!("{q:?}");
    }
}

/// The banding's own curve meets the targets at their edges, so the measurement above is not
/// luck of the synthetic texts.
#[test]
fn the_banding_curve_meets_the_targets_at_their_edges() {
    let cases = [
        (0.7, 0.96, 1.0),
        (0.3, 0.0, 0.07),
        (1.0, 1.0, 1.0),
        (0.0, 0.0, 0.0),
    ];
    for (similarity, at_least, at_most) in cases {
        let p = collision_chance(similarity);
        assert!((at_least..=at_most).contains(&p), "at {similarity}: {p}");
    }
}
