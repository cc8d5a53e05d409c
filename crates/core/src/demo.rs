//! Synthetic but plausible runs of the demo guides, for `lotse demo-data`:
//! a product owner who opens the dashboard of a fresh demo sees a funnel
//! with a story instead of zeros. Pure and deterministic: the same guides,
//! [`Settings`] and seed give the same events, byte for byte.
//!
//! The shape (documented in `docs/demo-data.md`, asserted by the server's
//! `demo_data` tests): `tariff-switch` has two versions, the earlier one
//! live for the first half of the period and the current one since; the
//! earlier version loses about a quarter of the visitors who reach the
//! bank step (`iban`), its biggest drop, the current one under a tenth.
//! Some runs break at `tariffs` (the late tariff list, `target_missing`).
//! Every abandonment reason occurs, and a quarter of the visitors who give
//! up just go silent (the reports count them as `left`). Mobile visitors
//! give up more often than desktop ones.

mod rng;
mod tables;

use crate::event::{Device, Event, EventType, Reason};
use crate::guide::Guide;

pub use rng::Rng;
pub use tables::{drop_at, dwell_at, missing_at, ABANDON_REASONS};

const MINUTE: i64 = 60 * 1000;
const DAY: i64 = 24 * 60 * MINUTE;

/// One guide version to generate runs for.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    /// Guide id.
    pub guide: String,
    /// Guide version.
    pub version: u32,
    /// Whether this is an earlier version replaced by `version + 1`.
    pub earlier: bool,
    /// Step ids and their page patterns (`*` stands for the language).
    pub steps: Vec<(String, Option<String>)>,
    /// Whether the guide has a goal (completed runs then mostly reach it).
    pub goal: bool,
    /// Relative share of the runs while this version is live.
    pub weight: u32,
    /// The part of the period this version was live, as fractions 0..=1.
    pub live: (f64, f64),
}

impl Track {
    /// A track for a loaded guide, live for the whole period.
    pub fn of(guide: &Guide, weight: u32) -> Track {
        Track {
            guide: guide.id.clone(),
            version: guide.version,
            earlier: false,
            steps: guide
                .steps
                .iter()
                .map(|s| (s.id.clone(), s.url.as_ref().map(|u| u.as_str().to_string())))
                .collect(),
            goal: guide.goal.is_some(),
            weight,
            live: (0.0, 1.0),
        }
    }

    /// This guide live in the second half of the period, and its previous
    /// version (same steps, `version - 1`) in the first half. A guide at
    /// version 1 has no previous version and stays live throughout.
    pub fn with_previous(self) -> Vec<Track> {
        if self.version < 2 {
            return vec![self];
        }
        let previous = Track {
            version: self.version - 1,
            earlier: true,
            live: (0.0, 0.5),
            ..self.clone()
        };
        vec![
            previous,
            Track {
                live: (0.5, 1.0),
                ..self
            },
        ]
    }
}

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Seed of the generator.
    pub seed: u64,
    /// Number of runs, over all tracks.
    pub runs: u32,
    /// Length of the period in days, ending at `end_ms`.
    pub days: u32,
    /// End of the period, ms since the Unix epoch (no event is later).
    pub end_ms: i64,
}

/// One generated event with the time the server "received" it.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The event, as the widget would have sent it.
    pub event: Event,
    /// Server receive time, ms since the Unix epoch.
    pub received_at: i64,
}

/// The runs, one `Vec` of events per run, in generation order. Empty when
/// there are no tracks.
pub fn runs(tracks: &[Track], settings: Settings) -> impl Iterator<Item = Vec<Generated>> + '_ {
    let mut rng = Rng::new(settings.seed);
    let days = i64::from(settings.days.max(1));
    // Runs last at most ~40 minutes: start them early enough.
    let start = settings.end_ms - days * DAY - 45 * MINUTE;
    (0..settings.runs).filter_map(move |_| {
        let at = start + daytime(&mut rng, days);
        let fraction = (at - start) as f64 / (days * DAY) as f64;
        let live: Vec<&Track> = tracks
            .iter()
            .filter(|t| fraction >= t.live.0 && fraction < t.live.1)
            .collect();
        let total: u32 = live.iter().map(|t| t.weight).sum();
        let mut pick = rng.below(u64::from(total.max(1)));
        let track = live.into_iter().find(|t| {
            let hit = pick < u64::from(t.weight);
            pick = pick.saturating_sub(u64::from(t.weight));
            hit
        })?;
        Some(run(track, &mut rng, at))
    })
}

/// An offset into the period, mostly in the daytime and more on weekdays.
fn daytime(rng: &mut Rng, days: i64) -> i64 {
    // Relative traffic per hour of the day.
    const HOURS: [u64; 24] = [
        1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 9, 10, 10, 9, 9, 10, 12, 13, 12, 9, 5, 2,
    ];
    loop {
        let day = rng.below(days as u64) as i64;
        // Two of seven days (the weekend) have 60% of the traffic.
        if day % 7 >= 5 && rng.chance(0.4) {
            continue;
        }
        let hour = rng.weighted(&HOURS) as i64;
        return day * DAY + hour * 60 * MINUTE + rng.below(60 * MINUTE as u64) as i64;
    }
}

/// The visitor of one run.
struct Visitor {
    lang: &'static str,
    locale: &'static str,
    device: Device,
    /// Multiplies the chance of giving up.
    patience: f64,
}

fn visitor(rng: &mut Rng) -> Visitor {
    let (lang, locale) = match rng.weighted(&[55, 10, 20, 15]) {
        0 => ("de", "de-DE"),
        1 => ("de", "de-AT"),
        2 => ("en", "en-GB"),
        _ => ("en", "en-US"),
    };
    let (device, patience) = match rng.weighted(&[45, 15, 40]) {
        0 => (Device::Mobile, 1.3),
        1 => (Device::Tablet, 1.0),
        _ => (Device::Desktop, 0.75),
    };
    Visitor {
        lang,
        locale,
        device,
        patience,
    }
}

/// The events of one run of `track` starting at `at`.
fn run(track: &Track, rng: &mut Rng, at: i64) -> Vec<Generated> {
    let who = visitor(rng);
    let run_id = rng.hex_id();
    let mut out = Emitter {
        track,
        who: &who,
        run: run_id,
        ts: at,
        events: Vec::new(),
    };
    let last = track.steps.len().saturating_sub(1);
    out.emit(rng, EventType::GuideStarted, Some(0), None, None);
    for i in 0..track.steps.len() {
        let id = track.steps[i].0.as_str();
        out.emit(rng, EventType::StepViewed, Some(i), None, None);
        if rng.chance(missing_at(&track.guide, id)) {
            out.ts += i64::from(rng.around(6000));
            out.emit(
                rng,
                EventType::StepFailed,
                Some(i),
                Some(Reason::TargetMissing),
                None,
            );
            return out.events;
        }
        let dwell = rng.around(dwell_at(&track.guide, id, track.earlier));
        out.ts += i64::from(dwell);
        if i > 0 && rng.chance(0.04) {
            out.emit(rng, EventType::StepBack, Some(i), None, Some(dwell));
            out.emit(rng, EventType::StepViewed, Some(i - 1), None, None);
            out.ts += i64::from(rng.around(4000));
            out.emit(rng, EventType::StepCompleted, Some(i - 1), None, Some(3000));
            out.emit(rng, EventType::StepViewed, Some(i), None, None);
        }
        let drop = (drop_at(&track.guide, id, track.earlier) * who.patience).min(0.95);
        if rng.chance(drop) {
            let reason = ABANDON_REASONS[rng.weighted(&[30, 10, 7, 10, 18, 25])];
            // `Left` is never sent: the visitor just goes silent.
            if reason != Reason::Left {
                out.emit(
                    rng,
                    EventType::GuideAbandoned,
                    Some(i),
                    Some(reason),
                    Some(dwell),
                );
            }
            return out.events;
        }
        out.emit(rng, EventType::StepCompleted, Some(i), None, Some(dwell));
    }
    out.emit(rng, EventType::GuideCompleted, Some(last), None, None);
    if track.goal && rng.chance(0.93) {
        out.ts += i64::from(rng.around(2000));
        out.emit(rng, EventType::GoalReached, None, None, None);
    }
    out.events
}

/// Builds the events of one run, moving its clock.
struct Emitter<'a> {
    track: &'a Track,
    who: &'a Visitor,
    run: String,
    ts: i64,
    events: Vec<Generated>,
}

impl Emitter<'_> {
    fn emit(
        &mut self,
        rng: &mut Rng,
        kind: EventType,
        step: Option<usize>,
        reason: Option<Reason>,
        dwell_ms: Option<u32>,
    ) {
        let steps = &self.track.steps;
        let at = step.or(steps.len().checked_sub(1));
        let pattern = at.and_then(|i| steps[i].1.as_deref());
        let path = match pattern {
            Some(p) => p.replace('*', self.who.lang),
            None if self.who.lang == "de" => "/de/".to_string(),
            None => "/".to_string(),
        };
        self.ts += 1 + rng.below(400) as i64;
        let event = Event {
            id: rng.hex_id(),
            kind,
            guide: self.track.guide.clone(),
            guide_version: self.track.version,
            run: self.run.clone(),
            step: step.map(|i| steps[i].0.clone()),
            step_index: step.and_then(|i| u32::try_from(i).ok()),
            step_count: u32::try_from(steps.len()).unwrap_or(u32::MAX),
            ts: self.ts,
            path,
            locale: self.who.locale.to_string(),
            device: self.who.device,
            reason,
            dwell_ms: dwell_ms.map(u64::from),
            locator: (kind == EventType::StepViewed).then_some(0),
        };
        let received_at = self.ts + 40 + rng.below(600) as i64;
        self.events.push(Generated { event, received_at });
    }
}
