#!/usr/bin/env bash
# The quote archive on all of SaudiNewsNet: build time, database size, warm query latency,
# and the archive's speaker checks:
#   khabar index build saudinewsnet.jsonl.gz -o quotes.db
#   khabar who "جون كيري" -d quotes.db --json ; khabar search … ; khabar speakers …
# With CHECK=1 (as .ci/run calls it when ../shared is present) it fails unless:
#   - every quote whose speaker's name holds جون كيري (any spelling, any title chain), bar
#     at most 2% (names the speaker stage cut wrongly), belongs to one speaker, which also
#     holds the quotes of كيري alone;
#   - no anonymous source is a speaker across articles (anonymous, group and document
#     speakers are one per article, and no merged speaker's name opens with مصدر/مصادر/مسؤول);
#   - who, search and speakers answer in < 100 ms warm (cli/tests/index.rs, best of 3).
# Takes about a minute on 2 cores (most of it the build).
#
# Usage: [CHECK=1] bash scripts/index_bench.sh [CORPUS.jsonl.gz] [DB]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
CORPUS=${1:-$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB=${2:-$T/quotes.db}
cargo build --release -q -p khabar-cli
BIN=target/release/khabar
rm -f "$DB" "$DB-wal" "$DB-shm"
start=$(date +%s.%N)
TIMEFORMAT='index build: %R s wall, %U s user + %S s sys CPU'
time "$BIN" index build "$CORPUS" -o "$DB" --quiet
end=$(date +%s.%N)
python3 - "$DB" "$start" "$end" "${CHECK:-0}" <<'PY'
import sqlite3, sys, os
db, start, end, check = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
c = sqlite3.connect(db)
one = lambda q, *a: c.execute(q, a).fetchone()[0]
print(f"index build: {one('SELECT count(*) FROM articles')} articles, "
      f"{one('SELECT count(*) FROM quotes')} quotes, "
      f"{one('SELECT count(*) FROM speakers')} speakers "
      f"({one('SELECT count(*) FROM speakers WHERE key NOT LIKE ?', '#%')} merged by key) "
      f"in {end - start:.1f} s; database {os.path.getsize(db) / 1e6:.1f} MB")
fails = []
# Kerry: every quote whose speaker name holds his full name, by speaker.
# (Names of two people, وزير الخارجية المصري سامح شكري ونظيره الأميركي جون كيري, name the
# first one: a word after the first opening with و joins a second person.)
import re
two = lambda n: any(w.startswith("و") for w in n.split("جون")[0].split()[1:])
by = {}
for sp, name, n in c.execute("""SELECT k.speaker, q.speaker_name, count(*) FROM quotes q
        JOIN speaker_keys k ON k.skey = q.skey
        WHERE replace(q.speaker_name, 'ى', 'ي') LIKE '%جون كيري%' GROUP BY 1, 2"""):
    if not two(name):
        by[sp] = by.get(sp, 0) + n
rows = sorted(by.items(), key=lambda x: -x[1])
total = sum(n for _, n in rows)
main_id, main_n = rows[0]
alone = c.execute("""SELECT count(*), sum(k.speaker = ?) FROM quotes q JOIN speaker_keys k ON k.skey = q.skey
    WHERE q.speaker_name = 'كيري'""", (main_id,)).fetchone()
print(f"جون كيري: {main_n} of {total} quotes naming him in one speaker ({main_n / total:.3f}); "
      f"{len(rows) - 1} other speakers hold {total - main_n}; "
      f"'كيري' alone: {alone[1]} of {alone[0]} quotes in that speaker")
forms = c.execute("""SELECT count(DISTINCT speaker_name) FROM quotes q JOIN speaker_keys k ON k.skey = q.skey
    WHERE k.speaker = ?""", (main_id,)).fetchone()[0]
print(f"  {forms} distinct name forms merged into it")
if main_n / total < 0.98 or alone[1] != alone[0]:
    fails.append("جون كيري is not one speaker")
# Anonymous sources.
cross = one("""SELECT count(*) FROM speakers WHERE kind IN ('anonymous', 'group', 'document')
    AND articles > 1""")
named = c.execute("""SELECT name, articles FROM speakers WHERE key NOT LIKE '#%' AND articles > 1 AND
    (name LIKE 'مصدر%' OR name LIKE 'مصادر%' OR name LIKE 'المصدر%' OR name LIKE 'المصادر%'
     OR name LIKE 'مسؤول %' OR name = 'مسؤول' OR name LIKE 'مسئول%')""").fetchall()
anon_quotes = one("SELECT count(*) FROM quotes WHERE speaker_kind = 'anonymous'")
print(f"anonymous: {anon_quotes} quotes; anonymous/group/document speakers across articles: {cross}; "
      f"merged speakers named like an anonymous source: {len(named)} {named[:5]}")
if cross or named:
    fails.append("anonymous sources merged")
if check and fails:
    sys.exit("index_bench: FAILED: " + "; ".join(fails))
PY
for args in "who جون_كيري --limit 10" "search الحكومة_السعودية" "search والحكومة --speaker جون_كيري" "speakers --top 20"; do
  read -r -a a <<< "$args"
  a=("${a[@]//_/ }")
  "$BIN" "${a[@]}" -d "$DB" --json > /dev/null
  best=$(for i in 1 2 3; do s=$(date +%s%N); "$BIN" "${a[@]}" -d "$DB" --json > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 )); done | sort -n | head -1)
  awk -v us="$best" -v q="${a[*]}" 'BEGIN { printf "khabar %s --json: %.1f ms (best of 3, warm)\n", q, us / 1000 }'
done
KHABAR_INDEX_DB="$DB" cargo test --release -q -p khabar-cli --test index queries_answer_within_100_ms_warm
