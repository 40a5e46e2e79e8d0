#!/usr/bin/env bash
# Out-of-domain scores (issue 18): AUROC and FPR at 95% in-domain recall of max softmax probability,
# energy and the Mahalanobis score at several covariance ranks (and the float16 domain.json as
# stored), the model's own NDSB validation split (in-domain) against WHOI IFCB images (another
# instrument) and 300 synthetic far-out images (noise, gradients, rendered text). The Gaussians are
# fitted on the model's training split, as fit-domain does. Prints a Markdown table (docs/results.md).
# Usage: bench/domain.sh [MODEL] [NDSB_DATA] [OOD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/ndsb-v4}"
data="${2:-../shared/data/ndsb/train}"
ood="${3:-../shared/data/whoi-ifcb/images}"
echo "machine: $(nproc) cores, PLANKTON_THREADS=${PLANKTON_THREADS:-all}; $(uptime | sed 's/.*load/load/')" >&2
./plankton benchmark-domain --model "$model" --data "$data" --ood "$ood" --synthetic 300 --ranks 0,256,128,64
