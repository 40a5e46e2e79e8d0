#!/usr/bin/env bash
# Retraining from reviews on another instrument (issue 19, items 5 and 6): how many validated images
# the loop needs to learn a new instrument's classes. Starts `plankton serve` on a temporary data folder
# with the NDSB model, uploads the WHOI IFCB images of the classes with at least MIN images as one
# sample, labels each through the API with its true class (a correction with "new_class": true: none
# of these classes is an NDSB class), and retrains from the started model on growing shares of the
# reviewed images. The held-out images (the server's fixed fifth, by a hash of each image id) are
# reviewed first, in every round, so every retrain is scored on the same images; the training shares
# grow from a seeded shuffle of the rest. Prints one line per round from GET /api/retrain/report.
# No version is activated, so every round starts from the same model.
# Usage: bench/retrain-whoi.sh [MODEL] [IMAGES] [EPOCHS|auto] [MIN] [SHARES...]   (shares in percent)
# PLANKTON_CMD overrides the launcher (default ./plankton); PLANKTON_THREADS is passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/ndsb-v4}"
images="${2:-../shared/data/whoi-ifcb/images}"
epochs="${3:-auto}"   # auto: the server chooses (RetrainRequest.epochsFor)
min="${4:-10}"
shift 4 2>/dev/null || shift $#
shares=("$@"); [ ${#shares[@]} -gt 0 ] || shares=(25 50 100)
port="${PLANKTON_BENCH_PORT:-18191}"
url="http://127.0.0.1:$port"
data="$(mktemp -d)"
${PLANKTON_CMD:-./plankton} serve --model "$model" --port "$port" --data-dir "$data" >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
  curl -sf "$url/api/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$data/serve.log" >&2; exit 1; }
  sleep 1
done
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

sample=$(curl -sf -H 'Content-Type: application/json' -d '{"name": "whoi-ifcb"}' "$url/api/samples" | json 'd["id"]')
classes=()
for dir in "$images"/*/; do
  cls="$(basename "$dir")"
  files=("$dir"*.jpg)
  [ -e "${files[0]}" ] && [ ${#files[@]} -ge "$min" ] || continue
  classes+=("$cls")
  form=()
  # the class goes into the uploaded name (class__file) so the true label can be read back per image
  for f in "${files[@]}"; do form+=(-F "files=@$f;filename=${cls}__$(basename "$f")"); done
  curl -sf "${form[@]}" "$url/api/samples/$sample/images" >/dev/null
done
echo "sample $sample: ${#classes[@]} classes with at least $min images" >&2
curl -sf "$url/api/samples/$sample/images?limit=1000" > "$data/images.json"

# review order: held-out images first (the server's rule, TrainingFolder.heldOut), then the rest shuffled
python3 - "$data/images.json" > "$data/order.tsv" <<'PY'
import json, random, sys
def held_out(i):
    h = (i * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 32
    if h >= 1 << 63:
        h -= 1 << 64
    return h % 5 == 0
imgs = json.load(open(sys.argv[1]))["images"]
rows = [(im["id"], im["file"].split("__")[0]) for im in imgs]
held = [r for r in rows if held_out(r[0])]
rest = [r for r in rows if not held_out(r[0])]
random.Random(19).shuffle(rest)
for i, c in held:
    print(i, c, "held", sep="\t")
for i, c in rest:
    print(i, c, "train", sep="\t")
PY
held=$(grep -c $'\theld$' "$data/order.tsv")
train=$(grep -c $'\ttrain$' "$data/order.tsv")
echo "$((held + train)) images: $held held out, $train for training" >&2

review() { # id class
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"label\": \"$2\", \"who\": \"bench\", \"new_class\": true}" "$url/api/images/$1/correct" >/dev/null
}
while IFS=$'\t' read -r id cls kind; do
  if [ "$kind" = held ]; then review "$id" "$cls"; fi
done < "$data/order.tsv"
reviewed=0
for share in "${shares[@]}"; do
  want=$(( train * share / 100 ))
  n=0
  while IFS=$'\t' read -r id cls kind; do
    [ "$kind" = train ] || continue
    n=$((n + 1))
    if [ $n -gt $reviewed ] && [ $n -le $want ]; then review "$id" "$cls"; fi
  done < "$data/order.tsv"
  reviewed=$want
  start=$(date +%s)
  job=$(curl -sf -H 'Content-Type: application/json' -d "{\"samples\": [$sample]$([ "$epochs" = auto ] || echo ", \"epochs\": $epochs")}" \
    "$url/api/retrain" | json 'd["job"]')
  while :; do
    state=$(curl -sf "$url/api/retrain/$job" | json 'd["state"]')
    [ "$state" = running ] || break
    sleep 5
  done
  used=$(curl -sf "$url/api/retrain/$job" | json 'd["epochs"]')
  echo "round $share%: $want training reviews, job $job $state, $used epochs, in $(( $(date +%s) - start )) s" >&2
  [ "$state" = done ] || { curl -sf "$url/api/retrain/$job" >&2; exit 1; }
done

curl -sf "$url/api/retrain/report" | python3 -c '
import json, sys
rows = json.load(sys.stdin)
f = lambda v: "-" if v is None else "%.3f" % v
print("| version | validated images used | held-out images | accuracy old | accuracy new | gain | log loss old | log loss new |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print("| %s | %d | %d | %s | %s | %s | %s | %s |" % (r["version"], r["train_images"], r["held_out_images"],
          f(r["accuracy_old"]), f(r["accuracy_new"]), f(r["accuracy_gain"]), f(r["log_loss_old"]), f(r["log_loss_new"])))
'
