//! The score of a unit: a transparent weighted sum of its [`Features`].
//!
//! The weights are data (`data/summary/weights.txt`, `name value` per line), fitted on the
//! EASC dev half and the news dev articles by `cargo run --release --example
//! fit_summary_weights` on the feature set that cross-fitting kept
//! (`scripts/summary_crossfit.py`; see `data/summary/README.md`), and can be replaced with
//! [`Weights::parse`].

use super::Features;

const WEIGHTS_TXT: &str = include_str!("../../data/summary/weights.txt");

/// An error in a weights file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WeightsError {
    /// A line is not `name value`, or the value is not a finite number.
    #[error("weights line {line}: expected `name value`, got {text:?}")]
    Syntax {
        /// 1-based line number.
        line: usize,
        /// The line.
        text: String,
    },
    /// The name is not a known weight.
    #[error("weights line {line}: unknown weight {name:?}")]
    Unknown {
        /// 1-based line number.
        line: usize,
        /// The name.
        name: String,
    },
}

macro_rules! weights {
    ($($name:ident),* $(,)?) => {
        /// Feature weights (one per [`Features`] field that enters the score) and the MMR
        /// redundancy weight.
        #[derive(Clone, Copy, Debug, Default, PartialEq)]
        pub struct Weights {
            $(
                #[doc = concat!("Weight of the `", stringify!($name), "` feature.")]
                pub $name: f64,
            )*
            /// How much similarity to an already picked unit costs (MMR λ).
            pub redundancy: f64,
        }

        impl Weights {
            /// The names of all weights, in file order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name),)* "redundancy"];

            /// The weighted sum of `f` (without redundancy).
            pub fn score(&self, f: &Features) -> f64 {
                0.0 $(+ self.$name * f.$name)*
            }

            /// The value of the feature called `name` in `f` (`None` for `redundancy`).
            pub fn feature(f: &Features, name: &str) -> Option<f64> {
                match name {
                    $(stringify!($name) => Some(f.$name),)*
                    _ => None,
                }
            }

            /// A mutable reference to the weight called `name`.
            pub fn get_mut(&mut self, name: &str) -> Option<&mut f64> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    "redundancy" => Some(&mut self.redundancy),
                    _ => None,
                }
            }

            /// The weight called `name`.
            pub fn get(&self, name: &str) -> Option<f64> {
                let mut w = *self;
                w.get_mut(name).map(|v| *v)
            }
        }
    };
}

weights!(
    position,
    relative,
    first,
    paragraph_start,
    keyword,
    centroid,
    title,
    length,
    short,
    long,
    dangling,
    question,
    unterminated,
    quote,
);

impl Weights {
    /// The built-in weights (`data/summary/weights.txt`).
    pub fn builtin() -> Weights {
        Weights::parse(WEIGHTS_TXT).unwrap_or_default()
    }

    /// Parse `name value` lines; `#` starts a comment; missing names weigh 0.
    pub fn parse(s: &str) -> Result<Weights, WeightsError> {
        let mut w = Weights::default();
        for (i, line) in s.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut it = line.split_whitespace();
            let (Some(name), Some(value), None) = (it.next(), it.next(), it.next()) else {
                return Err(WeightsError::Syntax {
                    line: i + 1,
                    text: line.to_string(),
                });
            };
            let value: f64 = match value.parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    return Err(WeightsError::Syntax {
                        line: i + 1,
                        text: line.to_string(),
                    });
                }
            };
            match w.get_mut(name) {
                Some(slot) => *slot = value,
                None => {
                    return Err(WeightsError::Unknown {
                        line: i + 1,
                        name: name.to_string(),
                    });
                }
            }
        }
        Ok(w)
    }

    /// The weights as a `name value` file.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for name in Weights::NAMES {
            let v = self.get(name).unwrap_or(0.0);
            s.push_str(&format!("{name} {v}\n"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_weights_parse() {
        assert!(Weights::parse(WEIGHTS_TXT).is_ok());
    }

    #[test]
    fn round_trip_and_errors() {
        let w = Weights::builtin();
        assert_eq!(Weights::parse(&w.to_text()).unwrap(), w);
        assert!(Weights::parse("position").is_err());
        assert!(Weights::parse("nosuch 1").is_err());
        assert!(Weights::parse("position NaN").is_err());
    }
}
