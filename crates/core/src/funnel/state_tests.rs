//! The pre-aggregated path ([`RunState`] folded per run in any order,
//! [`Counters`] added up) against the per-fact reference ([`report`]) on
//! random runs with duplicates, ties in client time and shuffled arrival.

use std::collections::BTreeMap;

use super::*;

const STEPS: [&str; 3] = ["welcome", "tariffs", "meter"];

/// xorshift64*: deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// One event: run, version, type, step, reason, client time, receive
/// time, dwell.
type Ev = (
    String,
    u32,
    EventType,
    Option<&'static str>,
    Option<Reason>,
    i64,
    i64,
    Option<u64>,
);

fn random_events(rng: &mut Rng, runs: usize) -> Vec<Ev> {
    let steps = ["welcome", "tariffs", "meter", "retired"];
    let mut events = Vec::new();
    for r in 0..runs {
        let run = format!("r{r}");
        let version = 1 + rng.below(2) as u32;
        let t0 = rng.below(5_000_000) as i64;
        for _ in 0..1 + rng.below(9) {
            let kind = EventType::ALL[rng.below(8) as usize];
            let step = match rng.below(6) {
                0 => None,
                n => Some(steps[(n as usize - 1).min(3)]),
            };
            let reason = match kind {
                EventType::GuideAbandoned | EventType::StepFailed if rng.below(5) > 0 => {
                    Some(Reason::ALL[rng.below(8) as usize])
                }
                _ => None,
            };
            // Few distinct times, so ties happen.
            let ts = t0 + rng.below(4) as i64 * 1000;
            let received = ts + rng.below(3) as i64;
            let dwell = (rng.below(3) == 0).then(|| rng.below(20_000));
            let e = (
                run.clone(),
                version,
                kind,
                step,
                reason,
                ts,
                received,
                dwell,
            );
            if rng.below(4) == 0 {
                events.push(e.clone());
            }
            events.push(e);
        }
    }
    events
}

fn facts(events: &[Ev]) -> Vec<Fact> {
    let mut groups: BTreeMap<_, Fact> = BTreeMap::new();
    for (run, version, kind, step, reason, ts, received, dwell) in events {
        let key = (run.clone(), *version, *kind, *step, *reason);
        let fact = groups.entry(key).or_insert_with(|| Fact {
            run: run.clone(),
            version: *version,
            kind: *kind,
            step: step.map(str::to_string),
            reason: *reason,
            last_ts: *ts,
            last_received: *received,
            dwell_ms: *dwell,
        });
        fact.last_ts = fact.last_ts.max(*ts);
        fact.last_received = fact.last_received.max(*received);
        fact.dwell_ms = fact.dwell_ms.max(*dwell);
    }
    groups.into_values().collect()
}

fn pre_aggregated(events: &[Ev], options: Options) -> (Funnel, Vec<VersionFunnel>) {
    let mut states: BTreeMap<(String, u32), RunState> = BTreeMap::new();
    for (run, version, kind, step, reason, ts, received, dwell) in events {
        let o = Observation {
            site: "s",
            locale: "de",
            device: "mobile",
            kind: *kind,
            step: *step,
            reason: *reason,
            first_ts: *ts,
            last_ts: *ts,
            received: *received,
            dwell_ms: *dwell,
        };
        states
            .entry((run.clone(), *version))
            .and_modify(|s| s.add(&o))
            .or_insert_with(|| RunState::new(&o));
    }
    let mut versions = VersionCounters::new();
    for ((_, version), state) in &states {
        let (counters, recent) = versions.entry(*version).or_default();
        counters.merge(&state.counters(false), 1);
        if options.now_ms - state.received < options.inactivity_ms {
            if let Some(step) = state.open_step() {
                *recent.entry(step.to_string()).or_default() += 1;
            }
        }
    }
    report_from_counters(&STEPS, &versions)
}

#[test]
fn pre_aggregated_equals_the_per_fact_report() {
    for seed in 1..40u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut events = random_events(&mut rng, 30);
        let options = Options {
            now_ms: 2_000_000 + rng.below(4_000_000) as i64,
            inactivity_ms: 1_000_000,
        };
        let want = report(&STEPS, &facts(&events), options);
        // Arrival order must not matter.
        for i in (1..events.len()).rev() {
            events.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let got = pre_aggregated(&events, options);
        assert_eq!(got, want, "seed {seed}");
    }
}

#[test]
fn counters_subtract_back_to_nothing() {
    let mut rng = Rng(7);
    let events = random_events(&mut rng, 5);
    let mut sum = Counters::default();
    let mut parts = Vec::new();
    for (run, version, kind, step, reason, ts, received, dwell) in &events {
        let o = Observation {
            site: "s",
            locale: "de",
            device: "mobile",
            kind: *kind,
            step: *step,
            reason: *reason,
            first_ts: *ts,
            last_ts: *ts,
            received: *received,
            dwell_ms: *dwell,
        };
        let _ = (run, version);
        let c = RunState::new(&o).counters(false);
        sum.merge(&c, 1);
        parts.push(c);
    }
    for c in &parts {
        sum.merge(c, -1);
    }
    assert!(sum.is_empty(), "{sum:?}");
    let json = serde_json::to_string(&parts[0]).unwrap_or_default();
    let back: Counters = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, parts[0]);
}
