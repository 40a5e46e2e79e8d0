#!/usr/bin/env bash
# ONNX Runtime 1.29's native library, loaded from Java, uses thread stack in proportion to the length of the
# process's command line: this loads it with a padded -D argument of N characters on a thread of S MB and
# prints the exit status (139 = SIGSEGV). plankton loads it on a thread sized for the command line
# (org.plankton.onnx.OrtRuntime); this is the measurement behind that.
# Usage: bench/ort-cmdline-stack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl plankton-onnx -am compile >/dev/null  # fetches the ONNX Runtime jar
ort=$(ls ~/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar)
work=$(mktemp -d)
cat > "$work/OrtLoad.java" <<'JAVA'
public class OrtLoad {
    public static void main(String[] a) throws Exception {
        Thread t = new Thread(null, () -> ai.onnxruntime.OrtEnvironment.getEnvironment(), "ort", Long.parseLong(a[0]) << 20);
        t.start();
        t.join();
    }
}
JAVA
javac -cp "$ort" -d "$work" "$work/OrtLoad.java"
printf 'cmdline_padding_chars\tstack_mb\texit_status\n'
for n in 3000 3900 8000 30000 100000; do
  pad=$(head -c "$n" /dev/zero | tr '\0' a)
  for s in 1 2 4 16 64; do
    set +e
    (java "-Dpad=$pad" -cp "$work:$ort" OrtLoad "$s" >/dev/null 2>&1)
    rc=$?
    set -e
    printf '%s\t%s\t%s\n' "$n" "$s" "$rc"
  done
done
rm -rf "$work"
