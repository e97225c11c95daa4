//! The speaker-merging test: surface forms of real archive speakers with their true groups
//! (`cli/tests/data/speaker_merge.tsv`), merged as `index build` merges them (the library's
//! key, then a family name alone joins a unique full name), scored pairwise.

use std::collections::HashMap;

use super::db::resolve_keys;

/// Pairwise precision and recall of merging `forms` (group, name) by the archive's keys.
pub fn score(forms: &[(String, String)]) -> (f64, f64, Vec<String>) {
    let keys: Vec<Option<String>> = forms.iter().map(|(_, n)| khabar::speaker_key(n)).collect();
    let resolved = resolve_keys(
        keys.iter()
            .zip(forms)
            .filter_map(|(k, (_, n))| Some((k.as_deref()?, n.as_str()))),
    );
    let cluster: Vec<Option<&String>> = keys
        .iter()
        .map(|k| k.as_ref().map(|k| &resolved[k]))
        .collect();
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    let mut notes = Vec::new();
    for i in 0..forms.len() {
        for j in i + 1..forms.len() {
            let same = forms[i].0 == forms[j].0;
            let merged = cluster[i].is_some() && cluster[i] == cluster[j];
            match (same, merged) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    notes.push(format!("wrongly merged: {} | {}", forms[i].1, forms[j].1));
                }
                (true, false) => {
                    fn_ += 1;
                    notes.push(format!("not merged: {} | {}", forms[i].1, forms[j].1));
                }
                (false, false) => {}
            }
        }
    }
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    (p, r, notes)
}

/// The test set's (group, name) lines.
pub fn parse(tsv: &str) -> Vec<(String, String)> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(g, n)| (g.trim().to_string(), n.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_merging_on_real_archive_names() {
        let forms = parse(include_str!("../../tests/data/speaker_merge.tsv"));
        let groups: HashMap<&str, usize> = forms.iter().fold(HashMap::new(), |mut m, (g, _)| {
            *m.entry(g.as_str()).or_default() += 1;
            m
        });
        assert!(forms.len() >= 150 && groups.len() >= 50);
        let (p, r, notes) = score(&forms);
        for n in &notes {
            println!("{n}");
        }
        println!(
            "speaker merging: {} surface forms of {} speakers: pairwise precision {p:.3}, recall {r:.3}",
            forms.len(),
            groups.len()
        );
        assert!(p >= 0.98, "precision {p:.3} < 0.98");
        assert!(r >= 0.90, "recall {r:.3} < 0.90");
    }

    #[test]
    fn the_score_counts_wrong_and_missed_merges() {
        let f = |g: &str, n: &str| (g.to_string(), n.to_string());
        let forms = [
            f("a", "جون كيري"),
            f("a", "كيري"),
            f("b", "مصدر"),
            f("c", "مصدر"),
        ];
        assert_eq!(score(&forms).0, 1.0);
        assert_eq!(score(&forms).1, 1.0);
        let wrong = [f("a", "جون كيري"), f("b", "وزير الخارجية جون كيري")];
        assert_eq!(score(&wrong).0, 0.0);
        let missed = [f("a", "سيرجي لافروف"), f("a", "فلاديمير بوتين")];
        assert_eq!(score(&missed).1, 0.0);
    }
}
