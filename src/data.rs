//! The one reader of the built-in data files (`data/`): embedded at build time, one entry per
//! line, blank lines and `#` comments skipped, surrounding white space trimmed. Each stage
//! parses its files with it once per process (a `OnceLock` next to the stage's lexicon).

/// The entries of a data file: trimmed, non-blank lines that are not `#` comments.
pub(crate) fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_blanks_and_comments() {
        let e: Vec<&str> = entries("# head\n\n  قال \t\n#x\nend\tيقول\n").collect();
        assert_eq!(e, vec!["قال", "end\tيقول"]);
    }
}
