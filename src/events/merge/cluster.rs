//! Which events report the same happening: candidate pairs by date, their similarity, and
//! average-linkage clustering under the rules a happening obeys.
//!
//! 1. **Pairs by date.** Events are swept in date order; an event is compared only with the
//!    events whose dates it can share (overlapping days, or the next or previous day for two
//!    day-precise ones: outlets in other time zones, "rạng sáng" reports) and whose topic agrees
//!    (the same, or one of them `other`). When many events are open at once, only those that
//!    share one of an event's heaviest terms are compared, so cost grows with the number of
//!    events, not its square.
//! 2. **Similarity** is the cosine of the two articles' term vectors, or 0 when one event's
//!    sentence names things the other article never names while the other event's sentence
//!    names things of its own, and at least [`RARE_NAME_SIMILARITY`] when each event's sentence
//!    names something rare that the other article names too (see `terms`).
//! 3. **Average linkage.** Groups merge best pair first while the mean similarity over all
//!    their cross pairs reaches the threshold: one outlet's passing mention of another
//!    happening lifts one pair, not the mean, so it does not pull two happenings together.
//!    First only groups with a common day merge, then neighbouring days. A group never holds
//!    two topics, two events of one article on different days (the article itself tells them
//!    apart) unless a report in the group spans both days, or dates without a common day
//!    (beyond a day's tolerance for day-precise ones) unless one report spans them all.
//!
//! Everything is ordered by the events' canonical order, never by input order, so the result
//! does not depend on the order articles arrive in.

use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::terms::{ArticleTerms, MIN_SENTENCE_NAMES, RARE_NAME_SIMILARITY};
use crate::error::Result;

/// A mergeable event as the clustering sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Point {
    /// The article it was found in.
    pub(crate) article: u32,
    /// First and last day covered (days since the common era).
    pub(crate) start: i32,
    pub(crate) end: i32,
    /// A day or a range of days (not a week or a month): a day's tolerance applies.
    pub(crate) day_like: bool,
    /// Its topic; `None` for `other`, which agrees with every topic.
    pub(crate) topic: Option<u16>,
}

/// How the clustering decides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Settings {
    /// Least mean similarity for two groups to merge.
    pub(crate) threshold: f64,
    /// Days two day-precise groups may lie apart and still merge.
    pub(crate) tolerance: i32,
    /// Pairs less similar than this count as 0 and are not kept.
    pub(crate) floor: f64,
    /// Up to this many open events an event is compared with all of them; beyond it only with
    /// those sharing one of its heaviest terms.
    pub(crate) exact_up_to: usize,
    /// How many of an article's heaviest terms candidate pairs are looked up by.
    pub(crate) top_terms: usize,
    /// A heavy term more open events than this share is too common to look pairs up by.
    pub(crate) common_posting: usize,
    /// Most candidates an event is compared with when many are open.
    pub(crate) most_candidates: usize,
    /// Most similar pairs an event keeps with the events open when it arrives.
    pub(crate) most_edges: usize,
}

/// What the clustering did, for tests and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    /// Similarities computed.
    pub(crate) compared: u64,
    /// Pairs at or above the floor.
    pub(crate) edges: u64,
}

/// A similar pair of points (by index).
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: u32,
    b: u32,
    sim: f32,
}

/// Whether two points may be one happening: different articles, agreeing topics, a common day
/// (or, for two day-precise ones, days at most `tolerance` apart).
fn compatible(p: &Point, q: &Point, tolerance: i32) -> bool {
    if p.article == q.article {
        return false;
    }
    if let (Some(a), Some(b)) = (p.topic, q.topic) {
        if a != b {
            return false;
        }
    }
    let gap = p.start.max(q.start) - p.end.min(q.end);
    let allowed = if p.day_like && q.day_like {
        tolerance
    } else {
        0
    };
    gap <= allowed
}

/// Clusters `points`; `vectors(article)` gives an article's terms. Returns, for each point,
/// the smallest point index of its group.
pub(crate) fn cluster(
    points: &[Point],
    names: &[&[u32]],
    vectors: &mut dyn FnMut(u32) -> Result<Arc<ArticleTerms>>,
    settings: &Settings,
) -> Result<(Vec<u32>, Stats)> {
    let (mut edges, stats) = similar_pairs(points, names, vectors, settings)?;
    let mut components = Components::new(points.len());
    for e in &edges {
        components.union(e.a, e.b);
    }
    // The edges of each component side by side, without a copy.
    let component: Vec<u32> = (0..points.len() as u32)
        .map(|p| components.find(p))
        .collect();
    edges.sort_unstable_by_key(|e| (component[e.a as usize], e.a, e.b));
    let slices: Vec<&[Edge]> = edges
        .chunk_by(|x, y| component[x.a as usize] == component[y.a as usize])
        .collect();
    let merged: Vec<Vec<(u32, u32)>> = slices
        .into_par_iter()
        .map(|edges| average_linkage(points, edges, settings))
        .collect();
    let mut root: Vec<u32> = (0..points.len() as u32).collect();
    for pairs in merged {
        for (point, group) in pairs {
            root[point as usize] = group;
        }
    }
    Ok((root, stats))
}

/// An open point in the sweep, with its article's terms and heaviest terms.
struct Open {
    point: u32,
    terms: Arc<ArticleTerms>,
}

/// The similar pairs among `points`, swept in date order.
fn similar_pairs(
    points: &[Point],
    names: &[&[u32]],
    vectors: &mut dyn FnMut(u32) -> Result<Arc<ArticleTerms>>,
    settings: &Settings,
) -> Result<(Vec<Edge>, Stats)> {
    let mut order: Vec<u32> = (0..points.len() as u32).collect();
    order.sort_by_key(|&i| (points[i as usize].start, i));
    let mut open: Vec<Open> = Vec::new();
    // Heaviest terms -> open points, for the crowded case; rebuilt as points close.
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut top: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut cache: HashMap<u32, (Arc<ArticleTerms>, usize)> = HashMap::new();
    let mut edges = Vec::new();
    let mut stats = Stats::default();
    let mut k = 0;
    while k < order.len() {
        // Every point starting on this day joins at once; they are compared with the open ones
        // and with each other.
        let day = points[order[k] as usize].start;
        let mut arriving = Vec::new();
        while k < order.len() && points[order[k] as usize].start == day {
            arriving.push(order[k]);
            k += 1;
        }
        // Close what can no longer meet anything starting today or later.
        let before = open.len();
        open.retain(|o| {
            let p = &points[o.point as usize];
            let reach = if p.day_like { settings.tolerance } else { 0 };
            p.end + reach >= day
        });
        if open.len() != before {
            let kept: std::collections::HashSet<u32> = open.iter().map(|o| o.point).collect();
            for list in postings.values_mut() {
                list.retain(|i| kept.contains(i));
            }
            postings.retain(|_, l| !l.is_empty());
            top.retain(|i, _| kept.contains(i));
            cache.retain(|_, (_, users)| {
                *users = 0;
                true
            });
            for o in &open {
                if let Some(c) = cache.get_mut(&points[o.point as usize].article) {
                    c.1 += 1;
                }
            }
            cache.retain(|_, (_, users)| *users > 0);
        }
        for &i in &arriving {
            let article = points[i as usize].article;
            let terms = match cache.get_mut(&article) {
                Some((t, users)) => {
                    *users += 1;
                    t.clone()
                }
                None => {
                    let t = vectors(article)?;
                    cache.insert(article, (t.clone(), 1));
                    t
                }
            };
            let heaviest = terms.top_terms(settings.top_terms);
            for &t in &heaviest {
                postings.entry(t).or_default().push(i);
            }
            top.insert(i, heaviest);
            open.push(Open { point: i, terms });
        }
        let crowded = open.len() > settings.exact_up_to;
        let position: HashMap<u32, usize> =
            open.iter().enumerate().map(|(n, o)| (o.point, n)).collect();
        let found: Vec<(Vec<Edge>, u64)> = arriving
            .par_iter()
            .map(|&i| {
                let p = &points[i as usize];
                let mine = &open[position[&i]];
                let candidates: Vec<u32> = if crowded {
                    // Terms most open events share say nothing about which happening; of the
                    // rest, the events sharing the most heavy terms come first.
                    let mut c: Vec<u32> = top[&i]
                        .iter()
                        .filter_map(|t| postings.get(t))
                        .filter(|list| list.len() <= settings.common_posting)
                        .flatten()
                        .copied()
                        .collect();
                    c.sort_unstable();
                    let mut counted: Vec<(usize, u32)> = Vec::new();
                    for j in c {
                        match counted.last_mut() {
                            Some((n, last)) if *last == j => *n += 1,
                            _ => counted.push((1, j)),
                        }
                    }
                    counted.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
                    counted.truncate(settings.most_candidates);
                    let mut c: Vec<u32> = counted.into_iter().map(|(_, j)| j).collect();
                    c.sort_unstable();
                    c
                } else {
                    open.iter().map(|o| o.point).collect()
                };
                let mut out = Vec::new();
                let mut compared = 0;
                for j in candidates {
                    let q = &points[j as usize];
                    // A pair of two arrivals is seen from its first point only.
                    if q.start == day && j <= i {
                        continue;
                    }
                    if !compatible(p, q, settings.tolerance) {
                        continue;
                    }
                    compared += 1;
                    let theirs = &open[position[&j]].terms;
                    let mut sim = mine.terms.cosine(theirs) as f32;
                    // An event whose sentence names what the other article never does reports
                    // another happening, however alike the articles, when the other event's
                    // sentence names things too: one that names one thing or none ("một công
                    // ty kho vận lớn", "một bệnh viện ở Đà Nẵng") may be telling the same
                    // happening in other words.
                    let (mine_named, theirs_named) = (names[i as usize], names[j as usize]);
                    let names_its_own = |n: &[u32]| n.len() >= MIN_SENTENCE_NAMES;
                    if (names_its_own(theirs_named) && theirs.lacks_names(mine_named))
                        || (names_its_own(mine_named) && mine.terms.lacks_names(theirs_named))
                    {
                        sim = 0.0;
                    }
                    // Each event's sentence names something rare in news at large that the
                    // other article names too: one happening told from two angles, however
                    // little else the articles share.
                    if sim > 0.0
                        && theirs.has_rare_name(mine_named)
                        && mine.terms.has_rare_name(theirs_named)
                    {
                        sim = sim.max(RARE_NAME_SIMILARITY);
                    }
                    if f64::from(sim) >= settings.floor {
                        out.push(Edge {
                            a: i.min(j),
                            b: i.max(j),
                            sim,
                        });
                    }
                }
                // The strongest pairs only: a happening has tens of reports, not hundreds, and
                // a pair left out counts as 0, which only makes a merge less likely.
                out.sort_unstable_by(|x, y| {
                    y.sim
                        .total_cmp(&x.sim)
                        .then(x.a.cmp(&y.a))
                        .then(x.b.cmp(&y.b))
                });
                out.truncate(settings.most_edges);
                (out, compared)
            })
            .collect();
        for (list, compared) in found {
            stats.compared += compared;
            stats.edges += list.len() as u64;
            edges.extend(list);
        }
    }
    edges.sort_by_key(|e| (e.a, e.b));
    Ok((edges, stats))
}

/// Union-find over point indices; the smaller index is the root.
struct Components {
    parent: Vec<u32>,
}

impl Components {
    fn new(n: usize) -> Self {
        Components {
            parent: (0..n as u32).collect(),
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi as usize] = lo;
    }
}

/// A group being built.
#[derive(Debug, Clone)]
struct Group {
    points: Vec<u32>,
    /// Its smallest point: the group's name, and the tie-break between equal merges.
    first: u32,
    /// Each point's article and days, sorted: one article's points on different days never
    /// join, and pairs within one article do not count in a mean.
    articles: Vec<(u32, i32, i32)>,
    /// The common days of its points: `lo > hi` when they share none.
    lo: i32,
    hi: i32,
    /// First and last day of all its points.
    hull: (i32, i32),
    /// The longest span of its day-precise points (the earliest of equals), if it has any: if
    /// one of them covers the hull, this one does. A month covers many happenings, a range of
    /// days one.
    longest: Option<(i32, i32)>,
    day_like: bool,
    topic: Option<u16>,
}

/// Average-linkage clustering of one connected component, given as its edges. Returns
/// (point, group) for every point of the component, the group named by its smallest point.
fn average_linkage(points: &[Point], edges: &[Edge], settings: &Settings) -> Vec<(u32, u32)> {
    let mut ids: Vec<u32> = edges.iter().flat_map(|e| [e.a, e.b]).collect();
    ids.sort_unstable();
    ids.dedup();
    let local: HashMap<u32, u32> = ids
        .iter()
        .enumerate()
        .map(|(n, &i)| (i, n as u32))
        .collect();
    let mut groups: Vec<Option<Group>> = ids
        .iter()
        .map(|&i| {
            let p = &points[i as usize];
            Some(Group {
                points: vec![i],
                first: i,
                articles: vec![(p.article, p.start, p.end)],
                lo: p.start,
                hi: p.end,
                hull: (p.start, p.end),
                longest: p.day_like.then_some((p.start, p.end)),
                day_like: p.day_like,
                topic: p.topic,
            })
        })
        .collect();
    // Summed similarity between two groups, keyed by their local indices (smaller, larger)
    // packed in one number; indices are u32 to keep a large component's tables small.
    let key = |a: u32, b: u32| (u64::from(a.min(b)) << 32) | u64::from(a.max(b));
    let unkey = |k: u64| ((k >> 32) as u32, k as u32);
    let mut sums: HashMap<u64, f64> = HashMap::new();
    let mut neighbours: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
    for e in edges {
        let (a, b) = (local[&e.a], local[&e.b]);
        *sums.entry(key(a, b)).or_insert(0.0) += f64::from(e.sim);
        neighbours[a as usize].push(b);
        neighbours[b as usize].push(a);
    }
    let rebuilt = |groups: &[Option<Group>], sums: &HashMap<u64, f64>, phase_gap: i32| {
        sums.iter()
            .filter_map(|(&k, &sum)| {
                let (a, b) = unkey(k);
                candidate(groups, a, b, sum, phase_gap, settings)
            })
            .collect::<BinaryHeap<Candidate>>()
    };
    for phase_gap in [0, settings.tolerance] {
        let mut heap = rebuilt(&groups, &sums, phase_gap);
        while let Some(c) = heap.pop() {
            let (a, b) = (c.a, c.b);
            let (ai, bi) = (a as usize, b as usize);
            // Stale: one side merged since, or the pair's sum changed.
            let (Some(ga), Some(gb)) = (&groups[ai], &groups[bi]) else {
                continue;
            };
            if ga.points.len() != c.size_a as usize || gb.points.len() != c.size_b as usize {
                continue;
            }
            let gb = groups[bi].take().expect("checked above");
            let ga = groups[ai].as_mut().expect("checked above");
            ga.lo = ga.lo.max(gb.lo);
            ga.hi = ga.hi.min(gb.hi);
            ga.hull = (ga.hull.0.min(gb.hull.0), ga.hull.1.max(gb.hull.1));
            ga.longest = longer(ga.longest, gb.longest);
            ga.day_like &= gb.day_like;
            ga.topic = ga.topic.or(gb.topic);
            ga.first = ga.first.min(gb.first);
            ga.points.extend(gb.points);
            ga.articles = merge_sorted(std::mem::take(&mut ga.articles), gb.articles);
            // b's sums move to a.
            let moved = std::mem::take(&mut neighbours[bi]);
            for z in moved {
                if z == a || groups[z as usize].is_none() {
                    continue;
                }
                let s = sums.remove(&key(b, z)).unwrap_or(0.0);
                *sums.entry(key(a, z)).or_insert(0.0) += s;
                neighbours[ai].push(z);
                neighbours[z as usize].push(a);
            }
            sums.remove(&key(a, b));
            let mut mine = std::mem::take(&mut neighbours[ai]);
            mine.sort_unstable();
            mine.dedup();
            mine.retain(|&z| z != a && z != b && groups[z as usize].is_some());
            // Entries of merged groups stay in the heap until popped; when they outnumber the
            // live pairs, the heap is rebuilt from the pairs.
            if heap.len() > 2 * sums.len() + 1024 {
                neighbours[ai] = mine;
                heap = rebuilt(&groups, &sums, phase_gap);
                continue;
            }
            for &z in &mine {
                if let Some(&sum) = sums.get(&key(a, z)) {
                    if let Some(c) =
                        candidate(&groups, a.min(z), a.max(z), sum, phase_gap, settings)
                    {
                        heap.push(c);
                    }
                }
            }
            neighbours[ai] = mine;
        }
    }
    let mut out = Vec::with_capacity(ids.len());
    for g in groups.into_iter().flatten() {
        let name = g.first;
        out.extend(g.points.into_iter().map(|p| (p, name)));
    }
    out
}

/// The longer of two spans, the earlier of equals.
fn longer(a: Option<(i32, i32)>, b: Option<(i32, i32)>) -> Option<(i32, i32)> {
    let len = |s: (i32, i32)| s.1 - s.0;
    match (a, b) {
        (Some(x), Some(y)) if len(y) > len(x) || (len(y) == len(x) && y < x) => Some(y),
        (Some(x), _) => Some(x),
        (None, y) => y,
    }
}

/// Whether `span` covers every day from `first` to `last`.
fn covers(span: Option<(i32, i32)>, first: i32, last: i32) -> bool {
    span.is_some_and(|(start, end)| start <= first && last <= end)
}

/// Two sorted lists as one sorted list, in linear time.
fn merge_sorted<T: Ord + Copy>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// A merge waiting in the heap: best mean first, then the pair with the smallest points.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate {
    mean: f64,
    first: (u32, u32),
    a: u32,
    b: u32,
    size_a: u32,
    size_b: u32,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.mean
            .total_cmp(&other.mean)
            .then_with(|| other.first.cmp(&self.first))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The merge of groups `a` and `b` as a heap entry, if the rules allow it in this phase and
/// their mean similarity reaches the threshold.
fn candidate(
    groups: &[Option<Group>],
    a: u32,
    b: u32,
    sum: f64,
    phase_gap: i32,
    settings: &Settings,
) -> Option<Candidate> {
    let (ga, gb) = (groups[a as usize].as_ref()?, groups[b as usize].as_ref()?);
    if let (Some(x), Some(y)) = (ga.topic, gb.topic) {
        if x != y {
            return None;
        }
    }
    let gap = ga.lo.max(gb.lo) - ga.hi.min(gb.hi);
    let allowed = if ga.day_like && gb.day_like {
        phase_gap
    } else {
        0
    };
    // Beyond the day's tolerance, groups still merge when one report spans them both: the
    // visit "từ 9 đến 11/9" joins the outlets that told its first day and those that told its
    // last.
    let longest = longer(ga.longest, gb.longest);
    let hull = (ga.hull.0.min(gb.hull.0), ga.hull.1.max(gb.hull.1));
    if gap > allowed && !(phase_gap > 0 && covers(longest, hull.0, hull.1)) {
        return None;
    }
    // Pairs of distinct articles: what the mean is taken over. An article in both groups must
    // have its points there on common days: its events on different days are different
    // happenings, unless a report in the groups spans both days (the visit "từ 4 đến 5/6" of
    // which one outlet tells the arrival on the 4th and the trip on the 5th).
    let (x, y) = (&ga.articles, &gb.articles);
    let (mut i, mut j) = (0, 0);
    let mut same = 0usize;
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let article = x[i].0;
                let i_end = i + x[i..].iter().take_while(|p| p.0 == article).count();
                let j_end = j + y[j..].iter().take_while(|p| p.0 == article).count();
                for &(_, s1, e1) in &x[i..i_end] {
                    for &(_, s2, e2) in &y[j..j_end] {
                        if s1.max(s2) > e1.min(e2) && !covers(longest, s1.min(s2), e1.max(e2)) {
                            return None;
                        }
                    }
                }
                same += (i_end - i) * (j_end - j);
                i = i_end;
                j = j_end;
            }
        }
    }
    let pairs = ga.points.len() * gb.points.len() - same;
    if pairs == 0 {
        return None;
    }
    let mean = sum / pairs as f64;
    if mean < settings.threshold {
        return None;
    }
    Some(Candidate {
        mean,
        first: (ga.first.min(gb.first), ga.first.max(gb.first)),
        a,
        b,
        size_a: ga.points.len() as u32,
        size_b: gb.points.len() as u32,
    })
}
