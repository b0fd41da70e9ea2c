//! add_working_days(start, 20) over varied start dates: the contract asks for >= 20M ops/s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use foidesk_calendar::{Date, WorkingDayCalendar};
use std::hint::black_box;

fn starts() -> Vec<Date> {
    // Every 7th day from 2000 to 2099, then a stride through it so consecutive starts differ.
    let first = Date::min_supported();
    let all: Vec<Date> = (0..5200)
        .filter_map(|k| first.checked_add_days(k * 7 + k % 7).ok())
        .collect();
    (0..all.len()).map(|k| all[(k * 97) % all.len()]).collect()
}

fn bench(c: &mut Criterion) {
    let cal = WorkingDayCalendar::standard();
    let starts = starts();
    let mut group = c.benchmark_group("add_working_days");
    group.throughput(Throughput::Elements(starts.len() as u64));
    group.bench_function("20th working day", |b| {
        b.iter(|| {
            for &s in &starts {
                black_box(cal.add_working_days(black_box(s), 20).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
