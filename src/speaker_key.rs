//! The archive-wide key of a speaker's name: names with the same key are one speaker.
//!
//! [`speaker_key`] is a pure function of the name, so that a laptop building an archive and
//! a cluster grouping quotes by key across partitions give the same speakers. It folds the
//! name (hamza forms, alef maqsura, ta marbuta, diacritics, tatweel, الأميركي/الأمريكي), takes
//! the title chain off a person's name (وزير الخارجية الأمريكي جون كيري → جون كيري), keeps a
//! person's given and family names and a father named with بن (أحمد داود أوغلو → أحمد
//! أوغلو; عادل بن أحمد بن علي الجبير → عادل بن أحمد الجبير; a name that is only a chain of بن
//! keeps its first link: محمد بن سلمان بن عبدالعزيز → محمد بن سلمان), and
//! gives no key to anonymous sources (مصدر، مسؤول …) or pronoun-like references (سموه),
//! which must never be merged. A name that is only a role (وزارة الخارجية، المتحدث الرسمي
//! للوزارة) keys as that role. The word lists are `data/speaker_key.txt`.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::fold::fold_str;

/// The word classes of `data/speaker_key.txt`, folded.
struct Lists {
    title: HashSet<String>,
    anon: HashSet<String>,
    pronoun: HashSet<String>,
    given: HashSet<String>,
    honor: HashSet<String>,
    named: HashSet<String>,
    royal: HashSet<String>,
    stop: HashSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut l = Lists {
            title: HashSet::new(),
            anon: HashSet::new(),
            pronoun: HashSet::new(),
            given: HashSet::new(),
            honor: HashSet::new(),
            named: HashSet::new(),
            royal: HashSet::new(),
            stop: HashSet::new(),
        };
        for line in crate::data::entries(include_str!("../data/speaker_key.txt")) {
            // A comment may also end a line.
            let line = line.split('#').next().unwrap_or("");
            let mut words = line.split_whitespace();
            let set = match words.next() {
                Some("title") => &mut l.title,
                Some("anon") => &mut l.anon,
                Some("pronoun") => &mut l.pronoun,
                Some("given") => &mut l.given,
                Some("honor") => &mut l.honor,
                Some("named") => &mut l.named,
                Some("royal") => &mut l.royal,
                Some("stop") => &mut l.stop,
                _ => continue,
            };
            for w in words {
                set.extend(tokens(w));
            }
        }
        l
    })
}

/// The folded word tokens of `s`: letters and digits, with عبد and أبو joined to the next
/// word (عبد الله = عبدالله) and hamza seats unified (مسؤول = مسئول).
fn tokens(s: &str) -> Vec<String> {
    let folded: String = fold_str(s)
        .chars()
        .map(|c| match c {
            'ؤ' | 'ئ' => 'ء',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut join_next = false;
    for w in folded.split_whitespace() {
        let w = w.replace("اميرك", "امريك");
        if join_next && let Some(last) = out.last_mut() {
            last.push_str(&w);
            join_next = false;
            continue;
        }
        join_next = w == "عبد" || w == "ابو";
        out.push(w);
    }
    out
}

/// `w` with a leading conjunction or preposition taken off when what remains is in `set`
/// (بوزارة → وزارة, للمركز → المركز, والمتحدث → المتحدث).
fn in_set(set: &HashSet<String>, w: &str) -> bool {
    if set.contains(w) {
        return true;
    }
    let mut rest = w;
    for _ in 0..2 {
        let Some(c) = rest.chars().next() else {
            return false;
        };
        if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
            return false;
        }
        rest = &rest[c.len_utf8()..];
        if set.contains(rest) {
            return true;
        }
        if c == 'ل' && rest.starts_with('ل') && set.contains(&format!("ا{rest}")) {
            return true; // لل = لـ + ال
        }
    }
    false
}

/// A definite word (ال…, لل…, وال…): a descriptor in a title chain (الخارجية الأمريكي).
fn is_definite(w: &str) -> bool {
    let w = w
        .strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .unwrap_or(w);
    let w = ['ب', 'ك']
        .iter()
        .find_map(|p| w.strip_prefix(*p).filter(|r| r.starts_with("ال")))
        .unwrap_or(w);
    w.starts_with("ال") || w.starts_with("لل")
}

/// The archive-wide key of a speaker's name (the entity's fullest name in its article):
/// names with equal keys are the same speaker. `None` for a name that must never be merged
/// with another: an anonymous source, a pronoun-like reference, a lone title word, or a name
/// with no letters.
///
/// ```
/// use khabar::speaker_key;
///
/// let k = speaker_key("وزير الخارجية الأمريكي جون كيري");
/// assert_eq!(k, speaker_key("جون كيري"));
/// assert_eq!(k, speaker_key("وزير خارجية الولايات المتحدة الأميركية جون كيري"));
/// assert_ne!(k, speaker_key("كيري")); // a family name alone is not enough
/// assert_eq!(speaker_key("مصدر أمني"), None);
/// ```
pub fn speaker_key(name: &str) -> Option<String> {
    let l = lists();
    let mut toks = tokens(name);
    if let Some(i) = toks.iter().position(|t| l.stop.contains(t)) {
        toks.truncate(i);
    }
    let first = toks.first()?;
    if in_set(&l.anon, first) || toks.iter().any(|t| l.pronoun.contains(t)) {
        return None;
    }
    // A lone title or given name (الوزير، محمد) names nobody in particular.
    if toks.len() == 1
        && (in_set(&l.title, first) || l.given.contains(first) || first.chars().count() < 2)
    {
        return None;
    }
    // A word after بن is a name even when it is also a title (عبدالله بن مساعد).
    let is_bin = |i: usize| i > 0 && matches!(toks[i - 1].as_str(), "بن" | "ابن" | "بنت");
    let is_title = |t: &String| in_set(&l.title, t);
    let last_title = (0..toks.len())
        .rev()
        .find(|&i| is_title(&toks[i]) && !is_bin(i));
    // A known given name opens the personal name, which runs to the next title (جون كيري
    // أمام الكونغرس، سامح شكري ونظيره …), unless it names an institution (مركز الملك سلمان).
    let given_at = (0..toks.len()).find(|&i| {
        l.given.contains(&toks[i])
            && !is_bin(i)
            && !(i >= 2 && l.royal.contains(&toks[i - 1]) && in_set(&l.named, &toks[i - 2]))
    });
    let personal: &[String] = match (given_at, last_title) {
        (Some(g), Some(_)) => {
            let end = (g + 1..toks.len())
                .find(|&i| is_title(&toks[i]) && !is_bin(i))
                .unwrap_or(toks.len());
            &toks[g..end]
        }
        (_, Some(last)) => {
            let after = &toks[last + 1..];
            // A name before the titles (عادل الجبير وزير الخارجية، X مدرب الأرجنتين).
            let lead = &toks[..toks.iter().position(is_title).unwrap_or(0)];
            let given = after.iter().position(|t| l.given.contains(t));
            let start = given
                .or_else(|| after.iter().position(|t| !is_definite(t)))
                .unwrap_or(after.len());
            let p = &after[start..];
            // مركز الملك سلمان بن عبدالعزيز: a name after a royal title names the institution.
            let institution =
                last > 0 && l.royal.contains(&toks[last]) && in_set(&l.named, &toks[last - 1]);
            // Without a known given name, a name after the titles must look like one (not
            // لكرة القدم).
            let name_like = given.is_some()
                || (lead.is_empty()
                    && (p.len() <= 3 || p.iter().any(|t| t == "بن"))
                    && p.first().is_some_and(|t| !t.starts_with('ل')));
            if !p.is_empty() && !institution && name_like {
                p
            } else {
                lead
            }
        }
        (_, None) => &toks,
    };
    if personal.is_empty() {
        // A role: the title chain without its honorifics.
        let role: Vec<&str> = toks
            .iter()
            .filter(|t| !l.honor.contains(*t))
            .map(String::as_str)
            .collect();
        return (!role.is_empty()).then(|| role.join(" "));
    }
    if personal.len() == 1 && l.given.contains(&personal[0]) {
        return None;
    }
    if !l.given.contains(&personal[0]) && !personal.iter().any(|t| t == "بن") {
        // Not a given name first: a body or an unfamiliar name, kept whole.
        return Some(personal.join(" "));
    }
    Some(person_key(personal))
}

/// Given name and family name of a personal name; a chain of بن keeps its first link.
fn person_key(p: &[String]) -> String {
    let is_bin = |t: &str| t == "بن" || t == "ابن" || t == "بنت";
    let mut p: Vec<&str> = p.iter().map(String::as_str).collect();
    // سلمان بن عبدالعزيز آل سعود: the house name goes when a بن chain names the person.
    if p.len() >= 4 && p[p.len() - 2] == "ال" && p.iter().any(|t| is_bin(t)) {
        p.truncate(p.len() - 2);
    }
    if p.len() <= 2 {
        return p.join(" ");
    }
    let last = p.len() - 1;
    if p.len() >= 4 && is_bin(p[1]) && !is_bin(p[last - 1]) {
        // عادل بن أحمد الجبير: the father named with بن tells namesakes apart; the archive
        // joins عادل الجبير to it on evidence (see the CLI's index).
        return format!("{} {} {} {}", p[0], p[1], p[2], p[last]);
    }
    if is_bin(p[last - 1]) {
        // محمد بن سلمان (بن عبدالعزيز)
        if is_bin(p[1]) {
            return p[..3].join(" ");
        }
        return p.join(" ");
    }
    if p[last - 1] == "ال" {
        return format!("{} ال {}", p[0], p[last]);
    }
    format!("{} {}", p[0], p[last])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Option<String> {
        speaker_key(s)
    }

    #[test]
    fn title_chains_and_spellings_of_one_person_share_a_key() {
        let base = k("جون كيري");
        assert_eq!(base.as_deref(), Some("جون كيري"));
        for v in [
            "وزير الخارجية الأمريكي جون كيري",
            "وزير الخارجية الأميركي جون كيري",
            "وزير الخارجية الاميركي جون كيري",
            "وزير خارجية الولايات المتحدة الأمريكية جون كيري",
            "جون كيري وزير الخارجية الأمريكي",
            "وزير الخارجية الأمريكي جون كيري أمام الكونغرس الأمريكي",
            "وزير الخارجية الأمريكي جون كيري عبر",
        ] {
            assert_eq!(k(v), base, "{v}");
        }
        assert_eq!(
            k("معالي وزير الخارجية الأستاذ عادل بن أحمد الجبير"),
            k("وزير الخارجية عادل بن احمد الجبير")
        );
        assert_eq!(k("رئيس الوزراء التركي أحمد داود أوغلو"), k("احمد أوغلو"));
        assert_eq!(
            k("المتحدث الرسمي باسم الانتخابات البلدية المهندس جديع بن نهار القحطاني").as_deref(),
            Some("جديع بن نهار القحطاني")
        );
        assert_eq!(k("الأمير محمد بن سلمان بن عبدالعزيز"), k("محمد بن سلمان"));
        assert_eq!(
            k("خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود"),
            k("الملك سلمان بن عبد العزيز")
        );
        assert_eq!(k("مدير المرصد رامي عبد الرحمن"), k("رامي عبدالرحمن"));
        assert_eq!(
            k("جيراردو مارتينو مدرب الأرجنتين لكرة القدم"),
            k("جيراردو مارتينو")
        );
        assert_ne!(k("مدرب المنتخب لكرة القدم"), k("جيراردو مارتينو"));
        assert_ne!(
            k("الاتحاد الدولي لكرة القدم"),
            k("الاتحاد السعودي لكرة القدم")
        );
        assert_ne!(
            k("مدير مركز الملك سلمان بن عبدالعزيز"),
            k("الملك سلمان بن عبدالعزيز")
        );
        assert_ne!(k("صحيفة ديلي ميل البريطانية"), k("صحيفة مترو البريطانية"));
    }

    #[test]
    fn different_people_and_non_people_stay_apart() {
        assert_ne!(k("جون كيري"), k("كيري"));
        assert_ne!(k("محمد بن سلمان"), k("محمد بن نايف"));
        assert_eq!(
            k("الأمير عبدالله بن مساعد").as_deref(),
            Some("عبدالله بن مساعد")
        );
        assert_ne!(k("عادل الجبير"), k("عادل الطريفي"));
        assert_ne!(
            k("المتحدث الرسمي لمركز الملك سلمان"),
            k("الملك سلمان"),
            "the centre's spokesman is not the king"
        );
        for anon in [
            "محمد",
            "الشيخ يوسف",
            "مصدر أمني",
            "مصادر مطلعة",
            "المسؤول",
            "مسئول كبير",
            "سموه",
            "الوزير",
            "د",
        ] {
            assert_eq!(k(anon), None, "{anon}");
        }
        assert_eq!(k(""), None);
        assert_eq!(k("«»"), None);
    }

    #[test]
    fn roles_key_as_roles() {
        assert_eq!(k("وزارة الداخلية"), Some("وزاره الداخليه".into()));
        assert_eq!(k("معالي وزير الصحة"), k("وزير الصحة"));
    }
}
