//! Greedy selection under a budget with MMR-style redundancy control.
//!
//! Candidates are ranked by score; the best [`POOL`] enter a maximal-marginal-relevance loop
//! (score minus `redundancy` × the highest similarity to a unit already picked), then the rest
//! fill what budget is left, by score. A unit that does not fit is skipped, never cut: the
//! budget is never exceeded. Cost: `O(POOL² + n log n)` similarities at most.

use super::features::{Candidates, Cut, similarity};
use super::rank::Weights;
use super::{Budget, SummarySentence};

/// How many of the best-scored candidates take part in redundancy control.
pub const POOL: usize = 64;

/// What a budget counts and how much of it there is.
#[derive(Clone, Copy, Debug)]
enum Meter {
    Units(usize),
    Words(usize),
    Chars(usize),
}

impl Meter {
    fn of(budget: Budget, body_words: usize) -> Meter {
        match budget {
            Budget::Sentences(n) => Meter::Units(n),
            Budget::Words(n) => Meter::Words(n),
            Budget::Chars(n) => Meter::Chars(n),
            Budget::Ratio(r) => {
                let r = if r.is_finite() {
                    r.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                Meter::Words((r * body_words as f64).floor() as usize)
            }
        }
    }

    /// The cost of adding a unit of `words` words and `chars` characters to `picked` units
    /// (characters count one separator between units).
    fn cost(self, words: usize, chars: usize, picked: usize) -> usize {
        match self {
            Meter::Units(_) => 1,
            Meter::Words(_) => words,
            Meter::Chars(_) => chars + usize::from(picked > 0),
        }
    }

    fn total(self) -> usize {
        match self {
            Meter::Units(n) | Meter::Words(n) | Meter::Chars(n) => n,
        }
    }
}

/// How the candidates are ranked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ranking {
    /// By the weighted features, with redundancy control.
    #[default]
    Scored,
    /// In text order: the cleaned first body units (the Lead baseline, for comparison).
    Lead,
}

/// Select under `budget`; the result is in document order. With `trim`, a word or character
/// budget lets the best unit that does not fit be cut short at a word (preferably a clause)
/// boundary instead of being skipped, as Lead does (a second cut must keep twice the minimum;
/// the first piece of a summary may be as short as the budget makes it, so that a tight
/// budget shows the beginning of the best unit, not another one).
pub fn select(
    text: &str,
    c: &Candidates,
    w: &Weights,
    budget: Budget,
    trim: bool,
    ranking: Ranking,
) -> Vec<SummarySentence> {
    let meter = Meter::of(budget, c.body_words);
    let trim = trim && !matches!(meter, Meter::Units(_));
    let mut left = meter.total();
    let lead = ranking == Ranking::Lead;
    let scores: Vec<f64> = c
        .items
        .iter()
        .map(|x| {
            if lead {
                x.features.position
            } else {
                w.score(&x.features)
            }
        })
        .collect();
    let redundancy = if lead { 0.0 } else { w.redundancy };
    let mut order: Vec<usize> = (0..c.items.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let pool_len = order.len().min(POOL);
    let (pool, rest) = order.split_at(pool_len);

    // (candidate, redundancy when picked, cut if shortened)
    let mut picked: Vec<(usize, f64, Option<Cut>)> = Vec::new();
    let mut max_sim = vec![0.0f64; pool.len()];
    let mut done = vec![false; pool.len()];
    // Whether a unit was cut short already.
    let mut trimmed = false;
    loop {
        let mut best: Option<(usize, f64)> = None;
        for (k, &i) in pool.iter().enumerate() {
            if done[k] {
                continue;
            }
            let it = &c.items[i];
            let fits = meter.cost(it.features.words as usize, it.chars, picked.len()) <= left;
            if !fits && !trim {
                continue;
            }
            let v = scores[i] - redundancy * max_sim[k];
            let better = match best {
                None => true,
                Some((bk, bv)) => v > bv || (v == bv && i < pool[bk]),
            };
            if better {
                best = Some((k, v));
            }
        }
        let Some((k, _)) = best else { break };
        done[k] = true;
        let i = pool[k];
        let it = &c.items[i];
        let cost = meter.cost(it.features.words as usize, it.chars, picked.len());
        let cut = if cost <= left {
            left -= cost;
            None
        } else {
            // A second cut must keep a clause-sized piece, not a fragment; after a whole
            // unit, a cut keeps at least a few words; the first piece may be one word.
            let min = if trimmed {
                2 * MIN_CUT_WORDS
            } else if picked.is_empty() {
                1
            } else {
                MIN_CUT_WORDS
            };
            match best_cut(&it.cuts(text), meter, left, picked.len(), min) {
                Some(cut) => {
                    left -= meter.cost(cut.words, cut.chars, picked.len());
                    trimmed = true;
                    Some(cut)
                }
                None => continue,
            }
        };
        picked.push((i, max_sim[k], cut));
        for (m, &j) in pool.iter().enumerate() {
            if !done[m] {
                let s = similarity(&it.vector, &c.items[j].vector);
                if s > max_sim[m] {
                    max_sim[m] = s;
                }
            }
        }
    }
    for &i in rest {
        let it = &c.items[i];
        let cost = meter.cost(it.features.words as usize, it.chars, picked.len());
        if cost <= left {
            left -= cost;
            picked.push((i, 0.0, None));
        }
    }
    // An over-long unit in a sentence budget shows its first clauses.
    if let Meter::Units(_) = meter {
        for p in &mut picked {
            if p.2.is_none() {
                p.2 = c.items[p.0].long_cut;
            }
        }
    }
    picked.sort_unstable_by_key(|&(i, _, _)| i);
    picked
        .into_iter()
        .map(|(i, red, cut)| {
            let it = &c.items[i];
            let mut features = it.features;
            features.redundancy = red;
            let mut span = it.span;
            if let Some(cut) = cut {
                span.end = cut.end;
                features.words = cut.words as f64;
            }
            SummarySentence {
                sentence: it.first,
                last_sentence: it.last,
                span,
                score: scores[i],
                features,
                truncated: cut.is_some(),
            }
        })
        .collect()
}

/// Shortest acceptable piece of a cut unit, in words.
const MIN_CUT_WORDS: usize = 4;

/// The longest cut that fits in `left`, preferring a clause boundary that keeps at least
/// two thirds of what a plain word boundary would.
fn best_cut(cuts: &[Cut], meter: Meter, left: usize, picked: usize, min: usize) -> Option<Cut> {
    let fits = |c: &&Cut| meter.cost(c.words, c.chars, picked) <= left;
    let word = cuts.iter().rev().find(fits)?;
    if word.words < min {
        return None;
    }
    let clause = cuts.iter().rev().filter(|c| c.clause).find(fits);
    match clause {
        Some(c) if c.words * 3 >= word.words * 2 => Some(*c),
        _ => Some(*word),
    }
}

#[cfg(test)]
mod tests {
    use crate::Analyzer;
    use crate::summary::{Budget, Summarizer};

    const TEXT: &str = "افتتح وزير الصحة اليوم مستشفى جديدا في المدينة بسعة ثلاثمئة سرير، بتكلفة بلغت نصف مليار ريال.\nوقال الوزير إن المستشفى يخدم سكان المحافظات الشمالية.\nويضم المستشفى قسما للطوارئ ومركزا لعلاج السرطان.\nوأضاف أن الوزارة تعتزم افتتاح مستشفيين آخرين العام المقبل.";

    fn summary(b: Budget, trim: bool) -> Vec<String> {
        let a = Analyzer::new();
        let d = a.analyze(TEXT);
        Summarizer::new()
            .with_trim(trim)
            .summarize(TEXT, d.sentences(), d.tokens(), d.quotes(), b)
            .iter()
            .map(|s| s.span.as_str(TEXT).to_string())
            .collect()
    }

    #[test]
    fn sentence_budget() {
        assert_eq!(summary(Budget::Sentences(0), true).len(), 0);
        assert_eq!(summary(Budget::Sentences(2), true).len(), 2);
        assert_eq!(summary(Budget::Sentences(9), true).len(), 4);
    }

    #[test]
    fn word_budget_trims_at_a_clause() {
        let s = summary(Budget::Words(12), true);
        assert_eq!(s.len(), 1);
        assert!(s[0].ends_with("سرير"), "{s:?}");
        assert!(
            summary(Budget::Words(12), false)
                .iter()
                .all(|x| x.split_whitespace().count() <= 12)
        );
    }

    #[test]
    fn chars_and_ratio_budgets() {
        let s = summary(Budget::Chars(120), false);
        let n: usize =
            s.iter().map(|x| x.chars().count()).sum::<usize>() + s.len().saturating_sub(1);
        assert!(n <= 120 && !s.is_empty());
        assert!(summary(Budget::Ratio(0.0), true).is_empty());
        assert_eq!(summary(Budget::Ratio(1.0), true).len(), 4);
        assert!(summary(Budget::Ratio(f64::NAN), true).is_empty());
    }
}
