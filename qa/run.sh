#!/bin/bash
# Generate the synthetic layouts (qa/gen.py), parse every file with extractor, score against the expected JSON.
# Usage (from anywhere):  bash qa/run.sh [VARIANT_ID ...]
# Env: PY      interpreter with extractor and python-docx (default: .venv/bin/python if present, else python3)
#      SCORER  scorer script (default: shared/tools/score.py in the nearest folder above the repo root)
#      OUT     output folder (default: qa/out)
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
if [ -z "${PY:-}" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi
PY=$(command -v "$PY" 2>/dev/null || echo "$PY")
case "$PY" in /*) ;; *) PY="$ROOT/$PY" ;; esac
if [ -z "${SCORER:-}" ]; then   # shared/tools/score.py in the nearest folder above the repository
  d=$(dirname "$ROOT")
  while [ "$d" != / ] && [ ! -f "$d/shared/tools/score.py" ]; do d=$(dirname "$d"); done
  SCORER="$d/shared/tools/score.py"
fi
case "$SCORER" in /*) ;; *) SCORER="$ROOT/$SCORER" ;; esac
OUT=${OUT:-qa/out}
case "$OUT" in /*) ;; *) OUT="$ROOT/$OUT" ;; esac

if [ $# -eq 0 ]; then
  rm -rf "$OUT"   # stale variants must not be scored
fi
"$PY" qa/gen.py --out "$OUT" "$@" || echo "qa/gen.py: some variants could not be converted to PDF" >&2

mkdir -p "$OUT/parsed"
: > "$OUT/pairs.tsv"
for exp in "$OUT"/*.expected.json; do
  stem=${exp%.expected.json}
  for f in "$stem.docx" "$stem.pdf" "$stem.txt" "$stem.layout.txt" "$stem.cp1251.txt" \
           "$stem.calc.pdf" "$stem.web.pdf" "$stem.lotext.txt" "$stem.xlsx" "$stem.html"; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    out="parsed/$name.json"
    "$PY" -m extractor parse "$f" > "$OUT/$out" 2> "$OUT/parsed/$name.err" \
      || echo "PARSE-FAIL $name: $(tail -1 "$OUT/parsed/$name.err")"
    printf '%s\t%s\n' "$(basename "$exp")" "$out" >> "$OUT/pairs.tsv"
  done
done
cd "$OUT" || exit 1
"$PY" "$SCORER" --pairs pairs.tsv > score.txt
"$PY" "$SCORER" --pairs pairs.tsv --verbose > score.verbose.txt 2>&1
# contract fields the scorer does not score (annex, signatory position, decision texts)
"$PY" "$ROOT/qa/extra_check.py" pairs.tsv > extra.txt
grep -v '^OVERALL' score.txt | awk '$1 != "field_accuracy=1.000" || $2 != "row_precision=1.000"'
echo "contract fields outside the score: $(grep -c '^  ' extra.txt) differences (see $OUT/extra.txt)"
grep '^OVERALL' score.txt
